// What every step does with what it received: check `expect` and `should`, then capture and set.
import { checkExpectation, show, type ResponseView } from '../../assert/check-expectation.js';
import type { Expectation, Step } from '../../suite/types.js';
import type { AssertionResult, StepResult } from '../../core/results.js';
import type { RunContext } from '../run-context.js';
import { select } from '../../suite/language/select.js';
import { SuiteFault, TemplateError } from '../../suite/language/suite-fault.js';
import { render, renderText } from '../../suite/language/template.js';
import { type Scope } from '../../suite/language/scope.js';

export type Evaluation = Pick<StepResult, 'status' | 'assertions' | 'error'>;

function needsJson(exp: Expectation | undefined): boolean {
  return !!exp && (exp.schema !== undefined || exp.body.length > 0);
}

export function evaluateResponse(step: Step, res: ResponseView, scope: Scope, ctx: RunContext): Evaluation {
  try {
    return evaluate(step, res, scope, ctx);
  } catch (err) {
    // A placeholder that cannot be resolved now (a capture that never happened, take() on an
    // empty list …) means the check cannot be evaluated: an error, not a failure of the POS.
    if (!(err instanceof SuiteFault)) throw err;
    return { status: 'error', assertions: [], error: { code: err.code, message: ctx.redactor.redact(err.message) } };
  }
}

function evaluate(step: Step, res: ResponseView, scope: Scope, ctx: RunContext): Evaluation {
  const hard = step.expect ? checkExpectation(step.expect, res, { schemas: ctx.schemas, scope, soft: false }) : [];
  const statusFailed = hard.some((a) => a.check === 'status' && !a.ok);
  // A wrong status explains a non-JSON body. Otherwise, when hard checks or captures need the body,
  // an unreadable body is an error: nothing after it can be evaluated. Soft checks just fail.
  // An optional capture does not need one: on a body that is not JSON it just stays unset.
  const wantsJson = needsJson(step.expect) || step.capture.some((c) => c.from === 'body' && !c.optional);
  if (!statusFailed && wantsJson && res.jsonError !== undefined) {
    return { status: 'error', assertions: hard.filter((a) => a.check === 'status' || a.check.startsWith('header')), error: { code: 'invalid-json', message: `response body is not JSON: ${res.jsonError}` } };
  }
  const soft = step.should ? checkExpectation(step.should, res, { schemas: ctx.schemas, scope, soft: true }) : [];
  const assertions: AssertionResult[] = statusFailed ? hard.filter((a) => a.check === 'status' || a.check.startsWith('header')) : [...hard, ...soft];
  // A success with the wrong status (201 for 200) still captures what is there: it opened an order
  // all the same, and the case's cleanup must be able to close it.
  const succeeded = res.status >= 200 && res.status <= 299;
  const captured = !statusFailed || succeeded ? captureInto(step, res, scope, ctx) : [];
  if (!statusFailed) assertions.push(...captured);
  const error = statusFailed ? undefined : applySet(step, scope, ctx);
  return { status: error ? 'error' : statusOf(assertions), assertions, error };
}

export function statusOf(assertions: AssertionResult[]): StepResult['status'] {
  if (assertions.some((a) => !a.ok && !a.soft)) return 'fail';
  if (assertions.some((a) => !a.ok)) return 'warn';
  return 'pass';
}

/** Captured values go into the scope; a value that is not there is a failed assertion. */
function captureInto(step: Step, res: ResponseView, scope: Scope, ctx: RunContext): AssertionResult[] {
  const failures: AssertionResult[] = [];
  for (const c of step.capture) {
    let value: unknown;
    if (c.from === 'header') value = res.headers[c.path.toLowerCase()];
    else if (c.from === 'callback') value = res.callback?.[c.path];
    else {
      try {
        const selection = select(c.from === 'answer' ? res.answer : res.json, renderText(c.path, scope));
        value = selection.singular ? selection.values[0] : selection.values;
      } catch (err) {
        if (!(err instanceof SuiteFault)) throw err;
        throw new SuiteFault(`capture ${c.name}: ${err.message}`);
      }
    }
    if (value === undefined || (c.optional && Array.isArray(value) && value.length === 0)) {
      if (c.optional) continue;
      const where = c.from === 'header' ? `header ${c.path}` : c.from === 'answer' ? `${c.path} of the mock Mozrest's answer` : c.from === 'callback' ? `callback ${c.path}` : c.path;
      failures.push({ check: `capture ${c.name}`, ok: false, soft: false, pos: c.pos, expected: `a value at ${where}`, actual: undefined, message: `cannot capture ${c.name}: nothing at ${where}` });
      continue;
    }
    if (c.secret) {
      for (const v of [value].flat()) ctx.redactor.add(typeof v === 'string' ? v : show(v));
    }
    scope.set(c.name, value);
  }
  return failures;
}

function applySet(step: Step, scope: Scope, ctx: RunContext): StepResult['error'] {
  for (const [name, template] of Object.entries(step.set)) {
    try {
      scope.set(name, render(template, scope));
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      return { code: err.code, message: ctx.redactor.redact(`set ${name}: ${err.message}`) };
    }
  }
  return undefined;
}
