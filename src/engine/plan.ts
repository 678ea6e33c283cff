// plan: choose and order the cases to run from the loaded suites and the filters, and decide
// which of them cannot apply to this POS (an optional capability it does not declare).
import { capabilityProfile, capabilitySkipReason, type Capability, type CapabilityProfile } from '../contract/capabilities.js';
import type { Case, Suite } from '../suite/types.js';

export interface PlanFilters {
  /** Keep cases having any of these tags (or whose suite name matches one). */
  tags: string[];
  /** Keep cases whose id matches any of these (exact, or a prefix ending in `*`). */
  ids: string[];
}

/** What the POS supports, against what the contract requires. */
export interface PlanCapabilities {
  /** Every capability the contract lists (`contractCapabilities(contract)`). */
  catalogue: readonly Capability[];
  /** The capabilities the POS declares. Required ones are tested whether declared or not. */
  declared: readonly string[];
}

/** A selected case that will not run: it is reported as `skip` with this reason, in its place. */
export interface SkippedCase {
  case: Case;
  reason: string;
}

export interface PlannedSuite {
  suite: Suite;
  /** Every selected case of the suite, in order, including skipped ones. */
  cases: Case[];
}

export interface Plan {
  suites: PlannedSuite[];
  /** Every selected case, in run order, including skipped ones (each gets a result). */
  cases: Case[];
  /** Selected cases that will be reported as skipped instead of run. */
  skipped: SkippedCase[];
  /** Set when the plan was made with capabilities; reported as `RunResult.capabilities`. */
  capabilities?: CapabilityProfile;
}

export function makePlan(suites: Suite[], filters: PlanFilters, capabilities?: PlanCapabilities): Plan {
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
  const cases = planned.flatMap((p) => p.cases);
  if (!capabilities) return { suites: planned, cases, skipped: [] };
  const skipped = cases.flatMap((c) => {
    const reason = capabilitySkipReason(c, capabilities.catalogue, capabilities.declared);
    return reason ? [{ case: c, reason }] : [];
  });
  return { suites: planned, cases, skipped, capabilities: capabilityProfile(capabilities.catalogue, capabilities.declared) };
}
