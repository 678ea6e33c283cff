// Checks a bundle against its manifest and the manifest against its signature, and says exactly
// what differs: each altered, missing or unexpected file, an altered manifest, a malformed
// signature, an unsigned bundle, a signer other than the expected one. Then, when the manifest
// itself holds, that the bundle is complete and report.json agrees with it (check-contents.ts).
import { verify, type KeyObject } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PosAccreditError, EXIT } from '../core/errors.js';
import { checkContents, type ReportSummary } from './check-contents.js';
import type { ProblemKind, VerifyProblem } from './verify-problem.js';
import { fingerprintOf, parsePublicKey } from './keys.js';
import { MANIFEST_FILE, manifestProblems, sha256, SIGNATURE_FILE, type Manifest } from './manifest.js';

/** Problems that mean the manifest itself cannot be relied on: its contents are not checked then. */
const MANIFEST_UNRELIABLE: ReadonlySet<ProblemKind> = new Set(['signature-mismatch', 'malformed-signature', 'malformed-manifest']);

export interface VerifyResult {
  ok: boolean;
  bundle: string;
  /** Files the manifest accounts for, manifest.json and manifest.sig included. */
  fileCount: number;
  signed: boolean;
  /** Whose key the signature was checked with: the one given (`pinned`) or the embedded one. */
  signer?: { fingerprint: string; trust: 'pinned' | 'embedded' };
  /** The fingerprint of --public-key, when given. */
  expectedFingerprint?: string;
  /** The run as the verified report.json tells it; only when the bundle verifies (`ok`). */
  report?: ReportSummary;
  /** Only when `ok`: the run was limited by --tag/--id (not a full accreditation). */
  filtered?: boolean;
  /** Only when `ok`: the run stopped early (report.aborted; not a full accreditation). */
  aborted?: boolean;
  problems: VerifyProblem[];
}

type Entry = { kind: 'file' | 'other' };

export function verifyBundle(dir: string, options: { publicKey?: KeyObject } = {}): VerifyResult {
  let isDir = false;
  try {
    isDir = lstatSync(dir).isDirectory();
  } catch {
    throw new PosAccreditError('bundle-not-found', `no such bundle: ${dir}`, EXIT.usage, 'give the folder written by: pos-accredit run --bundle PATH');
  }
  if (!isDir) throw new PosAccreditError('not-a-bundle', `${dir} is not a folder; a bundle is the folder written by run --bundle`, EXIT.usage);

  const expectedFingerprint = options.publicKey ? fingerprintOf(options.publicKey) : undefined;
  const result: VerifyResult = { ok: false, bundle: dir, fileCount: 0, signed: false, problems: [], ...(expectedFingerprint ? { expectedFingerprint } : {}) };
  const problems = result.problems;
  const onDisk = walk(dir);

  // Neither manifest nor signature: not a bundle at all (a report folder, say), not a damaged one.
  if (!onDisk.has(MANIFEST_FILE) && !onDisk.has(SIGNATURE_FILE)) {
    const report = onDisk.get('report.json')?.kind === 'file';
    throw new PosAccreditError('not-a-bundle', `${dir} is not a bundle: it has no ${MANIFEST_FILE}${report ? ' (it is a report folder)' : ''}`, EXIT.usage,
      report ? 'a report folder is not signed evidence: pos-accredit report rebuilds its formats; run --bundle DIR writes a bundle verify can check' : 'give the folder written by: pos-accredit run --bundle PATH');
  }
  if (onDisk.get(MANIFEST_FILE)?.kind !== 'file') {
    problems.push({ file: MANIFEST_FILE, kind: 'missing', message: 'missing: nothing in this folder can be verified' });
    return result;
  }
  const manifestBytes = readFileSync(join(dir, MANIFEST_FILE));
  let doc: unknown;
  try {
    doc = JSON.parse(manifestBytes.toString('utf8'));
  } catch (err) {
    problems.push({ file: MANIFEST_FILE, kind: 'malformed-manifest', message: `not valid JSON (${(err as Error).message}): the manifest was altered` });
    return result;
  }
  const shape = manifestProblems(doc);
  if (shape.length > 0) {
    problems.push(...shape.map((m) => ({ file: MANIFEST_FILE, kind: 'malformed-manifest' as const, message: `${m}: the manifest was altered or is not a bundle manifest` })));
    return result;
  }
  const manifest = doc as Manifest;
  result.signed = manifest.signed;
  result.fileCount = manifest.files.length + 1 + (manifest.signed ? 1 : 0);

  problems.push(...checkSignature(dir, manifest, manifestBytes, onDisk, options.publicKey, result));
  problems.push(...checkFiles(dir, manifest, onDisk));
  const unreliable = problems.some((p) => MANIFEST_UNRELIABLE.has(p.kind) || (p.file === SIGNATURE_FILE && p.kind === 'missing'));
  if (unreliable) return result;

  const troubled = new Set(problems.map((p) => p.file));
  const intact = new Set(manifest.files.map((f) => f.path).filter((path) => !troubled.has(path)));
  const contents = checkContents(dir, manifest, intact);
  problems.push(...contents.problems);
  result.ok = problems.length === 0;
  if (result.ok && contents.report) {
    const report = contents.report;
    result.report = report;
    result.filtered = report.options.tags.length > 0 || report.options.ids.length > 0;
    result.aborted = report.aborted !== undefined;
  }
  return result;
}

