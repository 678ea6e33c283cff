// `request` and `poll` steps: send, then evaluate. A poll resends until `until` holds or its
// deadline passes, waiting only after a miss; the last response is the one evaluated.
import { checkExpectation } from '../../assert/check-expectation.js';
import { isUnreachable } from '../../http/client.js';
import type { PollStep, RequestStep, Step } from '../../suite/types.js';
import type { StepResult } from '../../core/results.js';
import type { Exchange } from '../../core/evidence.js';
import type { RunContext } from '../run-context.js';
import { sendRequest, type RequestOutcome } from '../send-request.js';
import { SuiteFault } from '../../suite/language/suite-fault.js';
import type { TargetStats } from '../target-stats.js';
import { render } from '../../suite/language/template.js';
import { type Scope } from '../../suite/language/scope.js';
import { evaluateResponse } from './evaluate-response.js';

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
    if (!again) return finish(step, outcome, exchanges, scope, ctx, attempt);
  }
}

/** `let` variables, evaluated before the step and before each retry. */
export function applyLet(step: Step, scope: Scope, ctx: RunContext): StepRun | undefined {
  for (const [name, template] of Object.entries(step.let)) {
    try {
      scope.set(name, render(template, scope));
    } catch (err) {
      if (!(err instanceof SuiteFault)) throw err;
      return { result: { status: 'error', assertions: [], exchanges: [], error: { code: err.code, message: ctx.redactor.redact(`let ${name}: ${err.message}`) } } };
    }
  }
  return undefined;
}

export async function runPollStep(step: PollStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  const deadline = Date.now() + step.timeoutMs;
  const exchanges: Exchange[] = [];
  let attempts = 0;
  for (;;) {
    attempts++;
    const outcome = await sendRequest(step.request, scope, ctx);
    exchanges.push(...outcome.exchanges);
    if (!outcome.ok) return finish(step, outcome, exchanges, scope, ctx, attempts);
    let until;
    try {
      until = checkExpectation(step.until, outcome.response, { schemas: ctx.schemas, scope, soft: false });
    } catch (err) {
      if (!(err instanceof SuiteFault)) throw err;
      return { result: { status: 'error', assertions: [], exchanges, attempts, error: { code: err.code, message: ctx.redactor.redact(err.message) } } };
    }
    const met = until.every((a) => a.ok);
    const remaining = deadline - Date.now();
    if (met || remaining <= 0 || ctx.signal?.aborted) {
      const run = await finish(step, outcome, exchanges, scope, ctx, attempts);
      if (!met) {
        const missed = until.filter((a) => !a.ok);
        run.result.assertions.unshift(...missed.map((a) => ({ ...a, message: `still not met after ${attempts} attempts in ${step.timeoutMs} ms: ${a.message}` })));
        if (run.result.status === 'pass' || run.result.status === 'warn') run.result.status = 'fail';
      }
      return run;
    }
    await sleep(Math.min(step.intervalMs, remaining), ctx.signal);
  }
}

async function finish(step: RequestStep | PollStep, outcome: RequestOutcome, exchanges: Exchange[], scope: Scope, ctx: RunContext, attempts: number): Promise<StepRun> {
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

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
