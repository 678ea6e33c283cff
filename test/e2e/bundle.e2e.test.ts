// keygen → run --bundle --signing-key → verify, with the real CLI: the bundle verifies, a tampered
// transcript is named, no secret is in any bundle file, and bad paths fail before anything runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, filesUnder, ROOT, runCli, tempDir } from '../helpers/cli.js';

const TOKEN = 'bundle-e2e-token-3f9a7c21d8';
const MOZREST_KEY = 'bundle-e2e-mozrest-key-61be04';
const SECRETS = { POS_ACCREDIT_TOKEN: TOKEN, POS_ACCREDIT_MOZREST_KEY: MOZREST_KEY };

const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at /);

function expectNoSecretIn(dir: string): void {
  const files = filesUnder(dir);
  expect(files.length).toBeGreaterThan(10);
  for (const f of files) {
    expect(f.text.includes(TOKEN), `token in ${f.path}`).toBe(false);
    expect(f.text.includes(MOZREST_KEY), `Mozrest key in ${f.path}`).toBe(false);
  }
}

/** What a vendor holding the key can do: recompute every digest of the manifest and sign it again. */
function resign(bundle: string, keyFile: string): void {
  const manifestFile = join(bundle, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: { path: string; size: number; sha256: string }[]; inputs: { path: string; sha256: string }[] };
  const paths = filesUnder(bundle).map((f) => f.path.slice(bundle.length + 1)).filter((p) => p !== 'manifest.json' && p !== 'manifest.sig').sort();
  const digest = (p: string): string => createHash('sha256').update(readFileSync(join(bundle, p))).digest('hex');
  manifest.files = paths.map((path) => ({ path, size: statSync(join(bundle, path)).size, sha256: digest(path) }));
  manifest.inputs = manifest.inputs.map((i) => ({ ...i, sha256: digest(i.path) }));
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(manifestFile, bytes);
  writeFileSync(join(bundle, 'manifest.sig'), `${sign(null, bytes, createPrivateKey(readFileSync(keyFile, 'utf8'))).toString('base64')}\n`);
}

let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
});

