// `pos-accredit verify BUNDLE [--public-key KEY.pub] [--json]`: exit 0 when every file matches the
// manifest, the manifest its signature (by the expected key, when given) and report.json the
// manifest's summary; 1 with each problem on its own line naming the file; 2 when the bundle or
// the key cannot be read or the folder is not a bundle. A filtered or aborted run is intact but no
// full accreditation: exit 1 saying so, unless --allow-partial. Text output shows control
// characters as `\u001b`: every value printed may come from a re-signed file.
import { resolve } from 'node:path';
import { loadPublicKey } from '../../bundle/keys.js';
import { verifyBundle, type VerifyResult } from '../../bundle/verify-bundle.js';
import { EXIT } from '../../core/errors.js';
import { safeFor } from '../../core/words/control-chars.js';
import { formatCounts, plural } from '../../core/words/counts.js';
import { firstLine } from '../../core/words/preview.js';
import { VERDICT_LABELS } from '../../core/words/status.js';
import { selectionNote } from '../../report/format.js';

export interface VerifyOptions {
  publicKey?: string;
  json?: boolean;
  /** Accept a bundle of a filtered or aborted run (exit 0 when it verifies). */
  allowPartial?: boolean;
}

const EMBEDDED_ONLY =
  'checked with the public key embedded in the bundle: this proves the bundle is intact since that key signed it, not who signed it. ' +
  "Compare the fingerprint with the signer's, or give --public-key THEIR.pub.";

export function verifyCommand(bundle: string, options: VerifyOptions, stream: NodeJS.WritableStream = process.stdout): number {
  const publicKey = options.publicKey ? loadPublicKey(resolve(options.publicKey), '--public-key') : undefined;
  const result = verifyBundle(resolve(bundle), publicKey ? { publicKey } : {});
  const embeddedOnly = result.ok && result.signer?.trust === 'embedded';
  const partial = result.ok && result.report ? partialRun(result.report) : [];
  const refused = partial.length > 0 && !options.allowPartial;
  if (options.json) {
    stream.write(`${JSON.stringify({ ...result, ...(partial.length ? { partial } : {}), ...(embeddedOnly ? { note: EMBEDDED_ONLY } : {}) }, null, 2)}\n`);
  } else {
    stream.write(formatVerify(result, embeddedOnly));
    // The selection comes from report.json, which a re-signer may have written: shown escaped.
    if (refused) stream.write(`${safeFor('line', `NOT ACCEPTED: intact, but not a full accreditation (${partial.join('; ')}); pass --allow-partial to accept it.`)}\n`);
  }
  return !result.ok || refused ? EXIT.mustFailed : EXIT.pass;
}

/** Why the bundle's run is no full accreditation: a --tag/--id selection, an abort. */
function partialRun(r: NonNullable<VerifyResult['report']>): string[] {
  const selection = selectionNote(r.options);
  return [...(selection ? [selection] : []), ...(r.aborted ? [`aborted (${r.aborted.code})`] : [])];
}

/**
 * Problems, or OK followed by what the bundle says: the signer, then the run as the verified
 * report.json tells it (never the manifest's summary, never before verification succeeded).
 */
export function formatVerify(result: VerifyResult, embeddedOnly: boolean): string {
  const out = [`Bundle: ${result.bundle}`];
  if (!result.ok) {
    const n = result.problems.length;
    out.push(`Problems (${n}):`);
    for (const p of result.problems) out.push(`  ${p.file}: ${p.message}`);
    out.push(`FAILED: the bundle does not verify (${n} problem${n === 1 ? '' : 's'}).`);
    return `${out.map((line) => safeFor('line', line)).join('\n')}\n`;
  }
  out.push(`OK: all ${result.fileCount} files match the manifest and the manifest matches its signature; report.json agrees with the manifest and every case has its transcript.`);
  if (result.signer) {
    const whose = result.signer.trust === 'pinned' ? 'the key given with --public-key' : 'the key embedded in the manifest';
    out.push(`  signature Ed25519 by ${result.signer.fingerprint} (${whose})`);
  }
  const r = result.report;
  if (r) {
    const target = r.target.embedded ? 'embedded reference POS' : `${r.target.baseUrl} venue ${r.target.venue}`;
    out.push(`  verdict ${VERDICT_LABELS[r.verdict]} (${plural(r.counts.total, 'case')}: ${formatCounts(r.counts.byStatus)}) · run ${r.startedAt}${r.options.strict ? ' · --strict' : ''} · target ${target}`);
    const selection = selectionNote(r.options);
    if (selection) out.push(`  Warning: ${selection}`);
    if (r.aborted) out.push(`  Warning: aborted run (${r.aborted.code}: ${firstLine(r.aborted.message)}): the run stopped early; not a full accreditation`);
  }
  if (embeddedOnly) out.push(`Note: ${EMBEDDED_ONLY}`);
  return `${out.map((line) => safeFor('line', line)).join('\n')}\n`;
}
