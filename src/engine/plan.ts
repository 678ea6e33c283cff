// plan: choose and order the cases to run from the loaded suites and the filters.
import type { Case, Suite } from '../suite/types.js';

export interface PlanFilters {
  /** Keep cases having any of these tags (or whose suite name matches one). */
  tags: string[];
  /** Keep cases whose id matches any of these (exact, or a prefix ending in `*`). */
  ids: string[];
}

export interface PlannedSuite {
  suite: Suite;
  cases: Case[];
}

export interface Plan {
  suites: PlannedSuite[];
  cases: Case[];
}

export function makePlan(suites: Suite[], filters: PlanFilters): Plan {
  // Case-insensitive: `ord-list-*` is what people type.
  const ids = filters.ids.map((f) => f.toUpperCase());
  const tags = filters.tags.map((t) => t.toLowerCase());
  const idMatches = (id: string): boolean =>
    ids.length === 0 || ids.some((f) => (f.endsWith('*') ? id.toUpperCase().startsWith(f.slice(0, -1)) : f === id.toUpperCase()));
  const tagMatches = (c: Case): boolean =>
    tags.length === 0 || tags.some((t) => c.tags.some((tag) => tag.toLowerCase() === t) || c.suite.toLowerCase() === t);
  const planned = suites
    .map((suite) => ({ suite, cases: suite.cases.filter((c) => idMatches(c.id) && tagMatches(c)) }))
    .filter((p) => p.cases.length > 0);
  return { suites: planned, cases: planned.flatMap((p) => p.cases) };
}
