// The accreditation bundle: written from a result and its inputs, verified, and every kind of
// alteration named — each file of the bundle flipped in turn, deleted, added, the wrong key, none.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, generateSigningKeyPair, publicKeyPathFor } from '../../src/bundle/keys.js';
import { MANIFEST_FILE, serializeManifest, sha256, SIGNATURE_FILE, type Manifest } from '../../src/bundle/manifest.js';
import { bundleSummary } from '../../src/bundle/run-bundle.js';
import { configRecord, type TargetFacts } from '../../src/bundle/config-record.js';
import type { RunConfig } from '../../src/config/run-config.js';
import { verifyBundle, type VerifyResult } from '../../src/bundle/verify-bundle.js';
import { checkBundleTarget, transcriptPath, transcriptPaths, writeBundle, type WriteBundleOptions } from '../../src/bundle/write-bundle.js';
import { PosAccreditError } from '../../src/core/errors.js';
import { keygenCommand } from '../../src/cli/commands/keygen.js';
import { formatVerify, verifyCommand } from '../../src/cli/commands/verify.js';
import { serializeJsonReport, type JsonReport } from '../../src/report/report-document.js';
import { Redactor } from '../../src/core/redactor.js';
import { filesUnder, tempDir } from '../helpers/cli.js';
import { caseResult, exchange, runResult, sampleCases, step } from '../helpers/sample-results.js';

const SECRET = 'sekret-token-5b1e9c77';

function keys(): { privateKey: KeyObject; publicKey: KeyObject } {
  const pair = generateSigningKeyPair();
  return { privateKey: createPrivateKey(pair.privateKeyPem), publicKey: createPublicKey(pair.publicKeyPem) };
}

/** A result with the secret in one exchange (as if redaction had missed it), and three inputs. */
function options(dir: string, signingKey?: KeyObject): WriteBundleOptions {
  const leaky = caseResult('ORD LEAK/1', 'pass', { steps: [step({ exchanges: [exchange({ response: { status: 200, headers: {}, body: `{"echo":"${SECRET}"}`, bodyBytes: 40 } })] })] });
  const redactor = new Redactor();
  redactor.add(SECRET);
  return {
    dir,
    source: '--bundle',
    result: runResult([...sampleCases(), leaky]),
    inputs: [
      { path: 'inputs/orders.yaml', role: 'suite', bytes: Buffer.from('suite: orders\ncases: []\n') },
      { path: 'inputs/contract.yaml', role: 'contract', bytes: Buffer.from('version: test\n') },
      { path: 'inputs/schemas/order.json', role: 'schema', bytes: Buffer.from('{"type":"object"}\n') },
    ],
    tool: { name: 'pos-accredit', version: '0.1.0', node: 'v20.0.0', platform: 'linux', arch: 'x64' },
    config: { tokenEnv: 'POS_ACCREDIT_TOKEN', note: `driver command mentions ${SECRET}` },
    redact: (text) => redactor.redact(text),
    ...(signingKey ? { signingKey } : {}),
    now: new Date('2025-01-15T10:00:05.000Z'),
  };
}

async function signedBundle(): Promise<{ dir: string; publicKey: KeyObject; privateKey: KeyObject }> {
  const { privateKey, publicKey } = keys();
  const dir = join(tempDir(), 'bundle');
  await writeBundle(options(dir, privateKey));
  return { dir, publicKey, privateKey };
}

/**
 * What a vendor holding the key can do: edit files, then recompute every digest of the manifest
 * (optionally edit it too) and sign it again with the same key.
 */
