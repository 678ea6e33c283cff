// `pos-accredit keygen [--out PREFIX]`: an Ed25519 key pair for signing bundles. PREFIX.key is the
// PKCS#8 PEM private key (mode 0600), PREFIX.pub the SPKI PEM public key; neither is overwritten.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { generateSigningKeyPair, PRIVATE_KEY_SUFFIX, PUBLIC_KEY_SUFFIX } from '../../bundle/keys.js';
import { PosAccreditError, EXIT } from '../../core/errors.js';

export const DEFAULT_KEY_PREFIX = 'pos-accredit-signing';

export function keygenCommand(options: { out?: string }, stream: NodeJS.WritableStream = process.stdout): number {
  const prefix = options.out ?? DEFAULT_KEY_PREFIX;
  if (!prefix.trim() || prefix.endsWith('/')) throw new PosAccreditError('bad-key-prefix', `--out: "${prefix}" is not a file prefix`, EXIT.usage, 'write --out keys/acme-pos to get keys/acme-pos.key and keys/acme-pos.pub');
  const keyFile = resolve(`${prefix}${PRIVATE_KEY_SUFFIX}`);
  const pubFile = resolve(`${prefix}${PUBLIC_KEY_SUFFIX}`);
  for (const file of [keyFile, pubFile]) {
    if (existsSync(file)) throw new PosAccreditError('key-exists', `${file} already exists; keygen never overwrites a key`, EXIT.usage, 'choose another --out PREFIX, or remove the old pair if you are sure nothing was signed with it');
  }
  if (!existsSync(dirname(keyFile))) throw new PosAccreditError('no-such-folder', `--out: the folder ${dirname(keyFile)} does not exist`, EXIT.usage);

  const pair = generateSigningKeyPair();
  createExclusive(keyFile, pair.privateKeyPem, 0o600);
  try {
    createExclusive(pubFile, pair.publicKeyPem, 0o644);
  } catch (err) {
    rmSync(keyFile, { force: true });
    throw err;
  }
  stream.write([
    `Private key: ${keyFile} (keep it secret; mode 0600)`,
    `Public key:  ${pubFile} (give it to whoever verifies your bundles)`,
    `Fingerprint: ${pair.fingerprint}`,
    '',
    `Sign a run:    pos-accredit run --bundle PATH --signing-key ${prefix}${PRIVATE_KEY_SUFFIX}`,
    `Verify it:     pos-accredit verify PATH --public-key ${prefix}${PUBLIC_KEY_SUFFIX}`,
    '',
  ].join('\n'));
  return EXIT.pass;
}

/**
 * Writes a complete temporary file, then hard-links it to `file`: the link fails if `file`
 * appeared meanwhile, and nobody ever sees a half-written key.
 */
function createExclusive(file: string, text: string, mode: number): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    if (mode === 0o600) chmodSync(tmp, mode); // exactly owner-only, whatever the umask
    linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new PosAccreditError('key-exists', `${file} already exists; keygen never overwrites a key`, EXIT.usage);
    throw new PosAccreditError('key-write', `cannot write ${file} (${code ?? (err as Error).message})`, EXIT.usage);
  } finally {
    rmSync(tmp, { force: true });
  }
}