function checkSignature(dir: string, manifest: Manifest, manifestBytes: Buffer, onDisk: Map<string, Entry>, pinned: KeyObject | undefined, result: VerifyResult): VerifyProblem[] {
  if (!manifest.signed || !manifest.signature) {
    return [{ file: MANIFEST_FILE, kind: 'unsigned', message: 'the bundle is unsigned: nothing proves who made it or that its manifest is the one written by the run (sign with run --signing-key KEY)' }];
  }
  const out: VerifyProblem[] = [];
  const embedded = parsePublicKey(manifest.signature.publicKey);
  if (!embedded) return [{ file: MANIFEST_FILE, kind: 'malformed-manifest', message: 'the embedded public key is not an Ed25519 SPKI PEM key: the manifest was altered' }];
  const embeddedFp = fingerprintOf(embedded);
  if (manifest.signature.fingerprint !== embeddedFp) out.push({ file: MANIFEST_FILE, kind: 'malformed-manifest', message: `the fingerprint field (${manifest.signature.fingerprint}) is not that of the embedded key (${embeddedFp}): the manifest was altered` });
  const pinnedFp = pinned ? fingerprintOf(pinned) : undefined;
  if (pinnedFp && pinnedFp !== embeddedFp) out.push({ file: MANIFEST_FILE, kind: 'wrong-key', message: `signed by another key: fingerprint ${embeddedFp}, expected ${pinnedFp}` });
  result.signer = { fingerprint: embeddedFp, trust: pinnedFp === embeddedFp ? 'pinned' : 'embedded' };

  if (onDisk.get(SIGNATURE_FILE)?.kind !== 'file') {
    out.push({ file: SIGNATURE_FILE, kind: 'missing', message: 'missing: the manifest says the bundle is signed' });
    return out;
  }
  const signature = parseSignature(readFileSync(join(dir, SIGNATURE_FILE)).toString('latin1'));
  if (!signature) {
    out.push({ file: SIGNATURE_FILE, kind: 'malformed-signature', message: 'malformed signature: not the base64 of a 64-byte Ed25519 signature' });
    return out;
  }
  let valid = false;
  try {
    valid = verify(null, manifestBytes, embedded, signature);
  } catch {
    valid = false;
  }
  if (!valid) out.push({ file: MANIFEST_FILE, kind: 'signature-mismatch', files: [MANIFEST_FILE, SIGNATURE_FILE], message: `signature does not match: ${MANIFEST_FILE} was altered (or ${SIGNATURE_FILE} was)` });
  return out;
}

/** Exactly 88 base64 characters (64 bytes), canonical, optionally newline-terminated. */
function parseSignature(text: string): Buffer | undefined {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (!/^[A-Za-z0-9+/]{86}==$/.test(body)) return undefined;
  const bytes = Buffer.from(body, 'base64');
  return bytes.length === 64 && bytes.toString('base64') === body ? bytes : undefined;
}

function checkFiles(dir: string, manifest: Manifest, onDisk: Map<string, Entry>): VerifyProblem[] {
  const out: VerifyProblem[] = [];
  const listed = new Map<string, Manifest['files'][number]>();
  for (const f of manifest.files) {
    if (listed.has(f.path) || f.path === MANIFEST_FILE || f.path === SIGNATURE_FILE) out.push({ file: MANIFEST_FILE, kind: 'malformed-manifest', message: `lists ${f.path} twice: the manifest was altered` });
    listed.set(f.path, f);
  }
  for (const input of manifest.inputs) {
    if (listed.get(input.path)?.sha256 !== input.sha256) out.push({ file: MANIFEST_FILE, kind: 'malformed-manifest', message: `input ${input.path} does not match its entry in files: the manifest was altered` });
  }
  const fileProblems: VerifyProblem[] = [];
  for (const f of listed.values()) {
    const entry = onDisk.get(f.path);
    if (!entry) {
      fileProblems.push({ file: f.path, kind: 'missing', message: 'missing: listed in the manifest, not in the bundle' });
      continue;
    }
    if (entry.kind !== 'file') {
      fileProblems.push({ file: f.path, kind: 'modified', message: 'modified: no longer a regular file' });
      continue;
    }
    const bytes = readFileSync(join(dir, ...f.path.split('/')));
    if (bytes.length !== f.size) fileProblems.push({ file: f.path, kind: 'modified', message: `modified: ${bytes.length} bytes, the manifest says ${f.size}` });
    else if (sha256(bytes) !== f.sha256) fileProblems.push({ file: f.path, kind: 'modified', message: 'modified: same size, different content (SHA-256 differs from the manifest)' });
  }
  const known = new Set([...listed.keys(), MANIFEST_FILE, ...(manifest.signed ? [SIGNATURE_FILE] : [])]);
  for (const path of onDisk.keys()) {
    if (!known.has(path)) fileProblems.push({ file: path, kind: 'unexpected', message: 'unexpected: in the bundle but not in the manifest' });
  }
  fileProblems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return [...out, ...fileProblems];
}

/** Every non-folder entry under `dir`, by `/`-separated relative path; links are not followed. */
function walk(dir: string, prefix = '', out = new Map<string, Entry>()): Map<string, Entry> {
  for (const d of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) walk(dir, rel, out);
    else out.set(rel, { kind: d.isFile() ? 'file' : 'other' });
  }
  return out;
}