function resign(dir: string, privateKey: KeyObject, editManifest: (m: Manifest) => void = () => {}): void {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  const paths = bundleFileList(dir).filter((f) => f !== MANIFEST_FILE && f !== SIGNATURE_FILE);
  const digest = (path: string): string => sha256(readFileSync(join(dir, path)));
  manifest.files = paths.map((path) => ({ path, size: statSync(join(dir, path)).size, sha256: digest(path) }));
  manifest.inputs = manifest.inputs.filter((i) => paths.includes(i.path)).map((i) => ({ ...i, sha256: digest(i.path) }));
  editManifest(manifest);
  const bytes = Buffer.from(serializeManifest(manifest));
  writeFileSync(join(dir, MANIFEST_FILE), bytes);
  writeFileSync(join(dir, SIGNATURE_FILE), `${sign(null, bytes, privateKey).toString('base64')}\n`);
}

function editReport(dir: string, edit: (report: JsonReport) => void): void {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
  edit(report);
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
}

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  return { stream: { write: (s: string) => (out += s) } as unknown as NodeJS.WritableStream, text: () => out };
}

function bundleFileList(dir: string): string[] {
  return filesUnder(dir).map((f) => f.path.slice(dir.length + 1)).sort();
}

function copyOf(dir: string): string {
  const copy = join(tempDir(), 'copy');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
}

const named = (r: VerifyResult, file: string): boolean => r.problems.some((p) => p.file === file || p.files?.includes(file));

