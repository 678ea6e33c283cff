import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createPromptDriver, PRESS_ENTER } from '../../src/drivers/prompt-driver.js';

const ANSWERED_AT = new Date('2025-06-01T12:00:00.000Z');
const ADD_STEAK = { orderId: '98765', items: [{ name: 'Steak', price: 40, quantity: 2 }] };

function setup(options: { tablesOf?: (id: string) => string[]; signal?: AbortSignal } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (c: Buffer) => (written += c.toString('utf8')));
  const driver = createPromptDriver({ input, output, venueId: 'V1', isTTY: false, now: () => ANSWERED_AT, ...options });
  /** Resolves once the output contains `text` (the driver is waiting for an answer). */
  const shown = async (text: string): Promise<void> => {
    while (!written.includes(text)) await new Promise((r) => setTimeout(r, 5));
  };
  return { input, driver, shown, transcript: () => written };
}

describe('prompt driver', () => {
  it('prints the instruction and takes Enter as done', async () => {
    const { input, driver, shown, transcript } = setup({ tablesOf: () => ['T12'] });
    const pending = driver.perform('add-items', ADD_STEAK, 2000);
    await shown(PRESS_ENTER);
    input.write('\n');

    expect(await pending).toEqual({ ok: true, result: { answeredAt: ANSWERED_AT.toISOString(), answer: 'done' } });
    expect(transcript()).toBe(
      '\nOperator action (venue V1): add-items\n' +
        '  On the POS, add 2 × Steak at 40.00 to order 98765 (table T12), then press Enter\n' +
        `${PRESS_ENTER} \n`,
    );
  });

  it('takes "f" then a reason as a reported failure', async () => {
    const { input, driver, shown, transcript } = setup();
    const pending = driver.perform('void-check', { orderId: '98765', checkNumber: '2' }, 2000);
    await shown(PRESS_ENTER);
    input.write('f\n');
    await shown('What went wrong?');
    input.write('the void button is greyed out\n');

    expect(await pending).toEqual({ ok: false, code: 'operator-failed', message: 'the operator reported a failure: the void button is greyed out' });
    expect(transcript()).toContain('void check 2 of order 98765');
  });

  it('reads answers typed ahead in one chunk, one action after another', async () => {
    const { input, driver } = setup();
    input.write('maybe\ndone\nF\nprinter jammed\n');
    const first = await driver.perform('set-party-size', { orderId: '1', partySize: 6 }, 2000);
    const second = await driver.perform('split-check', { orderId: '1', parts: 2 }, 2000);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, code: 'operator-failed', message: 'the operator reported a failure: printer jammed' });
  });

  it('times out when nobody answers', async () => {
    const { driver, transcript } = setup();
    const started = Date.now();
    const outcome = await driver.perform('void-order', { orderId: '1' }, 150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(outcome).toEqual({ ok: false, code: 'operator-timeout', message: 'no answer from the operator within 150 ms' });
    expect(transcript()).toContain('no answer within 150 ms');
  });

  it('reports operator-gone when the input closes, and for every later action', async () => {
    const { input, driver, shown } = setup();
    const pending = driver.perform('void-order', { orderId: '1' }, 2000);
    await shown(PRESS_ENTER);
    input.end();
    expect(await pending).toMatchObject({ ok: false, code: 'operator-gone' });
    expect(await driver.perform('void-order', { orderId: '2' }, 2000)).toMatchObject({ ok: false, code: 'operator-gone' });
  });

  it('stops waiting when the run is interrupted (Ctrl-C)', async () => {
    const interrupt = new AbortController();
    const { driver, shown } = setup({ signal: interrupt.signal });
    const pending = driver.perform('void-order', { orderId: '1' }, 5000);
    await shown(PRESS_ENTER);
    interrupt.abort();
    expect(await pending).toMatchObject({ ok: false, code: 'driver-aborted' });
  });

  it('remembers where move-table put an order', async () => {
    const { input, driver, shown, transcript } = setup({ tablesOf: () => ['T12'] });
    input.write('\n');
    await driver.perform('move-table', { orderId: '5', tables: ['T3', 'T4'] }, 2000);
    const pending = driver.perform('void-order', { orderId: '5' }, 2000);
    await shown('void order 5');
    input.write('\n');
    await pending;
    expect(transcript()).toContain('move order 5 from table T12 to tables T3 + T4');
    expect(transcript()).toContain('void order 5 (tables T3 + T4)');
  });
});

