// `request` steps: send, then evaluate the answer. With `retry`, a refusal of one of the given
// statuses (409: a concurrent run took the table) sends again, its `let` and `lease` taken anew.
import type { Exchange } from '../../core/evidence.js';
import type { Scope } from '../../suite/language/scope.js';
import type { RequestStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { sendRequest } from '../send-request.js';
import { applyLet } from './apply-let.js';
import { occupied, settleCreate, takeLease } from './lease-tables.js';
import { judgeAnswer } from './judge-answer.js';
import type { StepRun } from './step-run.js';

export async function runRequestStep(step: RequestStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  const exchanges: Exchange[] = [];
  const attempts = step.retry?.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    const letError = applyLet(step, scope, ctx);
    if (letError) return letError;
    const { lease, failed } = takeLease(step, scope, ctx);
    if (failed) return failed;
    const outcome = await sendRequest(step.request, scope, ctx);
    exchanges.push(...outcome.exchanges);
    // The leased tables now stand under the new order, are occupied by someone else (409), or free again.
    if (outcome.ok && outcome.response.status === 409) occupied(lease, ctx);
    else settleCreate(lease, ctx, outcome.ok ? outcome.response : undefined, outcome.exchanges);
    // e.g. 409: a concurrent run took the table between our look and our create; the lease takes another.
    const again = outcome.ok && attempt < attempts && step.retry?.status.includes(outcome.response.status) && !ctx.signal?.aborted;
    if (!again) return judgeAnswer(step, outcome, exchanges, scope, ctx, attempt);
  }
}