describe('bundle: write and verify', () => {
  it('writes report, transcripts, inputs, tool, config, manifest and signature; verifies OK', async () => {
    const { dir, publicKey } = await signedBundle();
    const files = bundleFileList(dir);
    expect(files).toEqual([
      'config.json', 'inputs/contract.yaml', 'inputs/orders.yaml', 'inputs/schemas/order.json', MANIFEST_FILE, SIGNATURE_FILE, 'report.json', 'tool.json',
      'transcripts/CB-CLOSE.txt', 'transcripts/ORD-CREATE-FULL.txt', 'transcripts/ORD-CREATE-MIN.txt', 'transcripts/ORD-LIST-SHAPE.txt', 'transcripts/ORD-PREORDER.txt',
      'transcripts/ORD-RECEIPT.txt', 'transcripts/ORD_LEAK_1.txt',
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.signed).toBe(true);
    expect(manifest.signature?.fingerprint).toBe(fingerprintOf(publicKey));
    expect(manifest.report.verdict).toBe('fail');
    expect(manifest.files.map((f) => f.path)).toEqual(files.filter((f) => f !== MANIFEST_FILE && f !== SIGNATURE_FILE));
    expect(manifest.inputs.map((i) => `${i.role}:${i.path}`)).toEqual(['suite:inputs/orders.yaml', 'contract:inputs/contract.yaml', 'schema:inputs/schemas/order.json']);
    expect(readFileSync(join(dir, 'inputs/orders.yaml'), 'utf8')).toBe('suite: orders\ncases: []\n');
    // The bundle's report is the canonical JSON report, byte for byte (after redaction).
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(serializeJsonReport(options(dir).result).replaceAll(SECRET, '***'));
    for (const f of filesUnder(dir)) expect(f.text.includes(SECRET), f.path).toBe(false);
    // Nothing is left beside it: the temporary folder was renamed into place.
    expect(readdirSync(join(dir, '..'))).toEqual(['bundle']);

    const ok = verifyBundle(dir);
    expect(ok.problems).toEqual([]);
    expect(ok).toMatchObject({ ok: true, fileCount: files.length, signed: true, signer: { trust: 'embedded' } });
    expect(verifyBundle(dir, { publicKey })).toMatchObject({ ok: true, signer: { fingerprint: fingerprintOf(publicKey), trust: 'pinned' } });
  });

  it('a byte flipped in ANY file (first, middle or last byte) fails verification naming that file', async () => {
    const { dir, publicKey } = await signedBundle();
    const files = bundleFileList(dir);
    expect(files.length).toBe(15);
    for (const file of files) {
      const size = statSync(join(dir, file)).size;
      for (const at of new Set([0, Math.floor(size / 2), size - 1])) {
        const copy = copyOf(dir);
        flipByte(join(copy, file), at);
        for (const r of [verifyBundle(copy), verifyBundle(copy, { publicKey })]) {
          const where = `${file} byte ${at}: ${JSON.stringify(r.problems)}`;
          expect(r.ok, where).toBe(false);
          expect(named(r, file), where).toBe(true);
          // Any file but the manifest and its signature: that one file, and nothing else.
          if (file !== MANIFEST_FILE && file !== SIGNATURE_FILE) expect(r.problems, where).toEqual([expect.objectContaining({ file, kind: 'modified' })]);
        }
        rmSync(copy, { recursive: true });
      }
    }
  });

  it('an altered manifest that is still valid JSON: the signature no longer matches', async () => {
    const { dir } = await signedBundle();
    const copy = copyOf(dir);
    const text = readFileSync(join(copy, MANIFEST_FILE), 'utf8');
    writeFileSync(join(copy, MANIFEST_FILE), text.replace('"verdict": "fail"', '"verdict": "pass"'));
    const r = verifyBundle(copy);
    expect(r.problems).toEqual([expect.objectContaining({ file: MANIFEST_FILE, kind: 'signature-mismatch', message: expect.stringContaining('signature does not match') })]);
  });

  it('a signature from another bundle, well-formed: signature does not match', async () => {
    const a = await signedBundle();
    const b = await signedBundle();
    const copy = copyOf(a.dir);
    cpSync(join(b.dir, SIGNATURE_FILE), join(copy, SIGNATURE_FILE));
    expect(verifyBundle(copy).problems.map((p) => p.kind)).toEqual(['signature-mismatch']);
    writeFileSync(join(copy, SIGNATURE_FILE), 'not base64 at all\n');
    expect(verifyBundle(copy).problems).toEqual([expect.objectContaining({ file: SIGNATURE_FILE, kind: 'malformed-signature' })]);
  });

  it('a deleted file is missing; an added one (anywhere) is unexpected', async () => {
    const { dir } = await signedBundle();
    const copy = copyOf(dir);
    rmSync(join(copy, 'transcripts/CB-CLOSE.txt'));
    rmSync(join(copy, SIGNATURE_FILE));
    writeFileSync(join(copy, 'notes.txt'), 'hello');
    mkdirSync(join(copy, 'inputs/extra'));
    writeFileSync(join(copy, 'inputs/extra/suite.yaml'), 'x: 1\n');
    const r = verifyBundle(copy);
    expect(r.problems.map((p) => `${p.kind} ${p.file}`)).toEqual([
      `missing ${SIGNATURE_FILE}`, 'unexpected inputs/extra/suite.yaml', 'unexpected notes.txt', 'missing transcripts/CB-CLOSE.txt',
    ]);
  });

  it('checked against another public key: names both fingerprints', async () => {
    const { dir, publicKey } = await signedBundle();
    const other = keys().publicKey;
    const r = verifyBundle(dir, { publicKey: other });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ file: MANIFEST_FILE, kind: 'wrong-key', message: `signed by another key: fingerprint ${fingerprintOf(publicKey)}, expected ${fingerprintOf(other)}` }]);
  });

  it('a manifest re-signed by someone else: intact under the embedded key, rejected with --public-key', async () => {
    const { dir, publicKey } = await signedBundle();
    const forged = join(tempDir(), 'forged');
    const opts = options(forged, keys().privateKey);
    await writeBundle(opts);
    expect(verifyBundle(forged).ok).toBe(true);
    expect(verifyBundle(forged, { publicKey }).problems.map((p) => p.kind)).toEqual(['wrong-key']);
    expect(verifyBundle(dir, { publicKey }).ok).toBe(true);
  });

  it('unsigned: written, manifest says so, verify fails saying it is unsigned', async () => {
    const dir = join(tempDir(), 'bundle');
    const written = await writeBundle(options(dir));
    expect(written.signed).toBe(false);
    expect(existsSync(join(dir, SIGNATURE_FILE))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({ signed: false, signature: null });
    const r = verifyBundle(dir);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ file: MANIFEST_FILE, kind: 'unsigned', message: expect.stringContaining('unsigned') })]);
  });

  it('a manifest listing a path outside the bundle is malformed, and nothing outside is read', async () => {
    const dir = join(tempDir(), 'bundle');
    await writeBundle(options(dir));
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    manifest.files.push({ path: '../../etc/passwd', size: 1, sha256: '0'.repeat(64) });
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    expect(verifyBundle(dir).problems).toEqual([expect.objectContaining({ file: MANIFEST_FILE, kind: 'malformed-manifest', message: expect.stringContaining('leaves the bundle') })]);
  });

  it('never overwrites: a non-empty destination is refused (exit 2); an empty folder is filled', async () => {
    const parent = tempDir();
    const full = join(parent, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const err = await writeBundle(options(full)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosAccreditError);
    expect(err).toMatchObject({ code: 'bundle-exists', exitCode: 2, message: expect.stringContaining('--bundle') });
    expect(readdirSync(full)).toEqual(['keep.txt']);
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    await writeBundle(options(empty));
    expect(readdirSync(empty)).toContain(MANIFEST_FILE);
    expect(readdirSync(parent).sort()).toEqual(['empty', 'full']);
  });

  it('review #6: transcript names are unique ignoring case (A and a collide on macOS and Windows)', async () => {
    expect(transcriptPaths(['A', 'a', 'a b', 'A_B', 'ORD-1'])).toEqual(['transcripts/A.txt', 'transcripts/a-2.txt', 'transcripts/a_b.txt', 'transcripts/A_B-2.txt', 'transcripts/ORD-1.txt']);
    const { privateKey } = keys();
    const dir = join(tempDir(), 'bundle');
    await writeBundle({ ...options(dir, privateKey), result: runResult([caseResult('A', 'pass'), caseResult('a', 'pass')]) });
    expect(bundleFileList(dir).filter((f) => f.startsWith('transcripts/'))).toEqual(['transcripts/A.txt', 'transcripts/a-2.txt']);
    expect(verifyBundle(dir).ok).toBe(true);
  });

  it('case ids become safe file names', () => {
    expect(transcriptPath('ORD-CREATE-MIN')).toBe('transcripts/ORD-CREATE-MIN.txt');
    expect(transcriptPath('../../x y')).toBe('transcripts/__.._x_y.txt');
  });
});

