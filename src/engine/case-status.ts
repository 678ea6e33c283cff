// Case status from step results (design §4): a failed MUST fails, unless it rests on an inferred
// detail and --strict is off, in which case it warns; SHOULD and MAY failures warn.
import type { Case } from '../suite/types.js';
import type { AssertionResult, CaseStatus, StepResult } from './results.js';

export interface CaseVerdict {
  status: CaseStatus;
  reason?: string;
  firstFailure?: AssertionResult;
}

export function caseStatus(c: Pick<Case, 'level' | 'basis'>, steps: StepResult[], strict: boolean, inferredEntries: string[] = []): CaseVerdict {
  const errored = steps.find((s) => s.status === 'error');
  if (errored) return { status: 'error', reason: `${errored.name}: ${errored.error?.message ?? 'error'}` };
  const skipped = steps.find((s) => s.status === 'skip');
  if (skipped) return { status: 'skip', reason: skipped.error?.message ?? 'skipped' };
  const failures = steps.flatMap((s) => s.assertions.filter((a) => !a.ok).map((a) => ({ step: s.name, a })));
  const hardFailure = failures.find((f) => !f.a.soft);
  const firstFailure = hardFailure ?? failures[0];
  if (!firstFailure) return { status: 'pass' };
  const first = firstFailure.a;
  const hard = hardFailure?.a;
  // The position travels with the assertion; the reason says which step and what happened.
  const reason = `${firstFailure.step}: ${first.message}`;
  if (!hard) return { status: 'warn', reason, firstFailure: first };
  const blocking = c.level === 'must' && (c.basis === 'documented' || strict);
  const which = inferredEntries.length ? ` (${inferredEntries.join(', ')} in suites/contract.yaml)` : '';
  const note = ` [rests on an inferred contract detail${which}: a warning until Mozrest confirms it; --strict makes it fail]`;
  return { status: blocking ? 'fail' : 'warn', reason: blocking || c.level !== 'must' ? reason : `${reason}${note}`, firstFailure: first };
}
