// `poll` steps: send until `until` holds or the deadline passes, waiting only after a miss; the
// last answer is the one evaluated. Or, with `runAge` / `runRequests`, keep the request going
// until the run is old enough and has sent enough requests with the token, judging every answer:
// the first that fails ends the step, saying when in the run it came.
import { checkExpectation } from '../../assert/check-expectation.js';
import type { Exchange } from '../../core/evidence.js';
import { formatDuration } from '../../core/words/duration.js';
import type { Scope } from '../../suite/language/scope.js';
import type { PollStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { sendRequest } from '../send-request.js';
import { judgeAnswer } from './judge-answer.js';
import { suiteError, type StepRun } from './step-run.js';
import { render } from '../../suite/language/template.js';
import { SuiteFault } from '../../suite/language/suite-fault.js';

export async function runPollStep(step: PollStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  if (step.keepUp) return keepUp(step, step.keepUp, scope, ctx);
  const until = step.until;
  // The loader requires one of until / runAge / runRequests.
  if (!until) return suiteError(new SuiteFault('a poll needs until:, or runAge: / runRequests:'), ctx);
  const deadline = Date.now() + step.timeoutMs;
  const exchanges: Exchange[] = [];
  let attempts = 0;
  for (;;) {
    attempts++;
    const outcome = await sendRequest(step.request, scope, ctx);
    exchanges.push(...outcome.exchanges);
    if (!outcome.ok) return judgeAnswer(step, outcome, exchanges, scope, ctx, attempts);
    let met;
    try {
      met = checkExpectation(until, outcome.response, { schemas: ctx.schemas, scope, soft: false });
    } catch (err) {
      const failed = suiteError(err, ctx);
      return { result: { ...failed.result, exchanges, attempts } };
    }
    const held = met.every((a) => a.ok);
    const remaining = deadline - Date.now();
    if (held || remaining <= 0 || ctx.signal?.aborted) {
      const run = await judgeAnswer(step, outcome, exchanges, scope, ctx, attempts);
      if (!held) {
        const missed = met.filter((a) => !a.ok);
        run.result.assertions.unshift(...missed.map((a) => ({ ...a, message: `still not met after ${attempts} attempts in ${formatDuration(step.timeoutMs)}: ${a.message}` })));
        if (run.result.status === 'pass' || run.result.status === 'warn') run.result.status = 'fail';
      }
      return run;
    }
    await sleep(Math.min(step.intervalMs, remaining), ctx.signal);
  }
}

/** The last attempts whose exchanges are kept as evidence (with the first). */
const KEPT_LAST_ATTEMPTS = 3;

/** Never more than this many attempts, whatever the targets say (a loop must end). */
const MAX_KEEP_UP_ATTEMPTS = 5000;

async function keepUp(step: PollStep, targets: NonNullable<PollStep['keepUp']>, scope: Scope, ctx: RunContext): Promise<StepRun> {
  let age: number;
  let requests: number;
  try {
    age = targets.runAge === undefined ? 0 : wholeNumber(render(targets.runAge, scope), 'runAge');
    requests = targets.runRequests === undefined ? 0 : wholeNumber(render(targets.runRequests, scope), 'runRequests');
  } catch (err) {
    return suiteError(err, ctx);
  }
  // Evidence: the first attempt and the last few; the ones between answered the same (each was judged).
  const first: Exchange[] = [];
  const recent: Exchange[][] = [];
  let attempts = 0;
  for (;;) {
    attempts++;
    const outcome = await sendRequest(step.request, scope, ctx);
    if (attempts === 1) first.push(...outcome.exchanges);
    else recent.push(outcome.exchanges);
    if (recent.length > KEPT_LAST_ATTEMPTS) recent.shift();
    const exchanges = [...first, ...recent.flat()];
    const run = await judgeAnswer(step, outcome, exchanges, scope, ctx, attempts);
    const between = attempts - 1 - recent.length;
    if (between > 0) {
      run.result.assertions.push({ check: 'answers kept', ok: true, soft: false, message: `${attempts} answers judged; the first and the last ${recent.length} are kept as evidence (${between} between them met the expectations too)`, pos: step.pos });
    }
    const runAge = Date.now() - ctx.runStartedAt;
    const sent = ctx.http.tokenRequests;
    if (run.result.status === 'fail' || run.result.status === 'error') {
      // When in the run it stopped holding: the time and the count say which limit the POS has.
      const when = `at attempt ${attempts}, ${formatDuration(runAge)} into the run, after ${sent} requests with the token`;
      run.result.assertions = run.result.assertions.map((a) => (a.ok ? a : { ...a, message: `${a.message} (${when})` }));
      if (run.result.error) run.result.error = { ...run.result.error, message: `${run.result.error.message} (${when})` };
      return run;
    }
    if ((runAge >= age && sent >= requests) || attempts >= MAX_KEEP_UP_ATTEMPTS || ctx.signal?.aborted) return run;
    // Requests still to send go at once; then one attempt per interval until the run is old enough.
    if (sent >= requests) await sleep(Math.min(step.intervalMs, age - runAge), ctx.signal);
  }
}

function wholeNumber(value: unknown, key: string): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new SuiteFault(`${key}: ${JSON.stringify(value)} is not a whole number`);
  return n;
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