describe('bundle: verify checks what the bundle says, not just its digests', () => {
  it('report.json changed and re-signed with the same key: its verdict differs from the manifest summary, named', async () => {
    const { dir, privateKey, publicKey } = await signedBundle();
    editReport(dir, (r) => {
      r.verdict = 'pass';
    });
    resign(dir, privateKey);
    const r = verifyBundle(dir, { publicKey });
    expect(r.ok).toBe(false);
    // The report schema itself refuses a pass with blocking failures and errors.
    expect(r.problems).toEqual([{ file: 'report.json', kind: 'inconsistent', message: expect.stringMatching(/^inconsistent: not a pos-accredit report \(the report schema says: \/blocking: must NOT have more than 0 items/) }]);
    expect(r.report).toBeUndefined();
  });

  it('review #1: a MUST case turned to fail in a passing report, counts fixed in report and manifest, re-signed: inconsistent, never "verdict PASS … 1 failed"', async () => {
    const { privateKey, publicKey } = keys();
    const dir = join(tempDir(), 'bundle');
    const base = options(dir, privateKey);
    await writeBundle({ ...base, result: runResult([caseResult('A', 'pass'), caseResult('B', 'pass')]) });
    expect(verifyBundle(dir, { publicKey }).ok).toBe(true);
    editReport(dir, (r) => {
      r.cases[1]!.status = 'fail';
      r.counts.byStatus = { ...r.counts.byStatus, pass: 1, fail: 1 };
    });
    resign(dir, privateKey, (m) => {
      m.report.counts.byStatus = { ...m.report.counts.byStatus, pass: 1, fail: 1 };
    });
    const r = verifyBundle(dir, { publicKey });
    expect(r.ok).toBe(false);
    expect(r.report).toBeUndefined();
    expect(r.problems.map((p) => `${p.file} ${p.kind} ${p.message}`)).toEqual([
      'report.json inconsistent inconsistent: counts.byLevel.must.pass is 2, but its cases give 1',
      'report.json inconsistent inconsistent: counts.byLevel.must.fail is 0, but its cases give 1',
      'report.json inconsistent inconsistent: blocking lists [], but its cases give ["B"]',
      'report.json inconsistent inconsistent: verdict is "pass", but its cases give "fail"',
    ]);
    const out = capture();
    expect(verifyCommand(dir, {}, out.stream)).toBe(1);
    expect(out.text()).not.toContain('verdict PASS');
  });

  it('review #1: a report valid by the schema whose counts by level, blocking list and verdict contradict its cases: each named', async () => {
    const { dir, privateKey, publicKey } = await signedBundle();
    editReport(dir, (r) => {
      // A failing case turned to pass: counts by status fixed, the rest left as the run wrote it.
      const c = r.cases.find((x) => x.id === 'ORD-CREATE-FULL')!;
      c.status = 'pass';
      r.counts.byStatus = { ...r.counts.byStatus, pass: r.counts.byStatus.pass + 1, fail: r.counts.byStatus.fail - 1 };
    });
    resign(dir, privateKey, (m) => {
      m.report.counts.byStatus = { ...m.report.counts.byStatus, pass: m.report.counts.byStatus.pass + 1, fail: m.report.counts.byStatus.fail - 1 };
    });
    const messages = verifyBundle(dir, { publicKey }).problems.map((p) => `${p.file} ${p.kind} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^report\.json inconsistent inconsistent: counts\.byLevel\.must\.pass is \d+, but its cases give \d+$/),
      expect.stringMatching(/^report\.json inconsistent inconsistent: counts\.byLevel\.must\.fail is \d+, but its cases give \d+$/),
      expect.stringMatching(/^report\.json inconsistent inconsistent: blocking lists \[.*"ORD-CREATE-FULL".*\], but its cases give \[/),
    ]);
  });

  it('review #2: control characters from a re-signed report.json are shown as \\u001b, never sent to the terminal', async () => {
    const { privateKey } = keys();
    const dir = join(tempDir(), 'bundle');
    const base = options(dir, privateKey);
    const ids = ['\u001b[2K\r\u001b[8m'];
    await writeBundle({ ...base, result: { ...base.result, options: { ...base.result.options, ids }, target: { ...base.result.target, embedded: false, venue: 'v\u009b1m\u007f\u202e' } } });
    const out = capture();
    // Filtered: intact, but not accepted without --allow-partial (and that line is escaped too).
    expect(verifyCommand(dir, {}, out.stream)).toBe(1);
    const text = out.text();
    expect(text).toContain('Warning: filtered run (--id \\u001b[2K\\r'.replace('\\r', '\\u000d'));
    expect(text).toContain('NOT ACCEPTED: intact, but not a full accreditation (filtered run (--id \\u001b[2K\\u000d');
    expect(text).toContain('v\\u009b1m\\u007f\\u202e');
    // Only line feeds between lines; nothing else below U+0020, no DEL, no C1.
    expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(text)).toBe(false);
  });

  it('review #3: a manifest with inputs [null] or a malformed entry is malformed (exit 1), not an internal error', async () => {
    for (const bad of [[null], [{ path: 'inputs/orders.yaml', role: 'suite' }], [{ path: '../x', role: 'suite', sha256: 'a'.repeat(64) }], [{ path: 'inputs/orders.yaml', role: 'nope', sha256: 'a'.repeat(64) }]]) {
      const { dir, privateKey } = await signedBundle();
      resign(dir, privateKey, (m) => {
        (m as unknown as { inputs: unknown }).inputs = bad;
      });
      const r = verifyBundle(dir);
      expect(r.problems, JSON.stringify(bad)).toEqual([expect.objectContaining({ file: MANIFEST_FILE, kind: 'malformed-manifest', message: expect.stringMatching(/^inputs\[0\]/) })]);
      expect(verifyCommand(dir, {}, capture().stream)).toBe(1);
    }
    const { dir, privateKey } = await signedBundle();
    resign(dir, privateKey, (m) => {
      (m as unknown as { files: unknown[] }).files.push(null, 7);
    });
    expect(verifyBundle(dir).problems.map((p) => p.kind)).toEqual(['malformed-manifest', 'malformed-manifest']);
  });

  it('counts changed in report.json: each differing field is named, and the cases disagree too', async () => {
    const { dir, privateKey } = await signedBundle();
    editReport(dir, (r) => {
      r.counts.byStatus.pass += 1;
      r.counts.total += 1;
    });
    resign(dir, privateKey);
    const messages = verifyBundle(dir).problems.map((p) => `${p.file} ${p.kind} ${p.message}`);
    expect(messages).toContain('report.json inconsistent inconsistent: counts.total is 8, the manifest\'s summary says 7');
    expect(messages).toContain('report.json inconsistent inconsistent: counts.byStatus.pass is 3, the manifest\'s summary says 2');
    expect(messages).toContain('report.json inconsistent inconsistent: counts.total is 8, but it lists 7 cases');
    expect(messages).toContain('report.json inconsistent inconsistent: counts.byStatus.pass is 3, but 2 of its cases have status pass');
  });

  it('report.json, tool.json and config.json removed and re-signed: incomplete, each named', async () => {
    const { dir, privateKey } = await signedBundle();
    for (const f of ['report.json', 'tool.json', 'config.json']) rmSync(join(dir, f));
    resign(dir, privateKey);
    const r = verifyBundle(dir);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.kind} ${p.file}`)).toEqual(['incomplete config.json', 'incomplete report.json', 'incomplete tool.json']);
    expect(r.problems[0]!.message).toContain('not listed in the manifest');
  });

  it('transcripts removed and re-signed: the cases without one are named, ten at most', async () => {
    const { privateKey } = keys();
    const dir = join(tempDir(), 'bundle');
    const cases = Array.from({ length: 13 }, (_, i) => caseResult(`C-${String(i).padStart(2, '0')}`, 'pass'));
    await writeBundle({ ...options(dir, privateKey), result: runResult(cases) });
    expect(verifyBundle(dir).ok).toBe(true);
    rmSync(join(dir, 'transcripts'), { recursive: true });
    resign(dir, privateKey);
    const r = verifyBundle(dir);
    expect(r.problems).toHaveLength(1);
    const [p] = r.problems;
    expect(p).toMatchObject({ file: 'transcripts/', kind: 'incomplete' });
    expect(p!.message).toBe(`incomplete: 13 cases of report.json have no transcript: ${cases.slice(0, 10).map((c) => transcriptPath(c.id)).join(', ')} and 3 more`);
    expect(p!.files).toEqual(cases.map((c) => transcriptPath(c.id)));
  });

  it('a transcript no case of report.json has is inconsistent', async () => {
    const { dir, privateKey } = await signedBundle();
    writeFileSync(join(dir, 'transcripts/EXTRA.txt'), 'made up\n');
    resign(dir, privateKey);
    expect(verifyBundle(dir).problems).toEqual([expect.objectContaining({ file: 'transcripts/EXTRA.txt', kind: 'inconsistent' })]);
  });

  it('report.json that is not JSON, or not a report, re-signed: inconsistent', async () => {
    const { dir, privateKey } = await signedBundle();
    writeFileSync(join(dir, 'report.json'), '{ nope');
    resign(dir, privateKey);
    expect(verifyBundle(dir).problems).toEqual([expect.objectContaining({ file: 'report.json', kind: 'inconsistent', message: expect.stringContaining('not valid JSON') })]);
    writeFileSync(join(dir, 'report.json'), '{"verdict":"pass"}\n');
    resign(dir, privateKey);
    expect(verifyBundle(dir).problems).toEqual([expect.objectContaining({ file: 'report.json', kind: 'inconsistent', message: expect.stringContaining('not a pos-accredit report') })]);
  });

  it('the summary comes from the verified report.json, and is printed only after OK', async () => {
    const { dir } = await signedBundle();
    const ok = verifyBundle(dir);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
    expect(ok.report).toEqual({
      file: 'report.json', verdict: report.verdict, counts: { total: report.counts.total, byStatus: report.counts.byStatus },
      target: report.target, contract: report.contract, startedAt: report.startedAt, finishedAt: report.finishedAt,
      options: { tags: [], ids: [], strict: false },
    });
    expect(ok.filtered).toBe(false);
    const text = formatVerify(ok, true);
    expect(text.indexOf('OK: all')).toBeGreaterThan(-1);
    expect(text.indexOf('verdict FAIL')).toBeGreaterThan(text.indexOf('OK: all'));
    expect(text).not.toContain('filtered');

    // A manifest edited after signing: its (altered) summary is never shown.
    const copy = copyOf(dir);
    writeFileSync(join(copy, MANIFEST_FILE), readFileSync(join(copy, MANIFEST_FILE), 'utf8').replace('"verdict": "fail"', '"verdict": "pass"'));
    const bad = verifyBundle(copy);
    expect(bad.report).toBeUndefined();
    const badText = formatVerify(bad, false);
    expect(badText).toContain('FAILED');
    expect(badText).not.toMatch(/verdict/i);
  });

  it('a filtered run is recorded in the manifest and verify says it is not a full accreditation (text and --json)', async () => {
    const { privateKey } = keys();
    const dir = join(tempDir(), 'bundle');
    const base = options(dir, privateKey);
    await writeBundle({ ...base, result: { ...base.result, options: { ...base.result.options, tags: ['auth'], ids: ['ORD-*'], strict: true } } });
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.report.options).toEqual({ tags: ['auth'], ids: ['ORD-*'], strict: true });
    const r = verifyBundle(dir);
    expect(r).toMatchObject({ ok: true, filtered: true });
    expect(formatVerify(r, false)).toContain('filtered run (--tag auth, --id ORD-*): not a full accreditation');
    const out = capture();
    expect(verifyCommand(dir, { json: true }, out.stream)).toBe(1);
    expect(JSON.parse(out.text())).toMatchObject({ ok: true, filtered: true, partial: ['filtered run (--tag auth, --id ORD-*): not a full accreditation'], report: { options: { tags: ['auth'], ids: ['ORD-*'] } } });
    expect(verifyCommand(dir, { json: true, allowPartial: true }, capture().stream)).toBe(0);
  });

  it('an aborted run is called out', async () => {
    const { privateKey } = keys();
    const dir = join(tempDir(), 'bundle');
    const base = options(dir, privateKey);
    await writeBundle({ ...base, result: { ...base.result, aborted: { code: 'TARGET_UNREACHABLE', message: 'connect ECONNREFUSED 127.0.0.1:4010\nmore' } } });
    const r = verifyBundle(dir);
    expect(r).toMatchObject({ ok: true, aborted: true, report: { aborted: { code: 'TARGET_UNREACHABLE' } } });
    expect(formatVerify(r, false)).toContain('aborted run (TARGET_UNREACHABLE: connect ECONNREFUSED 127.0.0.1:4010): the run stopped early; not a full accreditation');
  });
});

