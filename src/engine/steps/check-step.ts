// `check` steps: `expect` / `should` evaluated against a templated value instead of an answer
// from the POS — e.g. `check: "{{ target }}"` to judge the base URL the run was given.
import type { CheckStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { render } from '../../suite/language/template.js';
import { type Scope } from '../../suite/language/scope.js';
import { evaluateResponse } from './evaluate-response.js';
import { suiteError, type StepRun } from './step-run.js';

export function runCheckStep(step: CheckStep, scope: Scope, ctx: RunContext): StepRun {
  let value: unknown;
  try {
    value = render(step.value, scope);
  } catch (err) {
    return suiteError(err, ctx, 'check: ');
  }
  // The value plays the part of a JSON body: body assertions, schema and captures read it.
  const evaluation = evaluateResponse(step, { status: 0, headers: {}, json: value }, scope, ctx);
  return { result: { ...evaluation, exchanges: [] } };
}
