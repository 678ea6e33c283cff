// `action` (ask the POS to do what an operator does) and `await` (wait for a POS callback on the
// mock Mozrest). Without a driver or receiver the step is skipped with the reason, so the case
// reports `skip` instead of a false pass or a harness error.
import type { ActionStep, AwaitStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { render, renderText, TemplateError, type Scope } from '../template.js';
import { evaluateResponse } from './evaluate-response.js';
import type { StepRun } from './request-step.js';

const DEFAULT_ACTION_TIMEOUT = 120_000;

export async function runActionStep(step: ActionStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  if (!ctx.driver) {
    return skipped('no-driver', `needs a driver to perform "${step.action}" on the POS; drivers arrive with the lifecycle suites`);
  }
  let params: Record<string, unknown>;
  try {
    params = render(step.params, scope) as Record<string, unknown>;
  } catch (err) {
    return templateError(err);
  }
  const outcome = await ctx.driver.perform(step.action, params, step.timeoutMs ?? DEFAULT_ACTION_TIMEOUT);
  if (!outcome.ok) return { result: { status: 'error', assertions: [], exchanges: [], error: { code: outcome.code, message: outcome.message } } };
  const evaluation = evaluateResponse(step, { status: 200, headers: {}, json: outcome.result }, scope, ctx);
  return { result: { ...evaluation, exchanges: [] } };
}

export async function runAwaitStep(step: AwaitStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  if (!ctx.receiver) return skipped('no-receiver', 'needs the mock Mozrest receiver to observe the POS callback');
  let path: string;
  let order: string | undefined;
  try {
    path = renderText(step.path, scope);
    order = step.order === undefined ? undefined : renderText(step.order, scope);
  } catch (err) {
    return templateError(err);
  }
  const outcome = await ctx.receiver.waitFor({ method: step.method, path, order }, step.timeoutMs, ctx.signal);
  if (!outcome.ok) {
    return { result: { status: 'fail', exchanges: [], assertions: [{ check: `callback ${step.method} ${path}`, ok: false, soft: false, pos: step.pos, expected: `${step.method} ${path}`, actual: 'no call', message: outcome.message }] } };
  }
  const evaluation = evaluateResponse(step, { status: 200, headers: outcome.call.headers, json: outcome.call.body }, scope, ctx);
  return { result: { ...evaluation, exchanges: [] } };
}

function skipped(code: string, message: string): StepRun {
  return { result: { status: 'skip', assertions: [], exchanges: [], error: { code, message } } };
}

function templateError(err: unknown): StepRun {
  if (!(err instanceof TemplateError)) throw err;
  return { result: { status: 'error', assertions: [], exchanges: [], error: { code: 'template', message: err.message } } };
}
