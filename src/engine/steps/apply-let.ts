// `let` variables, computed before a step (and before each retry of a request), e.g.
// `table: "{{ take(freeTables) }}"`.
import type { Step } from '../../suite/types.js';
import { render } from '../../suite/language/template.js';
import type { Scope } from '../../suite/language/scope.js';
import type { RunContext } from '../run-context.js';
import { suiteError, type StepRun } from './step-run.js';

export function applyLet(step: Step, scope: Scope, ctx: RunContext): StepRun | undefined {
  for (const [name, template] of Object.entries(step.let)) {
    try {
      scope.set(name, render(template, scope));
    } catch (err) {
      return suiteError(err, ctx, `let ${name}: `);
    }
  }
  return undefined;
}
