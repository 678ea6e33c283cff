// The bundle's part in `pos-accredit run`: checked before anything runs (the destination is free,
// the signing key reads), written once the reporters are done.
import type { KeyObject } from 'node:crypto';
import type { RunConfig } from '../config/run-config.js';
import type { RunResult } from '../engine/results.js';
import type { Redactor } from '../report/redactor.js';
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

/** Fails fast (exit 2, naming the flag, variable or file position) before the run starts. */
export function prepareBundle(spec: NonNullable<RunConfig['bundle']>): PreparedBundle {
  const signingKey = spec.signingKey ? loadSigningKey(spec.signingKey.path, spec.signingKey.source) : undefined;
  checkBundleTarget(spec.dir, spec.source);
  const notices = signingKey
    ? [`Bundle: ${spec.dir}, signed with key ${fingerprintOf(signingKey)}.`]
    : [`Bundle: ${spec.dir}, UNSIGNED: no --signing-key given, so nobody can check who made it (pos-accredit keygen creates a key; docs/bundle.md).`];
  return { dir: spec.dir, source: spec.source, ...(signingKey && spec.signingKey ? { signingKey, signingKeyPath: spec.signingKey.path } : {}), notices };
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
