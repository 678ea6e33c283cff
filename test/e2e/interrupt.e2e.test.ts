// Ctrl-C (or SIGTERM, a CI job's timeout) during a run: the in-flight request is abandoned at
// once, the partial report is written, and the exit code is 130 (143 for SIGTERM). Never a hang.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

describe('interrupting a run', () => {
  it.each([
    ['SIGINT', 130, 'interrupted', 'Ctrl-C'],
    ['SIGTERM', 143, 'terminated', 'SIGTERM'],
  ] as const)('%s exits %i quickly, says so and still writes report.json', async (signal, exitCode, abortCode, said) => {
    // A POS stand-in that accepts requests and never answers them.
    let asked = 0;
    const server = createServer(() => void asked++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const out = tempDir();
    const child = spawn(process.execPath, [BIN, 'run', '--base-url', `http://127.0.0.1:${port}`, '--venue', 'v1', '--timeout', '60s', '--out', out], {
      cwd: ROOT, env: { ...process.env, NO_COLOR: '1', POS_ACCREDIT_TOKEN: 'interrupt-token-1234' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    // Wait until the run's first look at the POS is in flight, then signal it.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (asked > 0) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => setTimeout(r, 200));
    const sentAt = Date.now();
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const elapsed = Date.now() - sentAt;
    server.closeAllConnections();
    server.close();
    expect(code).toBe(exitCode);
    expect(elapsed).toBeLessThan(5000);
    expect(stdout).toContain(`Run aborted (${abortCode}): ${abortCode} before the run started (${said})`);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { aborted: { code: string }; cases: unknown[] };
    expect(report.aborted.code).toBe(abortCode);
    // Stopped at its first look, before its suites were loaded: no case planned, none listed.
    expect(report.cases).toEqual([]);
  });
});
