// manifest.json of an accreditation bundle: every file with its size and SHA-256, the inputs of
// the run, the verdict, and who signed it. `manifest.sig` is an Ed25519 signature over its bytes.
import { createHash } from 'node:crypto';
import type { RunResult } from '../core/results.js';

export const BUNDLE_FORMAT = 'pos-accredit-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const TOOL_FILE = 'tool.json';
export const CONFIG_FILE = 'config.json';

export const INPUT_ROLES = ['suite', 'contract', 'checks', 'schema', 'recheck'] as const;
export type InputRole = (typeof INPUT_ROLES)[number];

export interface ManifestFile {
  /** Relative, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestInput {
  path: string;
  role: InputRole;
  sha256: string;
}

export interface ManifestSignature {
  algorithm: 'Ed25519';
  file: typeof SIGNATURE_FILE;
  /** SPKI PEM. */
  publicKey: string;
  /** `SHA256:<hex>` of the DER SPKI. */
  fingerprint: string;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  createdAt: string;
  tool: { name: string; version: string };
  report: {
    file: string;
    verdict: RunResult['verdict'];
    counts: { total: number; byStatus: RunResult['counts']['byStatus'] };
    target: RunResult['target'];
    contract: RunResult['contract'];
    startedAt: string;
    finishedAt: string;
    aborted?: RunResult['aborted'];
    /** How cases were selected: a run with tags or ids is not a full accreditation. Absent from older bundles; verify then compares only the rest. */
    options?: Pick<RunResult['options'], 'tags' | 'ids' | 'strict'>;
  };
  /** The suites, contract profile, check list and schemas the run used (copies under inputs/). */
  inputs: ManifestInput[];
  /** Every file of the bundle except manifest.json and manifest.sig, sorted by path. */
  files: ManifestFile[];
  signed: boolean;
  signature: ManifestSignature | null;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The exact bytes that get signed: pretty-printed, newline-terminated. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A relative bundle path that cannot leave the bundle folder. */
export function isSafeBundlePath(path: string): boolean {
  if (path.length === 0 || path.length > 512 || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * Checks the shape of a parsed manifest; returns what is wrong with it (empty: usable). Only the
 * fields `verify` relies on are checked — every entry of files and inputs included, so a
 * hand-edited entry is a malformed manifest, never a crash; the rest is covered by the signature.
 */
export function manifestProblems(doc: unknown): string[] {
  if (!isRecord(doc)) return ['is not a JSON object'];
  const problems: string[] = [];
  if (doc.format !== BUNDLE_FORMAT) problems.push(`format is ${JSON.stringify(doc.format)}, not "${BUNDLE_FORMAT}"`);
  if (doc.formatVersion !== BUNDLE_FORMAT_VERSION) problems.push(`formatVersion ${JSON.stringify(doc.formatVersion)} is not supported (this version reads ${BUNDLE_FORMAT_VERSION})`);
  if (!Array.isArray(doc.files)) problems.push('files is not a list');
  else {
    doc.files.forEach((f: unknown, i) => {
      if (!isRecord(f) || typeof f.path !== 'string' || !isSafeBundlePath(f.path)) problems.push(`files[${i}]: path is missing or leaves the bundle`);
      else if (!Number.isSafeInteger(f.size) || (f.size as number) < 0) problems.push(`files[${i}] (${f.path}): size is not a byte count`);
      else if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) problems.push(`files[${i}] (${f.path}): sha256 is not a SHA-256 digest`);
    });
  }
  if (!Array.isArray(doc.inputs)) problems.push('inputs is not a list');
  else {
    doc.inputs.forEach((input: unknown, i) => {
      if (!isRecord(input) || typeof input.path !== 'string' || !isSafeBundlePath(input.path)) problems.push(`inputs[${i}]: path is missing or leaves the bundle`);
      else if (!(INPUT_ROLES as readonly unknown[]).includes(input.role)) problems.push(`inputs[${i}] (${input.path}): role is not one of ${INPUT_ROLES.join(', ')}`);
      else if (typeof input.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(input.sha256)) problems.push(`inputs[${i}] (${input.path}): sha256 is not a SHA-256 digest`);
    });
  }
  if (typeof doc.signed !== 'boolean') problems.push('signed is not true or false');
  if (doc.signed === true) {
    const s = doc.signature;
    if (!isRecord(s) || s.algorithm !== 'Ed25519' || typeof s.publicKey !== 'string' || typeof s.fingerprint !== 'string') problems.push('signature must give algorithm Ed25519, publicKey and fingerprint');
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
