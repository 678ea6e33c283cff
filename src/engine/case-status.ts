// Case status from step results (design §4): a failed MUST fails, unless it rests on an inferred
// detail and --strict is off, in which case it warns; SHOULD and MAY failures warn.
import type { Case } from '../suite/types.js';
import { formatPos } from '../suite/diagnostic.js';
import type { AssertionResult, CaseStatus, StepResult } from './results.js';

export interface CaseVerdict {
  status: CaseStatus;
  reason?: string;
  firstFailure?: AssertionResult;
}

export function caseStatus(c: Pick<Case, 'level' | 'basis'>, steps: StepResult[], strict: boolean): CaseVerdict {
  const errored = steps.find((s) => s.status === 'error');
  if (errored) return { status: 'error', reason: `${errored.name}: ${errored.error?.message ?? 'error'}` };
  const skipped = steps.find((s) => s.status === 'skip');
  if (skipped) return { status: 'skip', reason: skipped.error?.message ?? 'skipped' };
  const failures = steps.flatMap((s) => s.assertions.filter((a) => !a.ok));
  const hard = failures.find((a) => !a.soft);
  const first = hard ?? failures[0];
  if (!first) return { status: 'pass' };
  const reason = `${first.message} (${formatPos(first.pos)})`;
  if (!hard) return { status: 'warn', reason, firstFailure: first };
  const blocking = c.level === 'must' && (c.basis === 'documented' || strict);
  return { status: blocking ? 'fail' : 'warn', reason: blocking || c.level !== 'must' ? reason : `${reason} [inferred contract detail: warning until Mozrest confirms; --strict makes it fail]`, firstFailure: first };
}
