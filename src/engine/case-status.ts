// Case status from step results (design §4): a failed MUST fails, unless it rests on an inferred
// detail and --strict is off, in which case it warns; SHOULD and MAY failures warn. The verdict
// records what decided it (`decidedBy`), so every report shows that one assertion or error.
import type { Basis, CaseStatus, DecidedBy, Level, StepResult } from '../core/results.js';

export interface CaseVerdict {
  status: CaseStatus;
  reason?: string;
  decidedBy?: DecidedBy;
}

/**
 * `inferredEntries`: the inferred contract details the case rests on; when the POS has confirmed
 * every one of them (`confirmed`), its inferred failures are judged as documented ones.
 */
export function caseStatus(c: { level: Level; basis: Basis }, steps: StepResult[], strict: boolean, inferredEntries: string[] = [], confirmed: ReadonlySet<string> = new Set()): CaseVerdict {
  const allConfirmed = inferredEntries.length > 0 && inferredEntries.every((e) => confirmed.has(e));
  const at = (step: number, assertion?: number): DecidedBy => ({ phase: 'steps', step, ...(assertion === undefined ? {} : { assertion }) });
  const errored = steps.findIndex((s) => s.status === 'error');
  if (errored >= 0) {
    const s = steps[errored]!;
    return { status: 'error', reason: `${s.name}: ${s.error?.message ?? 'error'}`, decidedBy: at(errored) };
  }
  const skipped = steps.findIndex((s) => s.status === 'skip');
  if (skipped >= 0) return { status: 'skip', reason: steps[skipped]!.error?.message ?? 'skipped', decidedBy: at(skipped) };
  // A step may rest on an inferred detail its case does not: its failures count as inferred.
  const failures = steps.flatMap((s, step) =>
    s.assertions.flatMap((a, assertion) => (a.ok ? [] : [{ name: s.name, basis: s.basis ?? c.basis, a, where: at(step, assertion) }])),
  );
  const hard = failures.filter((f) => !f.a.soft);
  const blocks = (f: (typeof failures)[number]): boolean => c.level === 'must' && (f.basis === 'documented' || strict || allConfirmed);
  const deciding = hard.find(blocks) ?? hard[0] ?? failures[0];
  if (!deciding) return { status: 'pass' };
  // The position travels with the assertion; the reason says which step and what happened.
  const reason = `${deciding.name}: ${deciding.a.message}`;
  if (deciding.a.soft) return { status: 'warn', reason, decidedBy: deciding.where };
  if (blocks(deciding)) {
    const confirmedNote = deciding.basis === 'inferred' && allConfirmed && !strict ? ` [${inferredEntries.join(', ')} inferred, but this POS confirmed ${inferredEntries.length === 1 ? 'it' : 'them'} earlier in the run]` : '';
    return { status: 'fail', reason: `${reason}${confirmedNote}`, decidedBy: deciding.where };
  }
  const which = inferredEntries.length ? ` (${inferredEntries.join(', ')} in suites/contract.yaml)` : '';
  const note = c.level === 'must' ? ` [rests on an inferred contract detail${which}: a warning until Mozrest confirms it; --strict makes it fail]` : '';
  return { status: 'warn', reason: `${reason}${note}`, decidedBy: deciding.where };
}
