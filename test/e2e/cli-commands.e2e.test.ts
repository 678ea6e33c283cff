// The small commands and the CLI's own errors, through the real binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('pos-accredit CLI', () => {
  it('--help lists the commands and exits 0; --version prints the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['run', 'validate', 'list', 'serve', 'init']) expect(help.stdout).toContain(`  ${command}`);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const run = await runCli(['run', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });

  it('list prints every case with level, basis and spec references', async () => {
    const run = await runCli(['list', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; level: string; basis: string; spec: string[]; pos: { file: string; line: number; col: number } }[];
    expect(rows.find((r) => r.id === 'ORD-GET-FOUND')).toMatchObject({ level: 'must', basis: 'inferred', spec: expect.arrayContaining(['8.5/52']) });
    expect(rows.every((r) => /^suites\/\d\d-[a-z-]+\.yaml$/.test(r.pos.file) && r.pos.line > 0)).toBe(true);
    const text = await runCli(['list', '--tag', 'auth']);
    expect(text.stdout).toContain('AUTH-MISSING');
    expect(text.stdout).not.toContain('TABLES-LIST');
    expect(text.stdout).toMatch(/5 cases: 3 must, 1 should, 1 may/);
  });

  it('init writes a starter config that loads, and refuses to overwrite it', async () => {
    const dir = tempDir();
    const first = await runCli(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(readFileSync(join(dir, 'pos-accredit.yaml'), 'utf8')).toContain('tokenEnv: POS_ACCREDIT_TOKEN');
    const again = await runCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('pos-accredit.yaml already exists');
    // The starter file is valid: the run gets as far as needing the token.
    const run = await runCli(['run'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the environment variable POS_ACCREDIT_TOKEN is not set');
  });

  it('an unknown key in the config file: exit 2 with its position', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pos-accredit.yaml'), 'target:\n  baseUrl: http://127.0.0.1:9\n  tokenEnvv: X\n');
    const run = await runCli(['run'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pos-accredit.yaml:3:3');
    expect(run.stderr).toContain('unknown key "tokenEnvv"');
    expect(run.stderr).toContain('did you mean "tokenEnv"?');
  });

  it('serve rejects an unknown fault and a missing token', async () => {
    const fault = await runCli(['serve', 'reference-pos', '--fault', 'nope'], { env: { POS_ACCREDIT_TOKEN: 't0k3n-xyz' } });
    expect(fault.code).toBe(2);
    expect(fault.stderr).toContain('unknown fault "nope"');
    const token = await runCli(['serve', 'reference-pos']);
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('POS_ACCREDIT_TOKEN is not set');
  });
});

describe('output that goes away', () => {
  it('a reader that stops early (run | head -1) neither crashes the run nor loses the report', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN, ROOT } = await import('../helpers/cli.js');
    const out = tempDir();
    const child = spawn(process.execPath, [BIN, 'run', '--out', out], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toMatchObject({ verdict: 'pass' });
  });

  it('--timeout 5 (a bare tiny number) asks whether seconds were meant', async () => {
    const run = await runCli(['run', '--timeout', '5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean 5s?');
  });

  it('serve reference-pos --fault list prints every fault with what it breaks, and exits', async () => {
    const run = await runCli(['serve', 'reference-pos', '--fault', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^list-ignores-status +\S.*$/m);
    expect(run.stdout.trim().split('\n').length).toBeGreaterThan(60);
  });

  it('serve reference-pos with a --mozrest-url that is not a URL: exit 2 naming the flag, nothing left listening', async () => {
    const run = await runCli(['serve', 'reference-pos', '--port', '0', '--mozrest-url', 'not a url'], { env: { POS_ACCREDIT_TOKEN: 'serve-token-123456' }, timeoutMs: 10_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--mozrest-url: "not a url" is not a URL');
  });
});
