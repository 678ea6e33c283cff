// A run stopped by its first look at the POS (unreachable, token refused, venue unknown) before its
// suites were loaded: no case was planned, so none is reported; the abort is the whole result.
import type { Contract } from '../contract/types.js';
import { displayPath } from '../coverage/check-list.js';
import type { Redactor } from '../core/redactor.js';
import type { RunResult } from '../core/results.js';
import { summarize } from './summarize.js';

export interface StoppedRun {
  target: { baseUrl: string; venue: string; tokenSource?: string };
  contract: Contract;
  startedAt: Date;
  aborted: NonNullable<RunResult['aborted']>;
  version: string;
  options: RunResult['options'];
  redactor: Redactor;
}

export function stoppedBeforeStart(o: StoppedRun): RunResult {
  const finishedAt = new Date();
  return o.redactor.redactValue({
    tool: { name: 'pos-accredit', version: o.version },
    contract: { version: o.contract.version, file: displayPath(o.contract.file) },
    target: { baseUrl: o.target.baseUrl, venue: o.target.venue, embedded: false },
    options: o.options,
    startedAt: o.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - o.startedAt.getTime(),
    aborted: o.aborted,
    ...summarize([], o.aborted, undefined, o.target.tokenSource),
    cases: [],
  });
}
