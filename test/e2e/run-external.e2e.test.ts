// The harness against a separate process: `serve reference-pos` in one process, `run --base-url`
// in another. Covers the wrong-token and unreachable-target outcomes, and proves the token
// appears in no output and no report file.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, filesUnder, ROOT, runCli, tempDir } from '../helpers/cli.js';

const TOKEN = 'ref-pos-token-7f3c9a1b2d4e';
const MOZREST_KEY = 'mock-mozrest-key-91bd55e0';
let server: ChildProcess;
let baseUrl = '';
let mozrestPort = 0;
/** The first run's report, re-checked by a later run. */
let firstReport = '';

function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The run command `serve` suggests, as printed. */
let tryArgs: string[] = [];

beforeAll(async () => {
  // The reference POS as a separate process, sending its callbacks to where the run's mock
  // Mozrest will listen.
  mozrestPort = await freePort();
  server = spawn(process.execPath, [BIN, 'serve', 'reference-pos', '--port', '0', '--mozrest-url', `http://127.0.0.1:${mozrestPort}/v1/pos`], {
    cwd: ROOT, env: { ...process.env, POS_ACCREDIT_TOKEN: TOKEN, POS_ACCREDIT_MOZREST_KEY: MOZREST_KEY }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${seen}`)), 10_000);
    server.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(seen);
      const tryLine = /^Try: pos-accredit (.*)$/m.exec(seen);
      if (m && tryLine) {
        clearTimeout(timer);
        tryArgs = tryLine[1]!.split(' ');
        resolve(m[1]!);
      }
    });
  });
});

afterAll(() => {
  server.kill('SIGTERM');
});

function expectNoSecret(secret: string, texts: string[]): void {
  for (const text of texts) expect(text.includes(secret)).toBe(false);
}

describe('pos-accredit run --base-url (reference POS served on its own)', () => {
  it("the run command `serve` prints, pasted as it is, accredits the served POS: callbacks, driver, capabilities", async () => {
    expect(tryArgs).toEqual(expect.arrayContaining(['--mozrest-port', String(mozrestPort), '--capability', '--forbidden-venue']));
    const run = await runCli([...tryArgs, '--quiet', '--out', tempDir()], { env: { POS_ACCREDIT_TOKEN: TOKEN, POS_ACCREDIT_MOZREST_KEY: MOZREST_KEY } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0 skipped/);
  });

  it('with the http driver and the POS calling back: the same verdict as the embedded run; no secret anywhere', async () => {
    const out = tempDir();
    const run = await runCli([
      'run', '--base-url', baseUrl, '--venue', 'venue-ref-1', '--other-venue', 'venue-ref-2', '--out', out, '--verbose', '--reporter', 'console,junit,html,markdown,har',
      '--driver', 'http', '--driver-url', `${baseUrl}/_automation/actions`, '--driver-token-env', 'POS_ACCREDIT_TOKEN', '--mozrest-port', String(mozrestPort),
    ], { env: { POS_ACCREDIT_TOKEN: TOKEN, POS_ACCREDIT_MOZREST_KEY: MOZREST_KEY } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Verdict: PASS');
    expect(run.stdout).toMatch(/✓ LIFE-OPEN-UPDATE-CLOSE/);
    expect(run.stdout).toContain(`configure your POS to send order callbacks to http://127.0.0.1:${mozrestPort}/v1/pos`);
    expect(run.stdout).toContain('the value of $POS_ACCREDIT_MOZREST_KEY');
    // Every format was written, and none of them holds a secret.
    expect(filesUnder(out).map((f) => f.path.slice(out.length + 1)).sort()).toEqual(['junit.xml', 'report.har', 'report.html', 'report.json', 'summary.md']);
    expectNoSecret(MOZREST_KEY, [run.stdout, run.stderr, ...filesUnder(out).map((f) => f.text)]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { target: { baseUrl: string; venue: string; embedded: boolean }; mozrest: { calls: { authorized: boolean }[] } };
    expect(report.target).toEqual({ baseUrl, venue: 'venue-ref-1', embedded: false });
    expect(report.mozrest.calls.length).toBeGreaterThan(10);
    expect(report.mozrest.calls.every((c) => c.authorized)).toBe(true);
    firstReport = join(out, 'report.json');
    expectNoSecret(TOKEN, [run.stdout, run.stderr, ...filesUnder(out).map((f) => f.text)]);
    // The token was really sent: the report shows masked Authorization headers.
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toContain('Bearer ***');
  });

  it('--recheck: a later run finds the orders the first run closed still listed, with their age', async () => {
    const out = tempDir();
    const run = await runCli(['run', '--base-url', baseUrl, '--venue', 'venue-ref-1', '--recheck', firstReport, '--id', 'RECHECK-*', '--out', out, '--verbose'], { env: { POS_ACCREDIT_TOKEN: TOKEN } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ RECHECK-CLOSED-ORDERS/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: { steps: { name: string; status: string }[] }[] };
    const steps = report.cases[0]!.steps;
    expect(steps.length).toBeGreaterThanOrEqual(10);
    expect(steps[0]!.name).toMatch(/^order \S+, closed \d+ min ago: still listed as closed$/);
    expect(steps.every((s) => s.status === 'pass')).toBe(true);
  });

  it('--recheck of something that is not a report is a usage error', async () => {
    const run = await runCli(['run', '--base-url', baseUrl, '--venue', 'venue-ref-1', '--recheck', 'package.json', '--out', tempDir()], { env: { POS_ACCREDIT_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a pos-accredit report.json');
  });

  it('reads the token from --token-file', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    const run = await runCli(['run', '--base-url', baseUrl, '--venue', 'venue-ref-1', '--token-file', join(dir, 'token'), '--id', 'TABLES-LIST', '--out', join(dir, 'out')]);
    expect(run.stdout).toContain('no driver (no terminal to ask)');
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('a wrong token stops the run before any case (exit 2), naming the variable to fix; every report is still written', async () => {
    const wrong = 'not-the-right-token-55aa';
    const out = tempDir();
    const viaEnv = await runCli(['run', '--base-url', baseUrl, '--venue', 'venue-ref-1', '--token-env', 'MY_TOKEN', '--out', out, '--verbose', '--reporter', 'console,junit,html,markdown,har'], { env: { MY_TOKEN: wrong } });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stdout).toContain('Run aborted (token-refused): the POS refused the token: GET /venue/venue-ref-1/tables answered 401; check that $MY_TOKEN holds the token');
    expect(viaEnv.stdout).toContain('No check ran: fix this first, then run again.');
    // Stopped at its first look, before the suites were loaded: no case is listed, none was planned.
    expect(viaEnv.stdout.split('\n')[0]).toBe(`pos-accredit ${baseUrl} · venue venue-ref-1`);
    expect(viaEnv.stdout).not.toContain('not run');
    expect(viaEnv.stdout).not.toContain('Blocking failures');
    expect(viaEnv.stdout.trimEnd().split('\n').at(-1)).toBe('Verdict: FAIL (run aborted: token-refused)');
    expect(filesUnder(out)).toHaveLength(5);
    expectNoSecret(wrong, [viaEnv.stdout, viaEnv.stderr, ...filesUnder(out).map((f) => f.text)]);
  });

  it('a venue the POS does not know stops the run before any case (exit 2), naming --venue', async () => {
    const run = await runCli(['run', '--base-url', baseUrl, '--venue', 'no-such-venue', '--out', tempDir()], { env: { POS_ACCREDIT_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Run aborted (venue-unknown): GET /venue/no-such-venue/tables answered 404: check --venue (no-such-venue)');
  });

  it('no token at all is a configuration error naming the variable (exit 2)', async () => {
    const run = await runCli(['run', '--base-url', baseUrl, '--venue', 'venue-ref-1', '--out', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('POS_ACCREDIT_TOKEN is not set');
  });
});

describe('an unreachable target', () => {
  it('exits 3 with a clear message and still writes the report', async () => {
    // A privileged port nobody listens on: a freed ephemeral port could be taken by another
    // test's server in the meantime (seen in CI: the run then reached that server).
    const port = 9;
    const out = tempDir();
    const run = await runCli(['run', '--base-url', `http://127.0.0.1:${port}`, '--venue', 'v1', '--out', out], { env: { POS_ACCREDIT_TOKEN: TOKEN } });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('connection refused');
    expect(run.stdout).toContain('Run aborted (unreachable)');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { aborted: { code: string }; verdict: string };
    expect(report.aborted.code).toBe('unreachable');
    expect(report.verdict).toBe('fail');
    expectNoSecret(TOKEN, [run.stdout, run.stderr, ...filesUnder(out).map((f) => f.text)]);
  });
});
