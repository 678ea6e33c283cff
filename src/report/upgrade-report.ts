// Reports written by an earlier version, read as this version writes them, so `report` and
// `compare` work on any saved report.json. Version 1 (0.1.0) recorded no `decidedBy` and no
// `notRun`: they are filled in here once, by the engine's own rule (engine/case-status.ts) — the
// reporters still never decide anything themselves.
import type { CaseResult } from '../core/results.js';
import { caseStatus } from '../engine/case-status.js';
import { REPORT_FORMAT_VERSION, type JsonReport } from './report-document.js';

/** The same report in the current format (a current one is returned as it is). */
export function upgradeReport(report: JsonReport): JsonReport {
  if ((report.formatVersion as number) === REPORT_FORMAT_VERSION) return report;
  return { ...report, formatVersion: REPORT_FORMAT_VERSION, cases: report.cases.map((c) => fromVersion1(c, report.options.strict)) };
}

function fromVersion1(c: CaseResult, strict: boolean): CaseResult {
  // Version 1 said "not run" in the reason only; a case the plan left out had no step at all.
  if (c.reason?.startsWith('not run:')) return { ...c, notRun: 'aborted' };
  if (c.status === 'skip' && c.steps.length === 0 && c.cleanup.length === 0) return { ...c, notRun: 'plan' };
  if (c.status === 'pass' || c.status === 'manual') return c;
  const { status, decidedBy } = caseStatus(c, c.steps, strict);
  return status === c.status && decidedBy ? { ...c, decidedBy } : c;
}
