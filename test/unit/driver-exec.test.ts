import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExecDriver } from '../../src/drivers/exec-driver.js';
import { createDriver, splitCommandLine } from '../../src/drivers/registry.js';
import { Redactor } from '../../src/core/redactor.js';

const NODE = process.execPath;

/** A driver running `node -e <script>`; the script sees the request on stdin. */
function nodeDriver(script: string) {
  return createExecDriver({ command: NODE, args: ['-e', script], venueId: 'V1', killGraceMs: 500 });
}

const READ_STDIN = `let input = ''; process.stdin.on('data', (c) => input += c);`;

/** True once the process is gone (or a zombie nobody has reaped yet). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function goneSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 20 && !isGone(pid); i++) await new Promise((r) => setTimeout(r, 25));
  return isGone(pid);
}

// Each test spawns node (~100 ms to start): run them side by side.
describe.concurrent('exec driver', () => {
  it('writes the request JSON + newline to stdin and returns the JSON object printed last', async () => {
    const driver = nodeDriver(`${READ_STDIN}
      process.stdin.on('end', () => {
        const req = JSON.parse(input);
        console.log('logging before the answer is fine');
        console.log(JSON.stringify({ ok: true, echoed: req, newline: input.endsWith('\\n'), env: process.env.POS_ACCREDIT_ACTION }));
      });`);

    const outcome = await driver.perform('pay-check', { orderId: '98765', checkNumber: '2', paymentMethod: 'card', tip: 5 }, 5000);

    expect(outcome).toEqual({
      ok: true,
      result: {
        ok: true,
        echoed: { action: 'pay-check', venueId: 'V1', orderId: '98765', params: { checkNumber: '2', paymentMethod: 'card', tip: 5 } },
        newline: true,
        env: 'pay-check',
      },
    });
  });

  it('accepts a pretty-printed JSON object as the whole stdout', async () => {
    const driver = nodeDriver(`console.log(JSON.stringify({ ok: true, checkNumbers: ['1', '2'] }, null, 2));`);
    const outcome = await driver.perform('split-check', { orderId: '1', parts: 2 }, 5000);
    expect(outcome).toEqual({ ok: true, result: { ok: true, checkNumbers: ['1', '2'] } });
  });

  it('reports a non-zero exit with the tail of stderr, secrets masked', async () => {
    const redactor = new Redactor();
    redactor.add('sk_live_ABCDEF123456');
    const script = `console.error('key sk_live_ABCDEF123456: cannot find order 1'); process.exit(3);`;
    const driver = createExecDriver({ command: NODE, args: ['-e', script], venueId: 'V1', redactor });
    const outcome = await driver.perform('void-order', { orderId: '1' }, 5000);
    expect(outcome).toMatchObject({ ok: false, code: 'driver-exec-exit' });
    if (!outcome.ok) expect(outcome.message).toMatch(/exited with code 3 on "void-order"; stderr: key \*\*\*: cannot find order 1$/);
  });

  it('rejects output that is not a JSON object', async () => {
    const driver = nodeDriver(`console.log('done!');`);
    const outcome = await driver.perform('void-order', { orderId: '1' }, 5000);
    expect(outcome).toMatchObject({ ok: false, code: 'driver-bad-json' });
    if (!outcome.ok) expect(outcome.message).toContain('"done!"');
  });

  it('kills the command and the children it started (its process group) at the timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driver-exec-'));
    const pidFile = join(dir, 'pids');
    // sh (quick to start, unlike node) starts a long-lived child, notes both pids, then waits.
    const driver = createExecDriver({ command: '/bin/sh', args: ['-c', `sleep 30 & echo "$$ $!" > '${pidFile}'; wait`], venueId: 'V1', killGraceMs: 500 });
    try {
      const started = Date.now();
      const outcome = await driver.perform('close-order', { orderId: '1', paymentMethod: 'cash' }, 300);

      expect(Date.now() - started).toBeLessThan(2000);
      expect(outcome).toMatchObject({ ok: false, code: 'driver-timeout' });
      if (!outcome.ok) expect(outcome.message).toMatch(/did not finish "close-order" within 300 ms; it was stopped$/);
      const [leader, grandchild] = readFileSync(pidFile, 'utf8').trim().split(' ').map(Number);
      expect(await goneSoon(leader ?? 0)).toBe(true);
      expect(await goneSoon(grandchild ?? 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the command when the run is interrupted', async () => {
    const interrupt = new AbortController();
    const driver = createExecDriver({ command: NODE, args: ['-e', 'setInterval(() => {}, 1000)'], venueId: 'V1', signal: interrupt.signal });
    setTimeout(() => interrupt.abort(), 50);
    const started = Date.now();
    expect(await driver.perform('void-order', { orderId: '1' }, 5000)).toMatchObject({ ok: false, code: 'driver-aborted' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('says so when the command does not exist', async () => {
    const driver = createExecDriver({ command: '/nonexistent/pos-driver', venueId: 'V1' });
    const outcome = await driver.perform('void-order', { orderId: '1' }, 5000);
    expect(outcome).toMatchObject({ ok: false, code: 'driver-exec-spawn' });
    if (!outcome.ok) expect(outcome.message).toContain('no shell is used');
  });
});

describe('createDriver (exec)', () => {
  it('splits a command line when no args are given', async () => {
    expect(splitCommandLine(`node "my driver.js" --venue 'V 1'`)).toEqual(['node', 'my driver.js', '--venue', 'V 1']);
    const driver = createDriver({ kind: 'exec', command: `"${NODE}" -e "console.log(JSON.stringify({ok:true}))"` }, { venueId: 'V1', redactor: new Redactor() });
    expect(await driver.perform('void-order', { orderId: '1' }, 5000)).toEqual({ ok: true, result: { ok: true } });
  });
});


describe('exec driver environment', () => {
  it("the vendor's command does not see the run's secrets", async () => {
    process.env.POS_ACCREDIT_TOKEN_FOR_TEST = 'pos-token-must-not-leak';
    try {
      const driver = createDriver(
        { kind: 'exec', command: NODE, args: ['-e', `${READ_STDIN} process.stdin.on('end', () => console.log(JSON.stringify({ ok: true, seen: process.env.POS_ACCREDIT_TOKEN_FOR_TEST ?? null, action: process.env.POS_ACCREDIT_ACTION })))`] },
        { venueId: 'V1', redactor: new Redactor(), hiddenEnv: ['POS_ACCREDIT_TOKEN_FOR_TEST'] },
      );
      const outcome = await driver.perform('void-order', { orderId: '1' }, 5000);
      expect(outcome).toMatchObject({ ok: true, result: { seen: null, action: 'void-order' } });
    } finally {
      delete process.env.POS_ACCREDIT_TOKEN_FOR_TEST;
    }
  });
});
