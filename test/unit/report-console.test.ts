import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/results.js';
import { createConsoleReporter } from '../../src/report/console-reporter.js';
import type { Reporter, ReporterContext } from '../../src/report/reporter.js';
import type { RunStartInfo } from '../../src/engine/events.js';
import { LIST_WIDTH, wrapList } from '../../src/core/words/wrap.js';
import { blockedCase, blockedReason, blockedRun, blockingOf, callbackErrors, ROOT_REASON, tablesListFails } from '../helpers/blocked-results.js';
import { T0, assertion, caseResult, exchange, pos, runResult, sampleCases, step } from '../helpers/sample-results.js';

interface Captured {
  text: () => string;
  lines: () => string[];
  ctx: ReporterContext;
}

function capture(overrides: Partial<ReporterContext> = {}): Captured {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const ctx: ReporterContext = { outDir: 'reports/run-1', stream, color: false, isTTY: false, quiet: false, verbose: false, ...overrides };
  const text = (): string => chunks.join('');
  return { ctx, text, lines: () => text().replace(/\n$/, '').split('\n') };
}

function startInfo(result: RunResult, notices: string[] = []): RunStartInfo {
  return {
    target: result.target,
    startedAt: T0,
    cases: result.cases.map(({ id, title, suite, level }) => ({ id, title, suite, level })),
    notices,
  };
}

async function play(reporter: Reporter, result: RunResult, notices: string[] = []): Promise<void> {
  await reporter.onRunStart?.(startInfo(result, notices));
  for (const c of result.cases) {
    await reporter.onCaseStart?.({ id: c.id, title: c.title, suite: c.suite, level: c.level });
    await reporter.onCaseResult?.(c);
  }
  await reporter.onRunEnd?.(result);
}

