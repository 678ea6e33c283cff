// The bundle's part in `pos-accredit run`: checked before anything runs (the destination is free,
// the signing key reads), written once the reporters are done.
import type { KeyObject } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PosAccreditError, EXIT } from '../core/errors.js';
import type { RunConfig } from '../config/run-config.js';
import type { RunResult } from '../core/results.js';
import type { Redactor } from '../core/redactor.js';
import type { BundleInput } from './collect-inputs.js';
import { configRecord, type TargetFacts } from './config-record.js';
import { fingerprintOf, loadSigningKey, publicKeyPathFor } from './keys.js';
import { checkBundleTarget, toolInfo, writeBundle, type WrittenBundle } from './write-bundle.js';

export interface PreparedBundle {
  dir: string;
  source: string;
  signingKey?: KeyObject;
  /** Where the signing key was read from. */
  signingKeyPath?: string;
  /** Lines for the console before the run. */
  notices: string[];
}

/**
 * Fails fast (exit 2, naming the flag, variable or file position) before the run starts; `outDir`
 * is the report folder, which the bundle may not be, be inside of, or contain.
 */
export function prepareBundle(spec: NonNullable<RunConfig['bundle']>, outDir: string): PreparedBundle {
  checkApart(spec, outDir);
  const signingKey = spec.signingKey ? loadSigningKey(spec.signingKey.path, spec.signingKey.source) : undefined;
  checkBundleTarget(spec.dir, spec.source);
  const notices = signingKey
    ? [`Bundle: ${spec.dir}, signed with key ${fingerprintOf(signingKey)}.`]
    : [`Bundle: ${spec.dir}, UNSIGNED: no --signing-key given, so nobody can check who made it (pos-accredit keygen creates a key; docs/bundle.md).`];
  return { dir: spec.dir, source: spec.source, ...(signingKey && spec.signingKey ? { signingKey, signingKeyPath: spec.signingKey.path } : {}), notices };
}

/** The bundle is a new folder of its own: the run writes its reports into --out meanwhile. */
function checkApart(spec: NonNullable<RunConfig['bundle']>, outDir: string): void {
  const bundle = canonical(spec.dir);
  const out = canonical(outDir);
  const how = bundle === out ? 'is the report folder' : within(bundle, out) ? 'is inside the report folder' : within(out, bundle) ? 'contains the report folder' : undefined;
  if (how === undefined) return;
  throw new PosAccreditError('bundle-in-reports', `${spec.source}: ${spec.dir} ${how} given with --out (${outDir}); the bundle must be a folder of its own, apart from the reports`, EXIT.usage, 'give --bundle and --out two separate folders, e.g. --out reports/run-1 --bundle bundles/run-1');
}

function within(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Absolute, symbolic links of the part that exists resolved; lower case where names ignore case. */
function canonical(path: string): string {
  let head = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      head = realpathSync.native(head);
      break;
    } catch {
      const parent = dirname(head);
      if (parent === head) break;
      rest.unshift(basename(head));
      head = parent;
    }
  }
  const full = join(head, ...rest);
  return process.platform === 'darwin' || process.platform === 'win32' ? full.toLowerCase() : full;
}

export interface FinishInput {
  result: RunResult;
  inputs: BundleInput[];
  config: RunConfig;
  target: TargetFacts;
  redactor: Redactor;
  version: string;
}

export async function finishBundle(bundle: PreparedBundle, { result, inputs, config, target, redactor, version }: FinishInput): Promise<WrittenBundle> {
  const publicKeyPath = bundle.signingKeyPath ? publicKeyPathFor(bundle.signingKeyPath) : undefined;
  const written = await writeBundle({
    dir: bundle.dir,
    source: bundle.source,
    result,
    inputs,
    tool: toolInfo(result.tool.name, version),
    config: redactor.redactValue(configRecord(config, target)),
    redact: (text) => redactor.redact(text),
    ...(bundle.signingKey ? { signingKey: bundle.signingKey } : {}),
  });
  return { ...written, ...(publicKeyPath ? { publicKeyPath } : {}) };
}

/** One line for stderr, so the console's last line on stdout stays the verdict. */
export function bundleSummary(written: WrittenBundle): string {
  const size = `${written.fileCount} files, ${(written.bytes / 1024).toFixed(1)} KiB`;
  return written.signed
    ? `Bundle written: ${written.dir} (${size}), signed by ${written.fingerprint}. Check it with: pos-accredit verify ${written.dir} --public-key ${written.publicKeyPath ?? 'KEY.pub'}\n`
    : `Bundle written: ${written.dir} (${size}), UNSIGNED: verify will report it as unsigned; sign runs with --signing-key KEY (pos-accredit keygen).\n`;
}