describe('prompt driver: where the person is', () => {
  const CONTEXT = { caseId: 'LIFE-OPEN-VOID', caseTitle: 'Open → void', step: 3, steps: 6, tables: ['T3'] };

  it('heads each question with the case, the step, the order and its tables', async () => {
    const { input, driver, shown, transcript } = setup();
    const pending = driver.perform('void-order', { orderId: '1078' }, 2000, CONTEXT);
    await shown(PRESS_ENTER);
    input.write('\n');
    expect((await pending).ok).toBe(true);
    expect(transcript()).toBe(
      '\nLIFE-OPEN-VOID (Open → void) · step 3 of 6 · order 1078 on table T3\n' +
        'Operator action (venue V1): void-order\n' +
        // The header names the table: the sentence says what to do.
        '  On the POS, void order 1078, then press Enter\n' +
        `${PRESS_ENTER} \n`,
    );
  });

  it('cuts a long title at a word so the header fits 80 columns, and names the check', async () => {
    const { input, driver, shown, transcript } = setup();
    input.write('\n');
    const title = 'A split bill is reported as checks with distinct numbers; paying one keeps the order open';
    await driver.perform('split-check', { orderId: '1080', parts: 2 }, 2000, { caseId: 'LIFE-SPLIT-CHECKS', caseTitle: title, step: 3, steps: 8, tables: ['T4'] });
    const pending = driver.perform('pay-check', { orderId: '1080', checkNumber: '500002', paymentMethod: 'card' }, 2000, { caseId: 'LIFE-SPLIT-CHECKS', caseTitle: title, step: 7, steps: 8, tables: ['T4'] });
    await shown('check 500002 of order 1080 by card');
    input.write('\n');
    await pending;
    const headers = transcript().split('\n').filter((l) => l.startsWith('LIFE-SPLIT-CHECKS'));
    expect(headers).toEqual([
      'LIFE-SPLIT-CHECKS (A split bill is…) · step 3 of 8 · order 1080 on table T4',
      // No room left for a title worth reading: the id alone names the case.
      'LIFE-SPLIT-CHECKS · step 7 of 8 · check 500002 of order 1080 on table T4',
    ]);
    expect(headers.every((h) => h.length <= 80)).toBe(true);
  });

  it('heads a cleanup (no step, no title) with the case and the order', async () => {
    const { input, driver, transcript } = setup();
    input.write('\n');
    await driver.perform('void-order', { orderId: '98765' }, 2000, { caseId: 'LIFE-OPEN-UPDATE-CLOSE', tables: ['T12'] });
    expect(transcript()).toContain('\nLIFE-OPEN-UPDATE-CLOSE · order 98765 on table T12\nOperator action (venue V1): void-order\n');
  });

  it('says where a move starts from, not the tables the run leased for its destination', async () => {
    const { input, driver, transcript } = setup({ tablesOf: () => ['T12'] });
    input.write('\n');
    await driver.perform('move-table', { orderId: '5', tables: ['T3'] }, 2000, { caseId: 'LIFE-MOVE', tables: ['T3'] });
    expect(transcript()).toContain('LIFE-MOVE · order 5 on table T12\n');
    expect(transcript()).toContain('move order 5 from table T12 to table T3');
  });

  it('on a terminal, wraps the instruction at words to the terminal width', async () => {
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { columns: 60 });
    let written = '';
    output.on('data', (c: Buffer) => (written += c.toString('utf8')));
    const driver = createPromptDriver({ input, output, venueId: 'V1', isTTY: true });
    input.write('\n');
    await driver.perform('close-order', { orderId: '98765', paymentMethod: 'card', tip: 5 }, 2000, { caseId: 'LIFE-X', step: 4, steps: 7, tables: ['T12'] });
    const lines = written.replace('\u0007', '').split('\n');
    expect(lines.slice(1, 6)).toEqual([
      'LIFE-X · step 4 of 7 · order 98765 on table T12',
      'Operator action (venue V1): close-order',
      '  On the POS, take payment for everything still open on',
      '    order 98765 by card, with a tip of 5.00, and close the',
      '    order, then press Enter',
    ]);
  });
});

