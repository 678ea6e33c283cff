// Ed25519 signing keys for bundles: PKCS#8 PEM private keys, SPKI PEM public keys, and the
// fingerprint people compare (SHA-256 of the DER SPKI). Everything is node:crypto.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PosAccreditError, EXIT } from '../core/errors.js';

export const SIGNATURE_ALGORITHM = 'Ed25519';
/** keygen writes PREFIX.key (private) and PREFIX.pub (public). */
export const PRIVATE_KEY_SUFFIX = '.key';
export const PUBLIC_KEY_SUFFIX = '.pub';

/** The public key keygen wrote beside a `PREFIX.key` signing key; undefined for other names. */
export function publicKeyPathFor(signingKeyPath: string): string | undefined {
  return signingKeyPath.endsWith(PRIVATE_KEY_SUFFIX) && signingKeyPath.length > PRIVATE_KEY_SUFFIX.length
    ? `${signingKeyPath.slice(0, -PRIVATE_KEY_SUFFIX.length)}${PUBLIC_KEY_SUFFIX}`
    : undefined;
}

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
  fingerprint: string;
}

export function generateSigningKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey),
  };
}

/** `SHA256:<64 hex>` of the DER SubjectPublicKeyInfo (of the public half of a private key). */
export function fingerprintOf(key: KeyObject): string {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('hex')}`;
}

export function publicKeyPemOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'pem' }).toString();
}

/** Parses an SPKI PEM public key; undefined when it is not one, or not Ed25519. */
export function parsePublicKey(pem: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the private key a bundle is signed with; every problem is a usage error naming `source`. */
export function loadSigningKey(path: string, source: string): KeyObject {
  const pem = readKeyFile(path, source, 'private');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new PosAccreditError('bad-signing-key', `${source}: ${path} is not a PEM private key`, EXIT.usage, 'give the PREFIX.key file written by: pos-accredit keygen --out PREFIX (not the .pub)');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new PosAccreditError('bad-signing-key', `${source}: ${path} is an ${key.asymmetricKeyType ?? 'unknown'} key; bundles are signed with Ed25519`, EXIT.usage, 'create one with: pos-accredit keygen --out PREFIX');
  }
  return key;
}

/** Reads the public key `verify` checks the signer against (a private key file is refused). */
export function loadPublicKey(path: string, source: string): KeyObject {
  const pem = readKeyFile(path, source, 'public');
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new PosAccreditError('bad-public-key', `${source}: ${path} holds a private key`, EXIT.usage, 'give the PREFIX.pub file; the private key never needs to leave its owner');
  }
  const key = parsePublicKey(pem);
  if (!key) throw new PosAccreditError('bad-public-key', `${source}: ${path} is not an Ed25519 public key (SPKI PEM)`, EXIT.usage, 'give the PREFIX.pub file written by: pos-accredit keygen --out PREFIX');
  return key;
}

function readKeyFile(path: string, source: string, kind: 'private' | 'public'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new PosAccreditError(kind === 'private' ? 'signing-key-unreadable' : 'public-key-unreadable', `${source}: cannot read ${path} (${why})`, EXIT.usage, kind === 'private' ? 'create a key pair with: pos-accredit keygen --out PREFIX' : undefined);
  }
}
