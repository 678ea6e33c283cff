// `mozrest` steps: set up the mock Mozrest's next answers, e.g. a 503 to see whether the POS
// retries (8.6/72), for one order's callbacks only.
import type { Scope } from '../../suite/language/scope.js';
import { SuiteFault } from '../../suite/language/suite-fault.js';
import { renderText } from '../../suite/language/template.js';
import type { MozrestStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { skippedStep, suiteError, type StepRun } from './step-run.js';

export async function runMozrestStep(step: MozrestStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  if (!ctx.receiver) return skippedStep('no-receiver', 'needs the mock Mozrest receiver');
  try {
    const order = step.failNext.order === undefined ? undefined : renderText(step.failNext.order, scope);
    await ctx.receiver.failNext(step.failNext.count, step.failNext.status, order === undefined ? undefined : [order]);
  } catch (err) {
    if (err instanceof SuiteFault) return suiteError(err, ctx);
    // A shared mock Mozrest that refused to arm the failure: the harness's problem, not the POS's.
    return { result: { status: 'error', assertions: [], exchanges: [], error: { code: 'mozrest', message: (err as Error).message } } };
  }
  return { result: { status: 'pass', assertions: [], exchanges: [] } };
}
