// The POS authenticates to Mozrest with `Authorization: Bearer <api key>` (§3, 8.6/58).

import { createHash, timingSafeEqual } from 'node:crypto';
import { MASK } from '../core/redactor.js';

export type AuthCheck = { ok: true } | { ok: false; message: string };

export function checkBearer(header: string | undefined, key: string): AuthCheck {
  if (header === undefined) return { ok: false, message: 'Missing Authorization header' };
  // The scheme is case-insensitive (RFC 9110 §11.1); the credential is everything after it.
  const match = /^(\S+)(?:\s+(.*))?$/.exec(header.trim());
  const scheme = match?.[1] ?? '';
  const credential = (match?.[2] ?? '').trim();
  if (scheme.toLowerCase() !== 'bearer') return { ok: false, message: 'Authorization scheme must be Bearer' };
  if (credential === '') return { ok: false, message: 'Empty Bearer token' };
  return sameSecret(credential, key) ? { ok: true } : { ok: false, message: 'Invalid API key' };
}

/**
 * Constant-time comparison. `timingSafeEqual` needs equal lengths, and comparing lengths first
 * would leak the key's length; hashing both sides gives two 32-byte buffers.
 */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Keeps the scheme (evidence of what the POS sent) and masks the credential, right or wrong. */
export function maskAuthorization(value: string): string {
  const match = /^(\S+)\s+\S/.exec(value.trim());
  return match ? `${match[1]} ${MASK}` : MASK;
}
