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
    const result = runResult(cases, { verdict: 'fail', aborted: { code: 'TARGET_UNREACHABLE', message: 'connect ECONNREFUSED 127.0.0.1:4010' } });
    await play(createConsoleReporter(out.ctx), result);
    const lines = out.lines();
    expect(lines).toContain('Run aborted (TARGET_UNREACHABLE): connect ECONNREFUSED 127.0.0.1:4010');
    expect(lines).toContain('  The run did not complete; the results above are partial.');
    expect(lines.at(-1)).toBe('Verdict: FAIL (run aborted)');
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
});
