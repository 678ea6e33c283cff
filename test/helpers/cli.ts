// Spawns the built CLI (bin/pos-accredit.js → dist/) as a user would, with a bounded run time.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noteArtifactDir, noteSecret } from './secret-ledger.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'pos-accredit.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  // Secret values (not the *_ENV variables, which hold names) go to the audit's ledger.
  for (const [name, value] of Object.entries(options.env ?? {})) if (/TOKEN|KEY|SECRET/.test(name) && !name.endsWith('_ENV')) noteSecret(value);
  return new Promise((resolve, reject) => {
    // A run against a POS (--base-url) checks its token last once it is 15 s old: the tests that
    // are about the token's lifetime say so (token-dies-after-10s); for the rest the wait would
    // only slow the suite.
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, POS_ACCREDIT_TOKEN: undefined, POS_ACCREDIT_TOKEN_RECHECK_AFTER: '0s', ...options.env };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pos-accredit ${args.join(' ')} did not finish within ${options.timeoutMs ?? 30_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix = 'pos-accredit-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  noteArtifactDir(dir);
  return dir;
}

/** A folder with the built-in contract and schemas, ready for a hand-written suite. */
export function suiteWorkspace(): string {
  const dir = tempDir('pos-accredit-suites-');
  cpSync(join(ROOT, 'suites', 'schemas'), join(dir, 'schemas'), { recursive: true });
  cpSync(join(ROOT, 'suites', 'contract.yaml'), join(dir, 'contract.yaml'));
  return dir;
}

/** Every file under a folder, with its text, for "the secret is nowhere" checks. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/**
 * Spawns a long-running command (`serve …`) and resolves with what `listening` captures from its
 * output (the URL it prints); the child goes into `children` for the caller to stop.
 */
export function spawnServer(args: string[], env: Record<string, string | undefined>, listening: RegExp, children: ChildProcess[], timeoutMs = 10_000): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${seen}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = listening.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
}
