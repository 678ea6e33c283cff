// `poll` steps: send until `until` holds or the deadline passes, waiting only after a miss; the
// last answer is the one evaluated.
import { checkExpectation } from '../../assert/check-expectation.js';
import type { Exchange } from '../../core/evidence.js';
import { formatDuration } from '../../core/words/duration.js';
import type { Scope } from '../../suite/language/scope.js';
import type { PollStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { sendRequest } from '../send-request.js';
import { judgeAnswer } from './judge-answer.js';
import { suiteError, type StepRun } from './step-run.js';

export async function runPollStep(step: PollStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  const deadline = Date.now() + step.timeoutMs;
  const exchanges: Exchange[] = [];
  let attempts = 0;
  for (;;) {
    attempts++;
    const outcome = await sendRequest(step.request, scope, ctx);
    exchanges.push(...outcome.exchanges);
    if (!outcome.ok) return judgeAnswer(step, outcome, exchanges, scope, ctx, attempts);
    let until;
    try {
      until = checkExpectation(step.until, outcome.response, { schemas: ctx.schemas, scope, soft: false });
    } catch (err) {
      const failed = suiteError(err, ctx);
      return { result: { ...failed.result, exchanges, attempts } };
    }
    const met = until.every((a) => a.ok);
    const remaining = deadline - Date.now();
    if (met || remaining <= 0 || ctx.signal?.aborted) {
      const run = await judgeAnswer(step, outcome, exchanges, scope, ctx, attempts);
      if (!met) {
        const missed = until.filter((a) => !a.ok);
        run.result.assertions.unshift(...missed.map((a) => ({ ...a, message: `still not met after ${attempts} attempts in ${formatDuration(step.timeoutMs)}: ${a.message}` })));
        if (run.result.status === 'pass' || run.result.status === 'warn') run.result.status = 'fail';
      }
      return run;
    }
    await sleep(Math.min(step.intervalMs, remaining), ctx.signal);
  }
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
