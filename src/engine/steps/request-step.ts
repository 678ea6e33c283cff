// `request` steps: send, then evaluate the answer. With `retry`, a refusal of one of the given
// statuses (409: a concurrent run took the table) sends again, its `let` evaluated anew.
import type { Exchange } from '../../core/evidence.js';
import type { Scope } from '../../suite/language/scope.js';
import type { RequestStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { sendRequest } from '../send-request.js';
import { applyLet } from './apply-let.js';
import { judgeAnswer } from './judge-answer.js';
import type { StepRun } from './step-run.js';

export async function runRequestStep(step: RequestStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  const exchanges: Exchange[] = [];
  const attempts = step.retry?.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    const letError = applyLet(step, scope, ctx);
    if (letError) return letError;
    const outcome = await sendRequest(step.request, scope, ctx);
    exchanges.push(...outcome.exchanges);
    // e.g. 409: a concurrent run took the table between our look and our create; `let` takes another.
    const again = outcome.ok && attempt < attempts && step.retry?.status.includes(outcome.response.status) && !ctx.signal?.aborted;
    if (!again) return judgeAnswer(step, outcome, exchanges, scope, ctx, attempt);
  }
}
