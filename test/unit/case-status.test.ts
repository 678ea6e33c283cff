import { describe, expect, it } from 'vitest';
import { caseStatus } from '../../src/engine/case-status.js';
import type { AssertionResult, Basis, Level, StepResult } from '../../src/core/results.js';

const pos = (line: number) => ({ file: 'suites/orders.yaml', line, col: 9 });

function assertion(ok: boolean, soft: boolean, message: string, line = 20): AssertionResult {
  return { check: 'status', ok, soft, message, expected: 200, actual: ok ? 200 : 500, pos: pos(line) };
}
function step(name: string, assertions: AssertionResult[], extra: Partial<StepResult> = {}): StepResult {
  const status = assertions.some((a) => !a.ok && !a.soft) ? 'fail' : assertions.some((a) => !a.ok) ? 'warn' : 'pass';
  return { kind: 'request', name, status, pos: pos(10), durationMs: 5, assertions, exchanges: [], ...extra };
}

const PASSING = step('list orders', [assertion(true, false, 'status 200')]);
const HARD = assertion(false, false, 'expected status 200, got 500', 21);
const SOFT = assertion(false, true, 'expected status 401, got 403', 22);
const HARD_FAIL = step('create', [HARD]);
const SOFT_FAIL = step('check body', [SOFT]);
const ERRORED = step('get order', [], { status: 'error', error: { code: 'template', message: 'undefined variable "orderId"' } });
const SKIPPED = step('action pay-check', [], { kind: 'action', status: 'skip', error: { code: 'no-driver', message: 'needs a driver to perform "pay-check" on the POS' } });

const INFERRED_NOTE = ' [rests on an inferred contract detail: a warning until Mozrest confirms it; --strict makes it fail]';

describe('caseStatus: a hard failure, by level × basis × strict', () => {
  const table: [Level, Basis, boolean, 'fail' | 'warn'][] = [
    ['must', 'documented', false, 'fail'],
    ['must', 'documented', true, 'fail'],
    ['must', 'inferred', false, 'warn'],
    ['must', 'inferred', true, 'fail'],
    ['should', 'documented', false, 'warn'],
    ['should', 'documented', true, 'warn'],
    ['should', 'inferred', false, 'warn'],
    ['should', 'inferred', true, 'warn'],
    ['may', 'documented', false, 'warn'],
    ['may', 'documented', true, 'warn'],
    ['may', 'inferred', false, 'warn'],
    ['may', 'inferred', true, 'warn'],
  ];
  for (const [level, basis, strict, status] of table) {
    it(`${level} ${basis}${strict ? ' --strict' : ''} → ${status}`, () => {
      const verdict = caseStatus({ level, basis }, [PASSING, HARD_FAIL], strict);
      expect(verdict.status).toBe(status);
      expect(verdict.decidedBy).toEqual({ phase: 'steps', step: 1, assertion: 0 });
    });
  }

  it('the reason names the step and the failed check', () => {
    expect(caseStatus({ level: 'must', basis: 'documented' }, [HARD_FAIL], false).reason).toBe('create: expected status 200, got 500');
    expect(caseStatus({ level: 'should', basis: 'inferred' }, [HARD_FAIL], false).reason).toBe('create: expected status 200, got 500');
  });

  it('a MUST on an inferred basis says why it only warns, and stops saying so under --strict', () => {
    expect(caseStatus({ level: 'must', basis: 'inferred' }, [HARD_FAIL], false).reason).toBe(`create: expected status 200, got 500${INFERRED_NOTE}`);
    expect(caseStatus({ level: 'must', basis: 'inferred' }, [HARD_FAIL], true).reason).toBe('create: expected status 200, got 500');
  });
});

describe('caseStatus: soft (should-block) failures', () => {
  it('only warn, even on a documented MUST under --strict', () => {
    const verdict = caseStatus({ level: 'must', basis: 'documented' }, [PASSING, SOFT_FAIL], true);
    expect(verdict).toEqual({ status: 'warn', reason: 'check body: expected status 401, got 403', decidedBy: { phase: 'steps', step: 1, assertion: 0 } });
  });

  it('a hard failure outranks an earlier soft one as the reason', () => {
    const verdict = caseStatus({ level: 'must', basis: 'documented' }, [SOFT_FAIL, HARD_FAIL], false);
    expect(verdict.status).toBe('fail');
    expect(verdict.decidedBy).toEqual({ phase: 'steps', step: 1, assertion: 0 });
    expect(verdict.reason).toBe('create: expected status 200, got 500');
  });
});

describe('caseStatus: errors and skips', () => {
  it('all passing steps pass, with no reason', () => {
    expect(caseStatus({ level: 'must', basis: 'documented' }, [PASSING, PASSING], false)).toEqual({ status: 'pass' });
  });

  it('an error beats a skip and any failure', () => {
    const verdict = caseStatus({ level: 'must', basis: 'documented' }, [HARD_FAIL, SKIPPED, ERRORED], true);
    expect(verdict).toEqual({ status: 'error', reason: 'get order: undefined variable "orderId"', decidedBy: { phase: 'steps', step: 2 } });
  });

  it('an error counts whatever the level', () => {
    expect(caseStatus({ level: 'may', basis: 'inferred' }, [ERRORED], false).status).toBe('error');
  });

  it('a skip beats failures and carries the skip reason', () => {
    const verdict = caseStatus({ level: 'must', basis: 'documented' }, [HARD_FAIL, SKIPPED], false);
    expect(verdict).toEqual({ status: 'skip', reason: 'needs a driver to perform "pay-check" on the POS', decidedBy: { phase: 'steps', step: 1 } });
  });

  it('an error step without a message still errors', () => {
    const bare = step('x', [], { status: 'error' });
    expect(caseStatus({ level: 'should', basis: 'documented' }, [bare], false)).toEqual({ status: 'error', reason: 'x: error', decidedBy: { phase: 'steps', step: 0 } });
  });
});
