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
  const idMatches = (id: string): boolean =>
    filters.ids.length === 0 || filters.ids.some((f) => (f.endsWith('*') ? id.startsWith(f.slice(0, -1)) : f === id));
  const tagMatches = (c: Case): boolean =>
    filters.tags.length === 0 || filters.tags.some((t) => c.tags.includes(t) || c.suite === t);
  const planned = suites
    .map((suite) => ({ suite, cases: suite.cases.filter((c) => idMatches(c.id) && tagMatches(c)) }))
    .filter((p) => p.cases.length > 0);
  return { suites: planned, cases: planned.flatMap((p) => p.cases) };
}
