// `action` steps: ask the driver to make the POS do what an operator does (add items, pay, void …).
// Without a driver the step is skipped with the reason, so the case reports `skip` instead of a
// false pass or a harness error.
import type { AssertionResult } from '../../core/results.js';
import type { Scope } from '../../suite/language/scope.js';
import { render, renderText } from '../../suite/language/template.js';
import type { ActionStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { evaluateResponse } from './evaluate-response.js';
import { skippedStep, suiteError, type StepRun } from './step-run.js';

const DEFAULT_ACTION_TIMEOUT = 120_000;
const POS_REFUSED = new Set(['operator-failed', 'driver-action-failed']);

export async function runActionStep(step: ActionStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  if (!ctx.driver) {
    return skippedStep('no-driver', `needs a driver to perform "${step.action}" on the POS (--driver prompt|http|exec); accreditation needs this check`);
  }
  let params: Record<string, unknown>;
  let orderId: string | null;
  try {
    params = render(step.params, scope) as Record<string, unknown>;
    orderId = step.order === undefined ? null : renderText(step.order, scope);
  } catch (err) {
    return suiteError(err, ctx);
  }
  const action = { name: step.action, driver: ctx.driver.name, orderId, params };
  const outcome = await ctx.driver.perform(step.action, { orderId, ...params }, step.timeoutMs ?? DEFAULT_ACTION_TIMEOUT);
  if (!outcome.ok) {
    // The operator (or the hook) saying the POS could not do it is the POS failing the check;
    // a driver that cannot be reached or answers nothing is the harness's problem.
    if (POS_REFUSED.has(outcome.code)) {
      const failed: AssertionResult = { check: `action ${step.action}`, ok: false, soft: false, pos: step.pos, expected: `${step.action} done on the POS`, actual: outcome.message, message: `the POS could not ${step.action}: ${outcome.message}` };
      return { result: { status: 'fail', assertions: [failed], exchanges: [], action } };
    }
    return { result: { status: 'error', assertions: [], exchanges: [], action, error: { code: outcome.code, message: outcome.message } } };
  }
  const evaluation = evaluateResponse(step, { status: 200, headers: {}, json: outcome.result }, scope, ctx);
  return { result: { ...evaluation, exchanges: [], action: { ...action, result: outcome.result } } };
}
