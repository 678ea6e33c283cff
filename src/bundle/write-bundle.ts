// Writes an accreditation bundle: a folder with the report, one transcript per case, the exact
// inputs, the tool and (secret-free) configuration, and a manifest signed with Ed25519. It is
// assembled in a hidden folder beside its destination and renamed into place, so nobody ever
// sees half a bundle.
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PosAccreditError, EXIT } from '../core/errors.js';
import type { RunResult } from '../core/results.js';
import { REPORT_FILE_NAME, serializeJsonReport } from '../report/report-document.js';
import { mapStrings } from '../core/redactor.js';
import { renderTranscript } from '../report/transcript.js';
import type { BundleInput } from './collect-inputs.js';
import { fingerprintOf, publicKeyPemOf, SIGNATURE_ALGORITHM } from './keys.js';
import { transcriptPaths } from './transcript-paths.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, CONFIG_FILE, MANIFEST_FILE, serializeManifest, sha256, SIGNATURE_FILE, TOOL_FILE, type Manifest } from './manifest.js';

export { transcriptPath, transcriptPaths } from './transcript-paths.js';

export interface ToolInfo {
  name: string;
  version: string;
  node: string;
  platform: string;
  arch: string;
}

export function toolInfo(name: string, version: string): ToolInfo {
  return { name, version, node: process.version, platform: process.platform, arch: process.arch };
}

export interface WriteBundleOptions {
  /** Destination folder; must not exist, or be empty. */
  dir: string;
  /** Where the destination came from (`--bundle`, the variable, the file position), for errors. */
  source: string;
  /** The final, already redacted result. */
  result: RunResult;
  inputs: BundleInput[];
  tool: ToolInfo;
  /** The run's configuration, holding variable names and paths but no secret values. */
  config: unknown;
  /** The run's redactor, applied to every text file the run produced (not to the inputs). */
  redact: (text: string) => string;
  signingKey?: KeyObject;
  now?: Date;
}

export interface WrittenBundle {
  dir: string;
  /** Every file, manifest.json and manifest.sig included. */
  fileCount: number;
  bytes: number;
  signed: boolean;
  fingerprint?: string;
  /** The public key to check it with, when known (the `.pub` beside a `.key` signing key). */
  publicKeyPath?: string;
}

/** Refuses a destination that holds anything: checked before the run and again at the rename. */
export function checkBundleTarget(dir: string, source: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return; // absent: fine
  }
  if (!isDir || readdirSync(dir).length > 0) throw bundleExists(dir, source);
}

function bundleExists(dir: string, source: string): PosAccreditError {
  let isFile = false;
  try {
    isFile = !statSync(dir).isDirectory();
  } catch {
    // Gone again: describe it as taken, the rename said so.
  }
  return isFile
    ? new PosAccreditError('bundle-exists', `${source}: ${dir} is a file, not a folder; a bundle is a new folder, and nothing is overwritten`, EXIT.usage, 'give the path of a new folder (e.g. one per run)')
    : new PosAccreditError('bundle-exists', `${source}: ${dir} already exists and is not an empty folder; a bundle is never overwritten`, EXIT.usage, 'give a new path (e.g. one per run), or remove the old bundle first');
}

export function bundleFiles(opts: Pick<WriteBundleOptions, 'result' | 'inputs' | 'tool' | 'config' | 'redact'>): Map<string, Buffer> {
  const { inputs, tool, config, redact } = opts;
  // Values first, as the reporters do (a secret that JSON escaping would change), then the text.
  const result = mapStrings(opts.result, redact);
  const text = (s: string): Buffer => Buffer.from(redact(s), 'utf8');
  const files = new Map<string, Buffer>();
  files.set(REPORT_FILE_NAME, text(serializeJsonReport(result)));
  // verify expects exactly these names (transcriptPaths), so a case without one is noticed.
  const transcripts = transcriptPaths(result.cases.map((c) => c.id));
  result.cases.forEach((c, i) => files.set(transcripts[i]!, text(renderTranscript(c))));
  for (const input of inputs) files.set(input.path, input.bytes);
  files.set(TOOL_FILE, text(`${JSON.stringify(tool, null, 2)}\n`));
  files.set(CONFIG_FILE, text(`${JSON.stringify(config, null, 2)}\n`));
  return files;
}

export function buildManifest(files: Map<string, Buffer>, opts: Pick<WriteBundleOptions, 'result' | 'inputs' | 'tool' | 'signingKey' | 'now'>): Manifest {
  const { result, inputs, tool, signingKey } = opts;
  const digests = new Map([...files].map(([path, bytes]) => [path, sha256(bytes)]));
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: (opts.now ?? new Date()).toISOString(),
    tool: { name: tool.name, version: tool.version },
    report: {
      file: REPORT_FILE_NAME,
      verdict: result.verdict,
      counts: { total: result.counts.total, byStatus: result.counts.byStatus },
      target: result.target,
      contract: result.contract,
      startedAt: result.startedAt,
      finishedAt: result.finishedAt,
      ...(result.aborted ? { aborted: result.aborted } : {}),
      options: { tags: result.options.tags, ids: result.options.ids, strict: result.options.strict },
    },
    inputs: inputs.map((i) => ({ path: i.path, role: i.role, sha256: digests.get(i.path) ?? sha256(i.bytes) })),
    files: [...files].map(([path, bytes]) => ({ path, size: bytes.length, sha256: digests.get(path)! })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    signed: !!signingKey,
    signature: signingKey ? { algorithm: SIGNATURE_ALGORITHM, file: SIGNATURE_FILE, publicKey: publicKeyPemOf(signingKey), fingerprint: fingerprintOf(signingKey) } : null,
  };
}

export async function writeBundle(opts: WriteBundleOptions): Promise<WrittenBundle> {
  const { dir, source, signingKey } = opts;
  checkBundleTarget(dir, source);
  const files = bundleFiles(opts);
  const manifest = buildManifest(files, opts);
  const manifestBytes = Buffer.from(serializeManifest(manifest), 'utf8');
  files.set(MANIFEST_FILE, manifestBytes);
  if (signingKey) files.set(SIGNATURE_FILE, Buffer.from(`${sign(null, manifestBytes, signingKey).toString('base64')}\n`, 'utf8'));

  await mkdir(dirname(dir), { recursive: true });
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    for (const [path, bytes] of files) {
      const target = join(tmp, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes, { flag: 'wx' });
    }
    try {
      // Replaces an empty folder; fails on one that gained content since the run started.
      await rename(tmp, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') throw bundleExists(dir, source);
      throw err;
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    fileCount: files.size,
    bytes: [...files.values()].reduce((n, b) => n + b.length, 0),
    signed: !!signingKey,
    ...(manifest.signature ? { fingerprint: manifest.signature.fingerprint } : {}),
  };
}