describe('bundle: config.json', () => {
  const target: TargetFacts = { baseUrl: 'http://127.0.0.1:4010', venue: 'v', embedded: true, tokenSource: '$POS_ACCREDIT_TOKEN', mozrestKeyFromEnv: true };
  const config = (over: Partial<RunConfig>): RunConfig => ({ mozrest: { host: '127.0.0.1', port: 0, keyEnv: 'POS_ACCREDIT_MOZREST_KEY' }, ...over }) as RunConfig;

  it('review #5: no driver argument, URL userinfo, query or fragment reaches config.json', () => {
    const exec = configRecord(config({ driver: { kind: 'exec', command: 'hook --api-key=sk-live-1 --x' } }), target);
    expect(exec.driver).toEqual({ kind: 'exec', command: 'hook (arguments not recorded: they may hold credentials)' });
    const quoted = configRecord(config({ driver: { kind: 'exec', command: '"/opt/my hook" s3cr3t-arg' } }), target);
    expect(quoted.driver).toEqual({ kind: 'exec', command: '/opt/my hook (arguments not recorded: they may hold credentials)' });
    const http = configRecord(config({ driver: { kind: 'http', url: 'https://user:pw@127.0.0.1:9/act?token=t0k#frag', tokenEnv: 'DRV' } }), target);
    expect(http.driver).toEqual({ kind: 'http', url: 'https://127.0.0.1:9/act', tokenEnv: 'DRV' });
    const mozrest = configRecord(config({ mozrest: { host: 'h', port: 1, keyEnv: 'K', publicUrl: 'http://a:b@127.0.0.1:5/x?token=q', sharedUrl: 'http://127.0.0.1:6/#s' } }), target);
    expect(mozrest.mozrest).toMatchObject({ publicUrl: 'http://127.0.0.1:5/x', sharedUrl: 'http://127.0.0.1:6/' });
    for (const record of [exec, quoted, http, mozrest]) expect(JSON.stringify(record)).not.toMatch(/sk-live|s3cr3t|pw@|t0k|frag|token=|:b@/);
    expect(configRecord(config({ driver: { kind: 'prompt' } }), target).driver).toEqual({ kind: 'prompt' });
  });
});