describe('console reporter', () => {
  it('prints a header, one line per case, a summary, the blocking failures and the verdict last', async () => {
    const out = capture();
    const result = runResult();
    await play(createConsoleReporter(out.ctx), result, ['Configure the POS callback URL: http://127.0.0.1:4011']);
    expect(out.lines()).toEqual([
      'pos-accredit http://127.0.0.1:4010 · venue demo-venue (embedded reference POS) · 6 cases',
      'Configure the POS callback URL: http://127.0.0.1:4011',
      '',
      '  ✓ ORD-CREATE-MIN  Title of ORD-CREATE-MIN [must] (120 ms)',
      '  ✗ ORD-CREATE-FULL  Title of ORD-CREATE-FULL [must] (1.53 s)',
      '      status 500, expected 201  at suites/orders.yaml:14:9',
      '      expected 201 / actual 500',
      '  ! ORD-LIST-SHAPE  Title of ORD-LIST-SHAPE [should] (120 ms)',
      '      items is not an array  at suites/list.yaml:30:13',
      `      expected "array" / actual {"items":"${'x'.repeat(109)}…`,
      '  - ORD-PREORDER  Title of ORD-PREORDER [may] (120 ms)',
      '      requires capability pre-orders',
      '  ✗ ERROR CB-CLOSE  Title of CB-CLOSE [must] (120 ms)',
      '      TIMEOUT: no callback within 5000ms  at suites/callbacks.yaml:40:7',
      '  ? ORD-RECEIPT  Title of ORD-RECEIPT [may]',
      '      confirm: a reviewer must compare the receipt',
      '',
      'Summary',
      '  Cases    6 — 1 passed, 1 failed, 1 warning, 1 skipped, 1 error, 1 manual',
      '  must     1 passed, 1 failed, 0 warnings, 0 skipped, 1 error',
      '  should   0 passed, 0 failed, 1 warning, 0 skipped, 0 errors',
      '  may      0 passed, 0 failed, 0 warnings, 1 skipped, 0 errors, 1 manual',
      '  Duration 3.42 s',
      '',
      'Blocking failures (2)',
      '  ✗ ORD-CREATE-FULL  Title of ORD-CREATE-FULL',
      '    status 500, expected 201',
      '    expected 201',
      '    actual   500',
      '    at suites/orders.yaml:14:9',
      '  ✗ ERROR CB-CLOSE  Title of CB-CLOSE',
      '    TIMEOUT: no callback within 5000ms',
      '    at suites/callbacks.yaml:40:7',
      '',
      'Reports: reports/run-1',
      'Verdict: FAIL (2 blocking)',
    ]);
  });

  it('writes no ANSI escapes when color is off, and colours when it is on', async () => {
    const plain = capture();
    await play(createConsoleReporter(plain.ctx), runResult());
    expect(plain.text()).not.toMatch(/\u001b\[/);

    const colored = capture({ color: true });
    await play(createConsoleReporter(colored.ctx), runResult());
    expect(colored.text()).toMatch(/\u001b\[32m✓/); // green pass
    expect(colored.text()).toMatch(/\u001b\[31m✗/); // red fail
  });

  it('ends with Verdict: PASS and says there is nothing blocking when every MUST passed', async () => {
    const out = capture();
    const cases = [caseResult('ORD-CREATE-MIN', 'pass'), caseResult('ORD-LIST', 'warn', { level: 'should', reason: 'slow' })];
    await play(createConsoleReporter(out.ctx), runResult(cases));
    const lines = out.lines();
    expect(lines.at(-1)).toBe('Verdict: PASS');
    expect(lines).toContain('No blocking failures.');
    expect(lines).toContain('  Cases    2 — 1 passed, 0 failed, 1 warning, 0 skipped, 0 errors');
  });

  it('a warning shows the reason and the position of the same assertion: the one that decided it (issue 9)', async () => {
    // A soft (`should`) failure first, then a hard one on an inferred basis: the hard one decides
    // (a warning, as the basis is inferred) and its position is shown, not the soft one's.
    const soft = { check: 'header content-type', ok: false, soft: true, message: 'content-type is text/plain', expected: 'application/json', actual: 'text/plain', pos: { file: 'suites/get.yaml', line: 15, col: 11 } };
    const hard = { check: 'status', ok: false, soft: false, message: 'expected status 200, got 404', expected: 200, actual: 404, pos: { file: 'suites/get.yaml', line: 14, col: 9 } };
    const c = caseResult('ORD-GET', 'warn', { basis: 'inferred', steps: [step({ name: 'get it', status: 'fail', assertions: [soft, hard] })] });
    expect(c.decidedBy).toEqual({ phase: 'steps', step: 0, assertion: 1 });
    const out = capture();
    await play(createConsoleReporter(out.ctx), runResult([{ ...c, reason: 'get it: expected status 200, got 404' }]));
    const lines = out.lines();
    const at = lines.findIndex((l) => l.includes('ORD-GET'));
    expect(lines[at + 1]).toBe('      get it: expected status 200, got 404  at suites/get.yaml:14:9');
    expect(lines[at + 2]).toBe('      expected 200 / actual 404');
  });

  it('shows the control characters a POS put in a value instead of sending them to the terminal', async () => {
    const out = capture();
    await play(createConsoleReporter(out.ctx), runResult([caseResult('ORD-X', 'warn', { level: 'should', reason: 'title \u001b[2J\u001b[31mPASS' })]));
    expect(out.text()).not.toContain('\u001b[2J');
    expect(out.text()).toContain('title \\u001b[2J\\u001b[31mPASS');
  });

  it('says clearly when the run was aborted, and still ends with the verdict', async () => {
    const out = capture();
    const cases = [caseResult('ORD-CREATE-MIN', 'pass')];
    const result = runResult(cases, { verdict: 'fail', aborted: { code: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:4010' }, blocking: [] });
    await play(createConsoleReporter(out.ctx), result);
    const lines = out.lines();
    expect(lines).toContain('Run aborted (unreachable): connect ECONNREFUSED 127.0.0.1:4010');
    expect(lines).toContain('  The run did not complete; the results above are partial.');
    expect(lines).not.toContain('No blocking failures.');
    expect(lines.at(-1)).toBe('Verdict: FAIL (run aborted: unreachable)');
  });

  it('a run stopped before its first case says that no check ran, and names the stop in the verdict', async () => {
    const out = capture();
    const reason = 'not run: the POS refused the token: GET /venue/v1/tables answered 401';
    const cases = [caseResult('AUTH-MISSING', 'skip', { notRun: 'aborted', reason }), caseResult('TABLES-LIST', 'skip', { notRun: 'aborted', reason })];
    const result = runResult(cases, { verdict: 'fail', aborted: { code: 'token-refused', message: 'the POS refused the token: GET /venue/v1/tables answered 401' }, blocking: [] });
    await play(createConsoleReporter(out.ctx), result);
    const lines = out.lines();
    expect(lines).toContain('  No check ran: fix this first, then run again.');
    // The first case in full, the rest counted: nothing ran, so naming them all would name every case.
    expect(lines.filter((l) => l.includes('AUTH-MISSING'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(reason))).toHaveLength(1);
    expect(lines).toContain('  … and 1 more case not run for the same reason');
    expect(lines.filter((l) => l.includes('TABLES-LIST'))).toHaveLength(0);
    expect(lines.at(-1)).toBe('Verdict: FAIL (run aborted: token-refused)');
  });

  it('prints nothing per case in quiet mode', async () => {
    const out = capture({ quiet: true });
    await play(createConsoleReporter(out.ctx), runResult());
    const text = out.text();
    expect(text).not.toContain('  ✓ ORD-CREATE-MIN');
    expect(text).toContain('Blocking failures (2)');
    expect(out.lines().at(-1)).toBe('Verdict: FAIL (2 blocking)');
  });

  it('in verbose mode shows the exchanges of failing cases with the first 20 body lines', async () => {
    const out = capture({ verbose: true });
    const longBody = JSON.stringify({ items: Array.from({ length: 30 }, (_, i) => i) });
    const failing = caseResult('ORD-CREATE-FULL', 'fail', {
      reason: 'status 500, expected 201',
      steps: [step({
        status: 'fail',
        exchanges: [
          exchange({ response: { status: 500, headers: {}, body: longBody, bodyBytes: longBody.length } }),
          exchange({ request: { method: 'GET', url: 'http://127.0.0.1:4010/venue/demo/orders', headers: {} }, response: undefined, error: { code: 'TIMEOUT', message: 'no response within 10000ms' } }),
        ],
      })],
    });
    await play(createConsoleReporter(out.ctx), runResult([caseResult('ORD-CREATE-MIN', 'pass'), failing]));
    const lines = out.lines();
    const at = lines.indexOf('      POST http://127.0.0.1:4010/venue/demo/order → 500 (34 ms)');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('        │ {');
    expect(lines[at + 2]).toBe('        │   "items": [');
    expect(lines[at + 20]).toBe('        │     17,');
    expect(lines[at + 21]).toBe('        │ … 14 more lines');
    expect(lines).toContain('      GET http://127.0.0.1:4010/venue/demo/orders → ERROR TIMEOUT: no response within 10000ms (34 ms)');
    // Passing cases show no exchanges, even in verbose mode.
    expect(lines.filter((l) => l.includes(' → ')).length).toBe(2);
  });

  it('shows a second line only for cases that did not pass', async () => {
    const out = capture();
    const sample = sampleCases();
    await play(createConsoleReporter(out.ctx), runResult(sample.slice(0, 1)));
    const lines = out.lines();
    const at = lines.indexOf('  ✓ ORD-CREATE-MIN  Title of ORD-CREATE-MIN [must] (120 ms)');
    expect(lines[at + 1]).toBe('');
  });

  it('runs an ora spinner on a TTY and stops it before printing each case and the summary', async () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 80,
      cursorTo: () => true,
      moveCursor: () => true,
      clearLine: () => true,
    });
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const ctx: ReporterContext = { outDir: 'reports/run-1', stream, color: false, isTTY: true, quiet: false, verbose: false };
    const reporter = createConsoleReporter(ctx);
    const result = runResult();
    await reporter.onRunStart?.(startInfo(result));
    for (const c of result.cases) {
      await reporter.onCaseStart?.({ id: c.id, title: c.title, suite: c.suite, level: c.level });
      await new Promise((r) => setTimeout(r, 5));
      await reporter.onCaseResult?.(c);
    }
    await reporter.onRunEnd?.(result);
    const text = chunks.join('');
    expect(text).toContain('[1/6] ORD-CREATE-MIN');
    expect(text).toContain('  ✓ ORD-CREATE-MIN  Title of ORD-CREATE-MIN [must] (120 ms)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Verdict: FAIL (2 blocking)');
  });

  it('on a TTY, spins while a callback is awaited, and is still while an operator action is asked', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 80, cursorTo: () => true, moveCursor: () => true, clearLine: () => true });
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const reporter = createConsoleReporter({ outDir: 'reports/run-1', stream, color: false, isTTY: true, quiet: false, verbose: false });
    const result = runResult([caseResult('LIFE-OPEN-VOID', 'pass')]);
    const at = (kind: 'action' | 'await' | 'request', step: number) => ({ caseId: 'LIFE-OPEN-VOID', step, of: 6, kind, name: `step ${step}`, phase: 'steps' as const });
    const ticks = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await reporter.onRunStart?.(startInfo(result));
    await reporter.onCaseStart?.({ id: 'LIFE-OPEN-VOID', title: 'Open → void', suite: 'lifecycle', level: 'must' });
    await reporter.onStepStart?.(at('await', 4));
    await reporter.onWait?.({ caseId: 'LIFE-OPEN-VOID', what: 'PUT /{venueId}/order/{orderId}/void callback for order 1078', timeoutMs: 30_000 });
    await ticks(100);
    expect(chunks.join('')).toContain('LIFE-OPEN-VOID: waiting up to 30 s for PUT /{venueId}/order/{orderId}/void callback for order 1078…');

    // An action: the prompt driver's question goes on this terminal; the spinner must not touch it.
    await reporter.onStepStart?.(at('action', 5));
    stream.write('Operator action (venue V1): void-order\n');
    const asked = chunks.length;
    await ticks(250);
    expect(chunks.slice(asked)).toEqual([]);

    // The next step brings the case's own text back.
    await reporter.onStepStart?.(at('request', 6));
    await ticks(100);
    expect(chunks.slice(asked).join('')).toContain('[1/1] LIFE-OPEN-VOID  Open → void');
    await reporter.onCaseResult?.(result.cases[0]!);
    const done = chunks.length;
    await ticks(200);
    expect(chunks.slice(done)).toEqual([]);
    await reporter.onRunEnd?.(result);
  });

  it('without a TTY, steps and waits add nothing to the output (CI logs stay as they are)', async () => {
    const quiet = capture();
    const plain = capture();
    const result = runResult([caseResult('LIFE-OPEN-VOID', 'pass')]);
    await play(createConsoleReporter(plain.ctx), result);
    const reporter = createConsoleReporter(quiet.ctx);
    await reporter.onRunStart?.(startInfo(result));
    await reporter.onCaseStart?.({ id: 'LIFE-OPEN-VOID', title: 'Open → void', suite: 'lifecycle', level: 'must' });
    await reporter.onStepStart?.({ caseId: 'LIFE-OPEN-VOID', step: 4, of: 6, kind: 'await', name: 'the POS notifies Mozrest', phase: 'steps' });
    await reporter.onWait?.({ caseId: 'LIFE-OPEN-VOID', what: 'PUT /{venueId}/order/{orderId}/void callback for order 1078', timeoutMs: 30_000 });
    await reporter.onCaseResult?.(result.cases[0]!);
    await reporter.onRunEnd?.(result);
    expect(quiet.text()).toBe(plain.text());
    expect(quiet.text()).not.toContain('waiting');
  });
});

describe('console reporter: blocked cases and repeated reasons (issue 11)', () => {
  async function printed(result: RunResult, overrides: Partial<ReporterContext> = {}): Promise<string[]> {
    const out = capture(overrides);
    await play(createConsoleReporter(out.ctx), result);
    return out.lines();
  }

  it('a blocked case shows ⊘, its id and level, and the reason naming its root; no duration (it did not run)', async () => {
    const root = tablesListFails();
    const lines = await printed(runResult([root, blockedCase('ORD-CREATE-MIN', [root])]));
    const at = lines.indexOf('  ⊘ ORD-CREATE-MIN  Title of ORD-CREATE-MIN [must]');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(`      blocked by TABLES-LIST: ${ROOT_REASON}`);
  });

  it('tells consecutive cases with one reason once: the first in full, then every other id', async () => {
    const lines = await printed(blockedRun());
    const first = lines.indexOf('  ⊘ ORD-CREATE-01  Title of ORD-CREATE-01 [must]');
    expect(lines.slice(first, first + 6)).toEqual([
      '  ⊘ ORD-CREATE-01  Title of ORD-CREATE-01 [must]',
      `      blocked by TABLES-LIST: ${ROOT_REASON}`,
      '  ⊘ … and 19 more blocked by TABLES-LIST: ORD-CREATE-02, ORD-CREATE-03, ORD-CREATE-04,',
      '      ORD-CREATE-05, ORD-CREATE-06, ORD-CREATE-07, ORD-CREATE-08, ORD-CREATE-09, ORD-CREATE-10,',
      '      ORD-CREATE-11, ORD-CREATE-12, ORD-CREATE-13, ORD-CREATE-14, ORD-CREATE-15, ORD-CREATE-16,',
      '      ORD-CREATE-17, ORD-CREATE-18, ORD-CREATE-19, ORD-CREATE-20',
    ]);
    // A case with another reason ends the run; the next run of the same reason starts in full again.
    expect(lines[first + 6]).toBe('  ✓ ORD-CREATE-MISSING-TABLES  Title of ORD-CREATE-MISSING-TABLES [must] (120 ms)');
    expect(lines[first + 7]).toBe('  ⊘ ORD-LIST-01  Title of ORD-LIST-01 [must]');
    // The reason of the root, repeated 44 times in the result, is printed once per run of cases.
    expect(lines.filter((l) => l.includes(`blocked by TABLES-LIST: ${ROOT_REASON}`))).toHaveLength(2);
    expect(lines.length).toBeLessThan(60);
  });

  it('never loses the id of a failed, errored or blocked case', async () => {
    const result = blockedRun();
    const lines = await printed(result);
    const caseList = lines.slice(0, lines.indexOf('Summary'));
    const idsIn = (text: string[]): Set<string> => new Set(text.join('\n').match(/[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+/g));
    const shown = idsIn(caseList);
    for (const c of result.cases.filter((x) => x.status === 'fail' || x.status === 'error' || x.status === 'blocked')) expect(shown, c.id).toContain(c.id);
    // The blocking list, too, names every case it lists.
    const blockingList = idsIn(lines.slice(lines.findIndex((l) => l.startsWith('Blocking failures'))));
    for (const b of result.blocking) expect(blockingList, b.id).toContain(b.id);
  });

  it('groups any repeated reason, whatever the status, and wherever its check is written', async () => {
    const refused = (id: string, line: number) => caseResult(id, 'fail', {
      reason: 'status 401, expected 200',
      steps: [step({ status: 'fail', assertions: [assertion({ ok: false, message: 'status 401, expected 200', expected: 200, actual: 401, pos: pos(line, 9) })] })],
    });
    const timeout = (id: string) => caseResult(id, 'error', { ...callbackErrors(), id, title: `Title of ${id}` });
    const skipped = (id: string) => caseResult(id, 'skip', { level: 'should', reason: 'no driver to perform operator actions', steps: [] });
    const cases = [refused('ORD-A', 10), refused('ORD-B', 20), refused('ORD-C', 30), timeout('CB-A'), timeout('CB-B'), skipped('LIFE-A'), skipped('LIFE-B'), caseResult('ORD-D', 'fail', { reason: 'another reason' })];
    const lines = await printed(runResult(cases));
    expect(lines).toContain('  ✗ … and 2 more failed for the same reason: ORD-B, ORD-C');
    expect(lines).toContain('  ✗ … and 1 more error for the same reason: CB-B');
    expect(lines).toContain('  - … and 1 more skipped for the same reason: LIFE-B');
    expect(lines.filter((l) => l.includes('status 401, expected 200'))).toHaveLength(2); // the case list once, the blocking list once
    expect(lines).toContain('  ✗ ORD-D  Title of ORD-D [must] (120 ms)');
    // In the blocking list: once, then the others by id (the positions differ, the cause does not).
    const blocking = lines.slice(lines.findIndex((l) => l.startsWith('Blocking failures')));
    expect(blocking[0]).toBe('Blocking failures (6)');
    expect(blocking).toContain('    and 2 more for the same reason: ORD-B, ORD-C');
    expect(blocking).toContain('    and 1 more for the same reason: CB-B');
  });

  it('different values are not the same reason, and a failed cleanup is always its own line', async () => {
    const with500 = (id: string, actual: number) => caseResult(id, 'fail', {
      reason: 'unexpected status',
      steps: [step({ status: 'fail', assertions: [assertion({ ok: false, message: 'unexpected status', expected: 200, actual })] })],
    });
    const lines = await printed(runResult([with500('A-1', 500), with500('A-2', 503), with500('A-3', 503), caseResult('A-4', 'fail', { ...with500('A-4', 503), cleanupFailed: { step: 0, message: 'void refused' } })]));
    expect(lines).toContain('  ✗ A-2  Title of A-2 [must] (120 ms)');
    expect(lines).toContain('  ✗ … and 1 more failed for the same reason: A-3');
    expect(lines).toContain('  ✗ A-4  Title of A-4 [must] (120 ms)');
  });

  it('in verbose mode, failing cases keep their own lines (their exchanges are the point)', async () => {
    const same = (id: string) => caseResult(id, 'fail', { reason: 'status 500, expected 201', steps: [step({ status: 'fail', assertions: [assertion({ ok: false, message: 'status 500, expected 201', expected: 201, actual: 500 })] })] });
    const lines = await printed(runResult([same('X-1'), same('X-2')]), { verbose: true });
    expect(lines).toContain('  ✗ X-2  Title of X-2 [must] (120 ms)');
    expect(lines.some((l) => l.includes('more failed for the same reason'))).toBe(false);
  });

  it('counts blocked apart in the summary, and names it only when there is some', async () => {
    const lines = await printed(blockedRun());
    expect(lines).toContain('  Cases    48 — 2 passed, 1 failed, 0 warnings, 0 skipped, 1 error, 44 blocked');
    expect(lines).toContain('  must     2 passed, 1 failed, 0 warnings, 0 skipped, 1 error, 42 blocked');
    expect(lines).toContain('  should   0 passed, 0 failed, 0 warnings, 0 skipped, 0 errors, 2 blocked');
    expect(lines).toContain('  may      0 passed, 0 failed, 0 warnings, 0 skipped, 0 errors');
    const none = await printed(runResult());
    expect(none.join('\n')).not.toContain('blocked');
  });

  it('lists the root first, then the checks it blocks right under it, not one entry each', async () => {
    const lines = await printed(blockedRun());
    const start = lines.findIndex((l) => l.startsWith('Blocking failures'));
    expect(lines.slice(start, start + 7)).toEqual([
      'Blocking failures (2 to fix; 42 checks blocked by them)',
      '  ✗ TABLES-LIST  Get Tables answers a JSON array of tables',
      `    ${ROOT_REASON}`,
      '    expected "array"',
      '    actual   {"tables":[]}',
      '    at suites/30-tables.yaml:19:19',
      '    ⊘ blocks 41 MUST checks (fix it first): ORD-CREATE-01, ORD-CREATE-02, ORD-CREATE-03,',
    ]);
    const rest = lines.slice(start + 7);
    const cb = rest.indexOf('  ✗ ERROR CB-CLOSE  Title of CB-CLOSE');
    expect(rest.slice(0, cb).join(' ')).toContain('ORD-LIST-20, LIFE-CLOSE');
    expect(rest.slice(cb, cb + 4)).toEqual([
      '  ✗ ERROR CB-CLOSE  Title of CB-CLOSE',
      '    TIMEOUT: no callback within 5000ms',
      '    at suites/70-lifecycle.yaml:40:7',
      '    ⊘ blocks 2 MUST checks (fix it first): LIFE-VOID, LIFE-CLOSE',
    ]);
    // No blocked check is an entry of its own: they are all under their roots.
    expect(lines.filter((l) => /^ {2}⊘ [A-Z]/.test(l) && lines.indexOf(l) > start)).toEqual([]);
    expect(lines.at(-1)).toBe('Verdict: FAIL (2 blocking, 42 blocked)');
  });

  it('the number of checks a root blocks is the number of ids beside it; alone, the root\'s own count', async () => {
    const result = blockedRun();
    // Say the engine counted the two blocked SHOULD checks too: the line still counts what it lists.
    result.blocking[0]!.blocks = 43;
    expect((await printed(result)).filter((l) => l.includes('blocks 41 MUST checks'))).toHaveLength(1);
    const rootsOnly = { ...result, blocking: result.blocking.filter((b) => b.status !== 'blocked') };
    const lines = await printed(rootsOnly);
    expect(lines).toContain('    ⊘ blocks 43 checks (fix it first)');
    expect(lines).toContain('Blocking failures (2)');
  });

  it('keeps the engine\'s order: a root it lists later is shown later', async () => {
    const result = blockedRun();
    const [tables, callback, ...blocked] = result.blocking;
    const lines = await printed({ ...result, blocking: [callback!, tables!, ...blocked] });
    expect(lines.indexOf('  ✗ ERROR CB-CLOSE  Title of CB-CLOSE')).toBeLessThan(lines.indexOf('  ✗ TABLES-LIST  Get Tables answers a JSON array of tables'));
  });

  it('a blocked entry whose root is not listed still shows, on its own', async () => {
    const root = caseResult('TABLES-AREA', 'warn', { level: 'should', reason: 'area is a number' });
    const orphan = blockedCase('ORD-AREA', [root]);
    const lines = await printed(runResult([root, orphan], { verdict: 'fail', blocking: blockingOf([root, orphan]) }));
    const start = lines.findIndex((l) => l.startsWith('Blocking failures'));
    expect(lines.slice(start, start + 3)).toEqual([
      'Blocking failures (0 to fix; 1 check blocked by them)',
      '  ⊘ ORD-AREA  Title of ORD-AREA',
      `    ${blockedReason(root)}`,
    ]);
  });

  it('colours a blocked line when colour is on, and shows ⊘ without it', async () => {
    const out = capture({ color: true });
    await play(createConsoleReporter(out.ctx), blockedRun());
    expect(out.text()).toMatch(/\u001b\[31m\u001b\[2m⊘/);
  });
});

describe('wrapList', () => {
  it('keeps every item, in order, in lines no longer than the width', () => {
    const ids = Array.from({ length: 57 }, (_, i) => `ORD-CHECK-${i}`);
    const lines = wrapList(ids, 40, LIST_WIDTH);
    expect(lines.join(' ').split(', ').join(',').split(/[ ,]+/)).toEqual(ids);
    expect(lines[0]!.length).toBeLessThanOrEqual(40);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(LIST_WIDTH);
    expect(lines.at(-1)!.endsWith('ORD-CHECK-56')).toBe(true);
  });

  it('never cuts an item longer than a line', () => {
    const long = 'X'.repeat(150);
    expect(wrapList(['A', long, 'B'], 10, 20)).toEqual(['A,', `${long},`, 'B']);
    expect(wrapList([], 10, 20)).toEqual([]);
  });
});

