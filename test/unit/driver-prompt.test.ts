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
    expect(run.stdout).toContain('On the POS of venue V1, open a walk-in order for 4 guests at table T3, then press Enter');
    expect(run.stdout).toContain('TTY=true');
    expect(run.stdout).toMatch(/OUTCOME=\{"ok":true,"result":\{"answeredAt":"[^"]+","answer":"done"\}\}/);
    expect(run.stdout).toContain('EXIT=0');
  });
});
