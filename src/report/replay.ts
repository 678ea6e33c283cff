// A saved run played to reporters as if it were happening: the run starts with its plan, every
// case ends, the run ends. `pos-accredit report` rebuilds any format this way.
import type { RunResult } from '../core/results.js';
import { plannedCase } from '../engine/events.js';
import type { Reporter } from './reporter.js';

/** Each reporter gets the whole run in turn; returns the files they wrote. */
export async function replayRun(result: RunResult, reporters: readonly Reporter[]): Promise<string[]> {
  const written: string[] = [];
  for (const r of reporters) {
    await r.onRunStart?.({ target: result.target, startedAt: result.startedAt, notices: [], cases: result.cases.map(plannedCase) });
    for (const c of result.cases) await r.onCaseResult?.(c);
    const paths = await r.onRunEnd?.(result);
    if (paths) written.push(...paths);
  }
  return written;
}
