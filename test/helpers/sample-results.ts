// Synthetic, fully pinned results for reporter tests: no clock, no network, no randomness.
import { type AssertionResult, type BlockingFailure, type CaseResult, type CaseStatus, emptyCounts, type Level, type RunResult, type StepResult } from '../../src/core/results.js';
import type { Exchange } from '../../src/core/evidence.js';
import type { SourcePos } from '../../src/core/words/position.js';
import { caseStatus } from '../../src/engine/case-status.js';

export const T0 = '2025-01-15T10:00:00.000Z';
export const T1 = '2025-01-15T10:00:03.420Z';

export function pos(line: number, col = 7, file = 'suites/orders.yaml'): SourcePos {
  return { file, line, col };
}

export function exchange(overrides: Partial<Exchange> = {}): Exchange {
  return {
    startedAt: T0,
    durationMs: 34,
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:4010/venue/demo/order',
      headers: { authorization: 'Bearer ***', 'content-type': 'application/json' },
      body: '{"items":[]}',
    },
    response: {
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"boom","detail":{"a":1,"b":[1,2,3]}}',
      bodyBytes: 46,
    },
    ...overrides,
  };
}

export function assertion(overrides: Partial<AssertionResult> = {}): AssertionResult {
  return { check: 'status', ok: true, soft: false, message: 'status is 201', expected: 201, actual: 201, pos: pos(14, 9), ...overrides };
}

export function step(overrides: Partial<StepResult> = {}): StepResult {
  return {
    kind: 'request',
    name: 'create order',
    status: 'pass',
    pos: pos(12),
    durationMs: 40,
    assertions: [assertion()],
    exchanges: [exchange({ response: { status: 201, headers: {}, body: '{"id":"o-1"}', bodyBytes: 12 } })],
    ...overrides,
  };
}

/**
 * A case as the engine reports it. Unless given, `decidedBy` is what the engine's rule
 * (engine/case-status.ts) finds in its steps, and a skip without steps was not run (the plan).
 */
export function caseResult(id: string, status: CaseStatus, overrides: Partial<CaseResult> = {}): CaseResult {
  const c = bareCase(id, status, overrides);
  if (!('decidedBy' in overrides) && status !== 'pass' && status !== 'manual') {
    const decided = caseStatus(c, c.steps, false);
    if (decided.status === status && decided.decidedBy) c.decidedBy = decided.decidedBy;
  }
  if (!('notRun' in overrides) && status === 'skip' && c.steps.length === 0) c.notRun = 'plan';
  return c;
}

function bareCase(id: string, status: CaseStatus, overrides: Partial<CaseResult>): CaseResult {
  return {
    id,
    title: `Title of ${id}`,
    suite: 'orders',
    level: 'must',
    basis: 'documented',
    spec: ['P2#create-order'],
    tags: ['orders'],
    status,
    pos: pos(10, 5),
    startedAt: T0,
    durationMs: 120,
    steps: [step()],
    cleanup: [],
    ...overrides,
  };
}

/** One case of each interesting status; the MUST fail and the error block accreditation. */
export function sampleCases(): CaseResult[] {
  const failing = step({
    status: 'fail',
    assertions: [
      assertion({ check: 'header content-type', ok: false, soft: true, message: 'content-type is text/plain', expected: 'application/json', actual: 'text/plain', pos: pos(15, 11) }),
      assertion({ ok: false, message: 'status 500, expected 201', expected: 201, actual: 500, pos: pos(14, 9) }),
    ],
    exchanges: [exchange()],
  });
  return [
    caseResult('ORD-CREATE-MIN', 'pass'),
    caseResult('ORD-CREATE-FULL', 'fail', { reason: 'status 500, expected 201', steps: [failing], durationMs: 1534 }),
    caseResult('ORD-LIST-SHAPE', 'warn', {
      level: 'should',
      reason: 'items is not an array',
      steps: [step({
        status: 'warn',
        assertions: [assertion({ check: '$.items type', ok: false, message: 'items is not an array', expected: 'array', actual: { items: 'x'.repeat(300) }, pos: pos(30, 13, 'suites/list.yaml') })],
      })],
    }),
    caseResult('ORD-PREORDER', 'skip', { level: 'may', reason: 'requires capability pre-orders', steps: [] }),
    caseResult('CB-CLOSE', 'error', {
      reason: 'TIMEOUT: no callback within 5000ms',
      steps: [step({ kind: 'await', status: 'error', assertions: [], exchanges: [], pos: pos(40, 7, 'suites/callbacks.yaml'), error: { code: 'TIMEOUT', message: 'no callback within 5000ms' } })],
    }),
    caseResult('ORD-RECEIPT', 'manual', { level: 'may', reason: 'a reviewer must compare the receipt', steps: [] }),
  ];
}

function count(cases: CaseResult[]): RunResult['counts'] {
  const byStatus = emptyCounts();
  const byLevel: Record<Level, ReturnType<typeof emptyCounts>> = { must: emptyCounts(), should: emptyCounts(), may: emptyCounts() };
  for (const c of cases) {
    byStatus[c.status] += 1;
    byLevel[c.level][c.status] += 1;
  }
  return { total: cases.length, byStatus, byLevel };
}

/** A failed MUST or an error as `blocking` lists it: the first hard failure's values and position. */
export function blockingEntry(c: CaseResult): BlockingFailure {
  const failed = c.steps.flatMap((s) => s.assertions).find((a) => !a.ok && !a.soft);
  const b: BlockingFailure = { id: c.id, title: c.title, status: c.status, reason: c.reason ?? '', pos: failed?.pos ?? c.steps[0]?.pos ?? c.pos };
  if (failed) {
    b.expected = failed.expected;
    b.actual = failed.actual;
  }
  return b;
}

export function blockingOf(cases: CaseResult[]): BlockingFailure[] {
  return cases
    .filter((c) => (c.status === 'fail' && c.level === 'must') || c.status === 'error')
    .map(blockingEntry);
}

export function runResult(cases: CaseResult[] = sampleCases(), overrides: Partial<RunResult> = {}): RunResult {
  const blocking = blockingOf(cases);
  return {
    tool: { name: 'pos-accredit', version: '0.1.0' },
    contract: { version: '2025-01', file: 'suites/contract.yaml' },
    target: { baseUrl: 'http://127.0.0.1:4010', venue: 'demo-venue', embedded: true },
    options: { strict: false, tags: [], ids: [], timeoutMs: 10_000 },
    startedAt: T0,
    finishedAt: T1,
    durationMs: 3420,
    verdict: blocking.length > 0 ? 'fail' : 'pass',
    counts: count(cases),
    blocking,
    hints: [],
    cases,
    ...overrides,
  };
}
