// A run where prerequisites failed, as the engine reports it (issue 11): the roots fail or error,
// their dependants are `blocked` (no step, `blockedBy` the roots), and `blocking` lists the roots
// first, most-blocking first, each with `blocks`, then every blocked MUST with its `blockedBy`.
import type { BlockingFailure, CaseResult, RunResult } from '../../src/core/results.js';
import { assertion, blockingEntry, caseResult, pos, runResult, step } from './sample-results.js';

export const ROOT_REASON = 'GET /venue/{venue}/tables: tables.json: the body must be array, got object';

/** `blocked by TABLES-LIST: …`, as the engine words it. */
export function blockedReason(root: CaseResult): string {
  return `blocked by ${root.id}: ${root.reason ?? root.status}`;
}

export function blockedCase(id: string, roots: CaseResult[], overrides: Partial<CaseResult> = {}): CaseResult {
  return caseResult(id, 'blocked', {
    reason: roots.length === 1 ? blockedReason(roots[0]!) : `blocked by ${roots.map((r) => r.id).join(', ')}: ${roots[0]!.reason ?? ''}`,
    blockedBy: roots.map((r) => r.id),
    steps: [],
    cleanup: [],
    durationMs: 0,
    ...overrides,
  });
}

export function tablesListFails(): CaseResult {
  return caseResult('TABLES-LIST', 'fail', {
    suite: '30-tables',
    title: 'Get Tables answers a JSON array of tables',
    reason: ROOT_REASON,
    steps: [step({
      status: 'fail',
      assertions: [assertion({ check: 'schema tables.json', ok: false, message: ROOT_REASON, expected: 'array', actual: { tables: [] }, pos: pos(19, 19, 'suites/30-tables.yaml') })],
    })],
  });
}

export function callbackErrors(): CaseResult {
  return caseResult('CB-CLOSE', 'error', {
    suite: '70-lifecycle',
    reason: 'TIMEOUT: no callback within 5000ms',
    steps: [step({ kind: 'await', status: 'error', assertions: [], exchanges: [], pos: pos(40, 7, 'suites/70-lifecycle.yaml'), error: { code: 'TIMEOUT', message: 'no callback within 5000ms' } })],
  });
}

/** What `blocking` holds for these cases, in the engine's order (see the header). */
export function blockingOf(cases: CaseResult[]): BlockingFailure[] {
  const blocked = cases.filter((c) => c.status === 'blocked');
  const mustBlocked = blocked.filter((c) => c.level === 'must');
  const roots = cases
    .filter((c) => (c.status === 'fail' && c.level === 'must') || c.status === 'error')
    .map((c) => {
      const b = blockingEntry(c);
      const blocks = mustBlocked.filter((x) => x.blockedBy?.includes(c.id)).length;
      if (blocks > 0) b.blocks = blocks;
      return b;
    })
    .sort((a, b) => (b.blocks ?? 0) - (a.blocks ?? 0));
  return [
    ...roots,
    ...mustBlocked.map((c): BlockingFailure => ({ id: c.id, title: c.title, status: 'blocked', reason: c.reason ?? '', blockedBy: c.blockedBy, pos: c.pos })),
  ];
}

/**
 * TABLES-LIST fails and keeps 40 MUST and 2 SHOULD checks from running; CB-CLOSE errors and
 * blocks 2 more (one of them also blocked by TABLES-LIST); one check passes in between.
 */
export function blockedRun(): RunResult {
  const tables = tablesListFails();
  const callback = callbackErrors();
  const create = Array.from({ length: 20 }, (_, i) => blockedCase(`ORD-CREATE-${String(i + 1).padStart(2, '0')}`, [tables], { suite: '40-create-order' }));
  const list = Array.from({ length: 20 }, (_, i) => blockedCase(`ORD-LIST-${String(i + 1).padStart(2, '0')}`, [tables], { suite: '50-list-orders' }));
  const should = [blockedCase('ORD-LIST-SLOW', [tables], { suite: '50-list-orders', level: 'should' }), blockedCase('ORD-LIST-LARGE', [tables], { suite: '50-list-orders', level: 'should' })];
  const cases = [
    caseResult('AUTH-MISSING', 'pass', { suite: '10-auth' }),
    tables,
    ...create,
    caseResult('ORD-CREATE-MISSING-TABLES', 'pass', { suite: '40-create-order' }),
    ...list,
    ...should,
    callback,
    blockedCase('LIFE-VOID', [callback], { suite: '70-lifecycle' }),
    blockedCase('LIFE-CLOSE', [tables, callback], { suite: '70-lifecycle' }),
  ];
  return runResult(cases, { blocking: blockingOf(cases), verdict: 'fail', hints: ['TABLES-LIST failed: 41 checks that rest on it were not run. Fix it first.'] });
}
