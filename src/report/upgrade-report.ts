// Reports written by an earlier version, read as this version writes them, so `report` and
// `compare` work on any saved report.json. One step per version, applied in order:
// - 1 → 2: version 1 (0.1.0) recorded no `decidedBy` and no `notRun`: they are filled in here
//   once, by the engine's own rule (engine/case-status.ts) — the reporters still never decide
//   anything themselves.
// - 2 → 3: version 3 added the status `blocked` (a case not run because a case it rests on did
//   not pass). Earlier runs blocked nothing: every count of it is 0.
import { LEVELS, type CaseResult, type RunResult, type StatusCounts } from '../core/results.js';
import { caseStatus } from '../engine/case-status.js';
import { REPORT_FORMAT_VERSION, type JsonReport } from './report-document.js';

/** The same report in the current format (a current one is returned as it is). */
export function upgradeReport(report: JsonReport): JsonReport {
  const from = report.formatVersion as number;
  if (from === REPORT_FORMAT_VERSION) return report;
  const v2 = from < 2 ? { ...report, cases: report.cases.map((c) => fromVersion1(c, report.options.strict)) } : report;
  return { ...v2, formatVersion: REPORT_FORMAT_VERSION, counts: fromVersion2(v2.counts) };
}

function fromVersion1(c: CaseResult, strict: boolean): CaseResult {
  // Version 1 said "not run" in the reason only; a case the plan left out had no step at all.
  if (c.reason?.startsWith('not run:')) return { ...c, notRun: 'aborted' };
  if (c.status === 'skip' && c.steps.length === 0 && c.cleanup.length === 0) return { ...c, notRun: 'plan' };
  if (c.status === 'pass' || c.status === 'manual') return c;
  const { status, decidedBy } = caseStatus(c, c.steps, strict);
  return status === c.status && decidedBy ? { ...c, decidedBy } : c;
}

/** Counts of version 2 or earlier have no `blocked`; the other fields are kept in their order. */
function fromVersion2(counts: RunResult['counts']): RunResult['counts'] {
  const withBlocked = (given: StatusCounts): StatusCounts => {
    const { manual, ...rest } = given;
    return { ...rest, blocked: given.blocked ?? 0, manual };
  };
  return {
    total: counts.total,
    byStatus: withBlocked(counts.byStatus),
    byLevel: Object.fromEntries(LEVELS.map((l) => [l, withBlocked(counts.byLevel[l])])) as RunResult['counts']['byLevel'],
  };
}
