// Case status from step results (design §4): a failed MUST fails, unless it rests on an inferred
// detail and --strict is off, in which case it warns; SHOULD and MAY failures warn.
import type { Case } from '../suite/types.js';
import type { AssertionResult, CaseStatus, StepResult } from '../core/results.js';

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
  // A step may rest on an inferred detail its case does not: its failures count as inferred.
  const failures = steps.flatMap((s) => s.assertions.filter((a) => !a.ok).map((a) => ({ step: s.name, basis: s.basis ?? c.basis, a })));
  const hard = failures.filter((f) => !f.a.soft);
  const blocks = (f: (typeof failures)[number]): boolean => c.level === 'must' && (f.basis === 'documented' || strict);
  const deciding = hard.find(blocks) ?? hard[0] ?? failures[0];
  if (!deciding) return { status: 'pass' };
  const first = deciding.a;
  // The position travels with the assertion; the reason says which step and what happened.
  const reason = `${deciding.step}: ${first.message}`;
  if (first.soft) return { status: 'warn', reason, firstFailure: first };
  if (blocks(deciding)) return { status: 'fail', reason, firstFailure: first };
  const which = inferredEntries.length ? ` (${inferredEntries.join(', ')} in suites/contract.yaml)` : '';
  const note = c.level === 'must' ? ` [rests on an inferred contract detail${which}: a warning until Mozrest confirms it; --strict makes it fail]` : '';
  return { status: 'warn', reason: `${reason}${note}`, firstFailure: first };
}