describe('bundle: keygen, run --bundle, verify', () => {
  it('a signed bundle of the embedded run verifies; a tampered transcript is named; no secret inside', async () => {
    const dir = tempDir();
    const keygen = await runCli(['keygen', '--out', join(dir, 'acme')]);
    expect(keygen.code, keygen.stderr).toBe(0);
    const fingerprint = /Fingerprint: (SHA256:[0-9a-f]{64})/.exec(keygen.stdout)?.[1];
    expect(fingerprint).toBeDefined();

    const bundle = join(dir, 'bundle');
    const run = await runCli(['run', '--quiet', '--out', join(dir, 'report'), '--bundle', bundle, '--signing-key', join(dir, 'acme.key')], { env: SECRETS });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Verdict: PASS');
    expect(run.stderr).toContain(`Bundle written: ${bundle} (`);
    expect(run.stderr).toContain(`signed by ${fingerprint}`);
    expect(run.stderr).toContain(`Check it with: pos-accredit verify ${bundle} --public-key ${join(dir, 'acme.pub')}\n`);

    const files = filesUnder(bundle).map((f) => f.path.slice(bundle.length + 1));
    for (const f of ['report.json', 'manifest.json', 'manifest.sig', 'tool.json', 'config.json', 'inputs/contract.yaml', 'inputs/checks.yaml', 'inputs/10-auth.yaml', 'inputs/schemas/order.json', 'transcripts/AUTH-WRONG.txt']) {
      expect(files, f).toContain(f);
    }
    expect(readFileSync(join(bundle, 'inputs/contract.yaml'))).toEqual(readFileSync(join(ROOT, 'suites/contract.yaml')));
    expect(readFileSync(join(bundle, 'report.json'))).toEqual(readFileSync(join(dir, 'report', 'report.json')));
    expectNoSecretIn(bundle);
    expect(readFileSync(join(bundle, 'config.json'), 'utf8')).toContain('$POS_ACCREDIT_MOZREST_KEY');

    const ok = await runCli(['verify', bundle, '--public-key', join(dir, 'acme.pub')]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`OK: all ${files.length} files match the manifest`);
    expect(ok.stdout).toContain(`${fingerprint} (the key given with --public-key)`);
    // The verdict is printed after OK, read from report.json; a full run is not called filtered.
    const report = JSON.parse(readFileSync(join(bundle, 'report.json'), 'utf8')) as { counts: { total: number } };
    expect(ok.stdout.indexOf(`verdict PASS (${report.counts.total} cases: `)).toBeGreaterThan(ok.stdout.indexOf('OK: all'));
    expect(ok.stdout).not.toContain('filtered');

    const embedded = await runCli(['verify', bundle, '--json']);
    expect(embedded.code).toBe(0);
    const json = JSON.parse(embedded.stdout) as { ok: boolean; fileCount: number; note: string };
    expect(json).toMatchObject({ ok: true, fileCount: files.length });
    expect(json.note).toContain('not who signed it');

    const tampered = join(tempDir(), 'tampered');
    cpSync(bundle, tampered, { recursive: true });
    const transcript = join(tampered, 'transcripts', 'ORD-CREATE-MIN.txt');
    writeFileSync(transcript, readFileSync(transcript, 'utf8').replace('status pass', 'status PASS'));
    const bad = await runCli(['verify', tampered, '--public-key', join(dir, 'acme.pub')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('\n  transcripts/ORD-CREATE-MIN.txt: modified');
    expect(bad.stdout).toContain('FAILED: the bundle does not verify (1 problem)');
    noStack(bad.stdout + bad.stderr);

    // A manifest edited after signing: rejected, and its altered summary is never shown.
    const forgedSummary = join(tempDir(), 'forged-summary');
    cpSync(bundle, forgedSummary, { recursive: true });
    writeFileSync(join(forgedSummary, 'manifest.json'), readFileSync(join(forgedSummary, 'manifest.json'), 'utf8').replace('"verdict": "pass"', '"verdict": "fail"'));
    const forged = await runCli(['verify', forgedSummary, '--public-key', join(dir, 'acme.pub')]);
    expect(forged.code).toBe(1);
    expect(forged.stdout).not.toMatch(/verdict/i);

    // The new-user trial: report.json edited, digests recomputed, re-signed with the same key.
    const resigned = join(tempDir(), 'resigned');
    cpSync(bundle, resigned, { recursive: true });
    writeFileSync(join(resigned, 'report.json'), readFileSync(join(resigned, 'report.json'), 'utf8').replace('"verdict": "pass"', '"verdict": "fail"'));
    resign(resigned, join(dir, 'acme.key'));
    const edited = await runCli(['verify', resigned, '--public-key', join(dir, 'acme.pub')]);
    expect(edited.code, edited.stdout).toBe(1);
    expect(edited.stdout).toContain('\n  report.json: inconsistent: verdict is "fail", the manifest\'s summary says "pass"\n');
    expect(edited.stdout).not.toContain('OK');

    // ...and with report.json and every transcript removed.
    const emptied = join(tempDir(), 'emptied');
    cpSync(bundle, emptied, { recursive: true });
    rmSync(join(emptied, 'report.json'));
    rmSync(join(emptied, 'transcripts'), { recursive: true });
    resign(emptied, join(dir, 'acme.key'));
    const hollow = await runCli(['verify', emptied, '--public-key', join(dir, 'acme.pub'), '--json']);
    expect(hollow.code, hollow.stdout).toBe(1);
    const hollowJson = JSON.parse(hollow.stdout) as { ok: boolean; report?: unknown; problems: { file: string; kind: string }[] };
    expect(hollowJson).toMatchObject({ ok: false, problems: [{ file: 'report.json', kind: 'incomplete' }] });
    expect(hollowJson.report).toBeUndefined();
  }, 60_000);

  it('a signed filtered run verifies as intact, but verify exits 1 saying it is not a full accreditation, unless --allow-partial', async () => {
    const dir = tempDir();
    expect((await runCli(['keygen', '--out', join(dir, 'acme')])).code).toBe(0);
    const bundle = join(dir, 'bundle');
    const run = await runCli(['run', '--quiet', '--tag', 'auth', '--out', join(dir, 'report'), '--bundle', bundle, '--signing-key', join(dir, 'acme.key')], { env: SECRETS });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as { report: { options: unknown } };
    expect(manifest.report.options).toEqual({ tags: ['auth'], ids: [], strict: false });

    const text = await runCli(['verify', bundle, '--public-key', join(dir, 'acme.pub')]);
    expect(text.code, text.stdout).toBe(1);
    expect(text.stdout).toContain('filtered run (--tag auth): not a full accreditation');
    expect(text.stdout.trim().split('\n').at(-1)).toBe('NOT ACCEPTED: intact, but not a full accreditation (filtered run (--tag auth): not a full accreditation); pass --allow-partial to accept it.');
    const json = await runCli(['verify', bundle, '--public-key', join(dir, 'acme.pub'), '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, filtered: true, aborted: false, partial: ['filtered run (--tag auth): not a full accreditation'], report: { options: { tags: ['auth'] } } });
    const accepted = await runCli(['verify', bundle, '--public-key', join(dir, 'acme.pub'), '--allow-partial']);
    expect(accepted.code, accepted.stdout).toBe(0);
    // A report folder is not a bundle: a usage error, not a failed verification.
    const folder = await runCli(['verify', join(dir, 'report')]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`error[not-a-bundle]: ${join(dir, 'report')} is not a bundle: it has no manifest.json (it is a report folder)`);
  }, 60_000);

  it('against a separate POS that really receives the token: unsigned bundle with a notice, no token inside, verify says unsigned', async () => {
    server = spawn(process.execPath, [BIN, 'serve', 'reference-pos', '--port', '0'], { cwd: ROOT, env: { ...process.env, ...SECRETS }, stdio: ['ignore', 'pipe', 'pipe'] });
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${seen}`)), 10_000);
      server!.stdout!.on('data', (d: Buffer) => {
        seen += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const bundle = join(tempDir(), 'unsigned');
    const run = await runCli(['run', '--base-url', baseUrl, '--venue', 'venue-ref-1', '--id', 'AUTH-*', '--verbose', '--out', tempDir(), '--bundle', bundle], { env: SECRETS });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('UNSIGNED');
    expect(readFileSync(join(bundle, 'report.json'), 'utf8')).toContain('Bearer ***');
    expectNoSecretIn(bundle);
    expect(readFileSync(join(bundle, 'config.json'), 'utf8')).toContain('$POS_ACCREDIT_TOKEN');

    const verify = await runCli(['verify', bundle]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('manifest.json: the bundle is unsigned');
  });

  it('usage errors exit 2 before anything runs, naming the flag', async () => {
    const dir = tempDir();
    const missingKey = await runCli(['run', '--bundle', join(dir, 'b'), '--signing-key', join(dir, 'nope.key')], { env: SECRETS });
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain(`--signing-key: cannot read ${join(dir, 'nope.key')} (no such file)`);
    expect(missingKey.stdout).toBe('');
    noStack(missingKey.stderr);
    expect(readdirSync(dir)).toEqual([]);

    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'old.txt'), 'old');
    const taken = await runCli(['run', '--bundle', join(dir, 'taken')], { env: SECRETS });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('--bundle:');
    expect(taken.stderr).toContain('already exists');
    expect(taken.stdout).toBe('');

    writeFileSync(join(dir, 'evidence.zip'), 'zip');
    const file = await runCli(['run', '--bundle', join(dir, 'evidence.zip')], { env: SECRETS });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(`--bundle: ${join(dir, 'evidence.zip')} is a file, not a folder`);
    expect(file.stdout).toBe('');

    const noBundle = await runCli(['verify', join(dir, 'absent')]);
    expect(noBundle.code).toBe(2);
    expect(noBundle.stderr).toContain('no such bundle');
    const noKey = await runCli(['verify', join(dir, 'taken'), '--public-key', join(dir, 'absent.pub')]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--public-key: cannot read');
    expect(existsSync(join(dir, 'b'))).toBe(false);
  });

  it('review #4: --bundle equal to, inside or containing --out exits 2 before anything runs, naming both flags', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    for (const [bundle, how] of [[out, 'is the report folder'], [join(out, 'bundle'), 'is inside the report folder'], [dir, 'contains the report folder']] as const) {
      const r = await runCli(['run', '--quiet', '--out', out, '--bundle', bundle], { env: SECRETS });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`--bundle: ${bundle} ${how} given with --out (${out})`);
      expect(r.stdout).toBe('');
      noStack(r.stderr);
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});
