// What running one step gives the runner: the step's result (status, checks, evidence) and what
// the run must know about it; and the two results every step kind returns the same way.
import type { StepResult } from '../../core/results.js';
import { SuiteFault } from '../../suite/language/suite-fault.js';
import type { RunContext } from '../run-context.js';
import type { TargetStats } from '../target-stats.js';

export interface StepRun {
  result: Omit<StepResult, 'name' | 'kind' | 'pos' | 'durationMs'>;
  /** The target could not be reached at all: the runner stops the run. */
  unreachable?: boolean;
  /** The status the POS answered to a request carrying the configured token (for run hints). */
  tokenAnswer?: number;
  /** Steps that ran several requests (forEach): what the POS answered to them all. */
  stats?: TargetStats;
  /** Cleanup steps the step ran (forEach iterations): reported with the case's cleanup. */
  cleanup?: StepResult[];
}

/** The step could not run for want of something (a driver, the mock Mozrest): its case is skipped. */
export function skippedStep(code: string, message: string): StepRun {
  return { result: { status: 'skip', assertions: [], exchanges: [], error: { code, message } } };
}

/**
 * A fault of the suite found while the step ran (a template that does not resolve, a JSONPath
 * built from a captured value that does not parse): the step errors with it, never the POS.
 * Anything else thrown is a bug in pos-accredit and is thrown on.
 */
export function suiteError(err: unknown, ctx: Pick<RunContext, 'redactor'>, prefix = ''): StepRun {
  if (!(err instanceof SuiteFault)) throw err;
  return { result: { status: 'error', assertions: [], exchanges: [], error: { code: err.code, message: ctx.redactor.redact(`${prefix}${err.message}`) } } };
}
