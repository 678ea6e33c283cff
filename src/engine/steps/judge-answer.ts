// The end of a request or poll step: an answer is evaluated against the step's expectations; no
// answer is an error of the step (and, when the POS cannot be reached at all, of the run).
import { isUnreachable } from '../../http/client.js';
import type { Exchange } from '../../core/evidence.js';
import type { Scope } from '../../suite/language/scope.js';
import type { PollStep, RequestStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import type { RequestOutcome } from '../send-request.js';
import { evaluateResponse } from './evaluate-response.js';
import type { StepRun } from './step-run.js';

export async function judgeAnswer(step: RequestStep | PollStep, outcome: RequestOutcome, exchanges: Exchange[], scope: Scope, ctx: RunContext, attempts: number): Promise<StepRun> {
  if (!outcome.ok) {
    const unreachable = outcome.network !== undefined && isUnreachable(outcome.network.code);
    return { unreachable, result: { status: 'error', assertions: [], exchanges, error: outcome.error, attempts } };
  }
  const evaluation = evaluateResponse(step, outcome.response, scope, ctx);
  const sentToken = step.request.auth === 'token' && !Object.keys(step.request.headers).some((h) => h.toLowerCase() === 'authorization');
  // A refusal the step asks for (403 on a venue the token may not access) says nothing about the token.
  const status = outcome.response.status;
  const expectedRefusal = (status === 401 || status === 403) && (step.expect?.status?.codes.includes(status) ?? false);
  return { tokenAnswer: sentToken && !expectedRefusal ? status : undefined, result: { ...evaluation, exchanges, attempts } };
}
