// Counts, blocking failures and the verdict, from case results (design §4).
import { EXIT } from '../core/errors.js';
import { CONFIGURATION_STOPS } from './preflight.js';
import { type BlockingFailure, type CaseResult, decidingDetail, emptyCounts, type Level, type RunResult, type Verdict } from '../core/results.js';
import { emptyStats, type TargetStats } from './target-stats.js';

export function summarize(cases: CaseResult[], aborted: RunResult['aborted'], stats: TargetStats = emptyStats(), tokenSource = 'the token setting'): Pick<RunResult, 'counts' | 'blocking' | 'verdict' | 'hints'> {
  const byStatus = emptyCounts();
  const byLevel: Record<Level, ReturnType<typeof emptyCounts>> = { must: emptyCounts(), should: emptyCounts(), may: emptyCounts() };
  for (const c of cases) {
    byStatus[c.status]++;
    byLevel[c.level][c.status]++;
  }
  // A MUST skipped for want of a driver, or of a free table, was not shown to hold: accreditation needs it.
  const needsDriver = (c: CaseResult): boolean => c.status === 'skip' && c.level === 'must' && (wantsDriver(c) || c.notRun === 'needs-table');
  const blocks = blockedCounts(cases);
  const entry = (c: CaseResult): BlockingFailure => {
    // What decided the case is what blocks: its values and its position.
    const deciding = decidingDetail(c);
    const n = blocks.get(c.id) ?? 0;
    return {
      id: c.id, title: c.title, status: c.status, reason: c.reason ?? c.status, expected: deciding?.values?.expected, actual: deciding?.values?.actual, pos: deciding?.pos ?? c.pos,
      ...(c.blockedBy ? { blockedBy: c.blockedBy } : {}), ...(n > 0 ? { blocks: n } : {}),
    };
  };
  // Root causes first, the one blocking most at the top: the one thing to fix first. Then the
  // other failures, the checks nothing could run, and last the checks the roots blocked.
  const failed = cases.filter((c) => c.status === 'fail' || c.status === 'error');
  const roots = failed.filter((c) => blocks.has(c.id)).sort((a, b) => blocks.get(b.id)! - blocks.get(a.id)!);
  const blocking: BlockingFailure[] = [
    ...roots, ...failed.filter((c) => !blocks.has(c.id)), ...cases.filter(needsDriver), ...cases.filter((c) => c.status === 'blocked' && c.level === 'must'),
  ].map(entry);
  const verdict: Verdict = blocking.length === 0 && !aborted && cases.length > 0 ? 'pass' : 'fail';
  return { counts: { total: cases.length, byStatus, byLevel }, blocking, verdict, hints: hintsFor(cases, stats, tokenSource, roots, blocks) };
}

/** How many cases each root case blocked. */
function blockedCounts(cases: CaseResult[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) for (const id of c.blockedBy ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Plain-words diagnoses for failures that share one cause. */
function hintsFor(cases: CaseResult[], stats: TargetStats, tokenSource: string, roots: CaseResult[], blocks: ReadonlyMap<string, number>): string[] {
  const hints: string[] = [];
  for (const root of roots) {
    const n = blocks.get(root.id)!;
    hints.push(`Fix ${root.id} first: ${n} check${n === 1 ? ' rests' : 's rest'} on it and ${n === 1 ? 'was' : 'were'} not run (blocked). ${root.id}: ${firstLine(root.reason ?? root.status)}`);
  }
  if (stats.refused > 0) {
    hints.push(`The POS refused the configured token on ${stats.refused} request${stats.refused === 1 ? '' : 's'} (401/403): check that ${tokenSource} holds the token this POS accepts.`);
  }
  if (stats.tokenRequests >= 3 && stats.notFound === stats.tokenRequests) {
    hints.push('Every request to the POS got 404: check --base-url (including any path prefix such as /api) and --venue.');
  }
  const withoutDriver = cases.filter(wantsDriver);
  if (withoutDriver.length > 0) {
    hints.push(`${withoutDriver.length} lifecycle check${withoutDriver.length === 1 ? '' : 's'} need${withoutDriver.length === 1 ? 's' : ''} operator actions on the POS and ${withoutDriver.length === 1 ? 'was' : 'were'} skipped: run at a terminal (--driver prompt) or automate them (--driver http|exec, docs/drivers.md). Accreditation needs them.`);
  }
  // Tables running out after a root failure is that failure's doing, not the venue's.
  if (roots.length === 0 && cases.some((c) => c.steps.some((s) => s.error?.code === 'list-exhausted' || s.error?.code === 'no-free-table'))) {
    hints.push('A suite ran out of free tables: every table of the venue has an open order. Close the orders earlier runs left open (or restart the reference POS), then run again.');
  }
  const tableless = cases.filter((c) => c.notRun === 'needs-table');
  if (tableless.length > 0) {
    hints.push(`${tableless.length} check${tableless.length === 1 ? '' : 's'} had no free table left: without a driver every order a run opens stays open. Run with a driver (--driver http|exec|prompt), or close the orders listed under "Left open on the POS" and use a larger test venue.`);
  }
  return hints;
}

/** Skipped because operator actions were needed and no driver was there (before it started, or at its first action). */
function wantsDriver(c: CaseResult): boolean {
  return c.notRun === 'needs-driver' || c.steps.some((s) => s.error?.code === 'no-driver');
}

/** Exit code (design §4): 0 pass, 1 a MUST failed or a case errored, 3 the run could not complete, 130 interrupted. */
export function exitCodeFor(result: Pick<RunResult, 'verdict' | 'aborted'>): number {
  if (result.aborted?.code === 'interrupted') return EXIT.interrupted;
  if (result.aborted?.code === 'terminated') return EXIT.terminated;
  if (result.aborted && CONFIGURATION_STOPS.has(result.aborted.code)) return EXIT.usage;
  if (result.aborted) return EXIT.incomplete;
  return result.verdict === 'pass' ? EXIT.pass : EXIT.mustFailed;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!;
}