describe('prompt driver: a batch is one question', () => {
  const CONTEXT = { caseId: 'TABLES-ALL-ACCEPTED', caseTitle: 'Every table id Get Tables lists is accepted by Create Order', step: 5, steps: 5 };
  const voids = (...orders: [string, string][]) => orders.map(([orderId, table]) => ({ action: 'void-order', params: { orderId }, tables: [table] }));

  it('asks once to void every order, with its table, and takes one Enter for them all', async () => {
    const { input, driver, shown, transcript } = setup();
    const pending = driver.performBatch!(voids(['1178', 'T1'], ['1179', 'T2'], ['1180', 'T7']), 2000, CONTEXT);
    await shown(PRESS_ENTER);
    input.write('\n');
    expect(await pending).toEqual({ ok: true, result: { answeredAt: ANSWERED_AT.toISOString(), answer: 'done' } });
    expect(transcript()).toBe(
      '\nTABLES-ALL-ACCEPTED (Every table id Get Tables lists…) · step 5 of 5 · 3 orders\n' +
        'Operator actions (venue V1): void-order × 3\n' +
        '  On the POS, void these 3 orders: 1178 (T1), 1179 (T2), 1180 (T7), then press Enter\n' +
        `${PRESS_ENTER} \n`,
    );
  });

  it('lists mixed actions in order, numbered', async () => {
    const { input, driver, shown, transcript } = setup();
    const pending = driver.performBatch!([
      { action: 'void-order', params: { orderId: '1178' }, tables: ['T1'] },
      { action: 'close-order', params: { orderId: '1179', paymentMethod: 'cash' } },
    ], 2000, { caseId: 'LOOP' });
    await shown(PRESS_ENTER);
    input.write('\n');
    await pending;
    expect(transcript()).toContain(
      'LOOP · 2 orders\nOperator actions (venue V1): void-order, close-order\n' +
        '  On the POS, do these 2 things in this order, then press Enter:\n' +
        '    1. void order 1178 (table T1)\n' +
        '    2. take payment for everything still open on order 1179 by cash, and close the order\n',
    );
  });

  it('takes "f" and a reason as the failure of the whole batch', async () => {
    const { input, driver, shown } = setup();
    const pending = driver.performBatch!(voids(['1', 'T1'], ['2', 'T2']), 2000, CONTEXT);
    await shown(PRESS_ENTER);
    input.write('f\norder 2 is already paid\n');
    expect(await pending).toEqual({ ok: false, code: 'operator-failed', message: 'the operator reported a failure: order 2 is already paid' });
  });

  it('asks a batch of one as the single action it is', async () => {
    const { input, driver, transcript } = setup();
    input.write('\n');
    await driver.performBatch!(voids(['1178', 'T1']), 2000, CONTEXT);
    expect(transcript()).toContain('· step 5 of 5 · order 1178 on table T1\nOperator action (venue V1): void-order\n  On the POS, void order 1178, then press Enter');
  });
});

// A real terminal: python3's pty module gives a node child a pseudo-terminal as stdin/stdout.
// The child uses the prompt driver on process.stdin/stdout and must exit by itself afterwards.
describe('prompt driver in a pseudo-terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driver-pty-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('asks, takes Enter, and lets the process exit on its own', async () => {
    // The built driver (npm test builds first): what the CLI itself runs.
    const driverModule = pathToFileURL(join(import.meta.dirname, '../../dist/drivers/prompt-driver.js')).href;
    writeFileSync(
      join(dir, 'child.mjs'),
      `import { createPromptDriver } from '${driverModule}';
       const driver = createPromptDriver({ input: process.stdin, output: process.stdout, venueId: 'V1', isTTY: Boolean(process.stdin.isTTY) });
       const outcome = await driver.perform('open-walk-in', { tables: ['T3'], partySize: 4 }, 5000);
       process.stdout.write('\\nTTY=' + process.stdin.isTTY + ' OUTCOME=' + JSON.stringify(outcome) + '\\n');
       // No process.exit(): the test fails (timeout) if stdin keeps the process alive.`,
    );
    const python = `
import os, pty, select, subprocess, sys, time
master, slave = pty.openpty()
p = subprocess.Popen([sys.argv[1], sys.argv[2]], stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
os.close(slave)
buf = b''
def pump(until, seconds):
    global buf
    end = time.time() + seconds
    while until not in buf and time.time() < end:
        r, _, _ = select.select([master], [], [], 0.05)
        if r:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
pump(b'Press Enter', 5)
os.write(master, b'\\r')
# Read until the child's side of the terminal closes (EIO): that is, until it exits.
pump(b'\\x00never', 4)
try:
    code = p.wait(timeout=0.5)
except subprocess.TimeoutExpired:
    p.kill()
    code = 'HUNG'
sys.stdout.write(buf.decode('utf8', 'replace') + '\\nEXIT=' + str(code) + '\\n')
`;
    const run = spawnSync('python3', ['-c', python, process.execPath, join(dir, 'child.mjs')], { encoding: 'utf8', timeout: 10_000 });

    expect(run.error).toBeUndefined();
    // Wrapped at words to the terminal's width (80 columns when it does not say).
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('On the POS of venue V1, open a walk-in order for 4 guests at table T3, then press Enter');
    expect(run.stdout).toContain('TTY=true');
    expect(run.stdout).toMatch(/OUTCOME=\{"ok":true,"result":\{"answeredAt":"[^"]+","answer":"done"\}\}/);
    expect(run.stdout).toContain('EXIT=0');
  });
});
