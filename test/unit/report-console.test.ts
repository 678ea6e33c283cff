import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/results.js';
import { createConsoleReporter } from '../../src/report/console-reporter.js';
import type { Reporter, ReporterContext } from '../../src/report/reporter.js';
import type { RunStartInfo } from '../../src/engine/events.js';
import { T0, caseResult, exchange, runResult, sampleCases, step } from '../helpers/sample-results.js';

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
    expect(lines.filter((l) => l.includes('AUTH-MISSING') || l.includes('TABLES-LIST'))).toHaveLength(1);
    expect(lines).toContain('  … and 1 more case not run for the same reason');
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