describe('bundle: run --bundle messages', () => {
  it('a destination that is a file: "is a file, not a folder"', () => {
    const file = join(tempDir(), 'evidence.zip');
    writeFileSync(file, 'x');
    expect(() => checkBundleTarget(file, '--bundle')).toThrow(`--bundle: ${file} is a file, not a folder`);
  });

  it('the "Bundle written" hint names the .pub beside a .key signing key, else a placeholder', () => {
    expect(publicKeyPathFor('/keys/acme-pos.key')).toBe('/keys/acme-pos.pub');
    expect(publicKeyPathFor('/keys/acme-pos.pem')).toBeUndefined();
    const written = { dir: '/b', fileCount: 3, bytes: 2048, signed: true, fingerprint: 'SHA256:ab' };
    expect(bundleSummary({ ...written, publicKeyPath: '/keys/acme-pos.pub' })).toContain('pos-accredit verify /b --public-key /keys/acme-pos.pub\n');
    expect(bundleSummary(written)).toContain('pos-accredit verify /b --public-key KEY.pub\n');
  });
});

describe('keygen', () => {
  it('writes PREFIX.key (PKCS#8, mode 0600) and PREFIX.pub (SPKI), prints the fingerprint, never overwrites', () => {
    const prefix = join(tempDir(), 'acme');
    let out = '';
    const stream = { write: (s: string) => (out += s) } as unknown as NodeJS.WritableStream;
    expect(keygenCommand({ out: prefix }, stream)).toBe(0);
    const key = readFileSync(`${prefix}.key`, 'utf8');
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
    const pub = createPublicKey(readFileSync(`${prefix}.pub`, 'utf8'));
    expect(createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'pem' })).toBe(pub.export({ type: 'spki', format: 'pem' }));
    expect(out).toContain(`Fingerprint: ${fingerprintOf(pub)}`);
    expect(() => keygenCommand({ out: prefix }, stream)).toThrow(/already exists/);
    expect(readFileSync(`${prefix}.key`, 'utf8')).toBe(key);
  });
});
