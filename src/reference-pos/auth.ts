// Bearer authentication (§1.3, §8.1 #3–5): every request carries `Authorization: Bearer <token>`,
// where the token is the non-expiring one the POS handed to Mozrest. Anything else is 401.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FaultSet } from './faults.js';
import { fail, type Reply } from './http-io.js';

// RFC 6750 §3: a 401 tells the client which scheme to use.
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="reference-pos"' };

/** Returns null when the request may proceed, otherwise the reply that refuses it. */
export function authenticate(header: string | undefined, token: string, faults: FaultSet): Reply | null {
  if (header === undefined) {
    return faults.has('auth-ignore-missing') ? null : unauthorized('Missing Authorization header');
  }

  // The scheme is case-insensitive (RFC 9110 §11.1); the token is everything after it.
  const match = /^(\S+)(?:\s+(.*))?$/.exec(header.trim());
  const scheme = match?.[1] ?? '';
  const credentials = (match?.[2] ?? '').trim();

  if (scheme.toLowerCase() !== 'bearer') {
    if (faults.has('auth-accept-no-scheme') && sameSecret(header.trim(), token)) return null;
    // Blind fault: the POS's generic auth layer also takes Basic, with the token anywhere in it.
    if (faults.has('auth-basic-accepted') && scheme.toLowerCase() === 'basic' && basicCarries(credentials, token)) return null;
    return unauthorized('Authorization scheme must be Bearer');
  }
  if (credentials === '') {
    return faults.has('auth-accept-no-scheme') ? null : unauthorized('Empty Bearer token');
  }
  if (sameSecret(credentials, token) || faults.has('auth-accept-any-token')) return null;
  // Blind fault: `header.startsWith('Bearer ' + token)` — anything appended to the token passes.
  if (faults.has('auth-token-prefix-match') && credentials.startsWith(token)) return null;
  // Blind fault: the token compared case-insensitively.
  if (faults.has('auth-token-case-insensitive') && credentials.toLowerCase() === token.toLowerCase()) return null;
  if (faults.has('wrong-token-403')) return fail(403, 'Token not accepted');
  return unauthorized('Invalid token');
}

/**
 * Constant-time comparison. `timingSafeEqual` needs equal lengths, and comparing lengths first
 * would leak the token's length; hashing both sides first gives two 32-byte buffers.
 */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Fault `auth-basic-accepted`: `Basic <token>`, or base64 of `token`, `user:token` or `token:…`. */
function basicCarries(credentials: string, token: string): boolean {
  if (credentials === token) return true;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  return decoded === token || decoded.split(':').includes(token);
}

/** The refusal for a token that used to work (faults `token-dies-after-…`). */
export function tokenExpired(): Reply {
  return unauthorized('Token expired');
}

function unauthorized(message: string): Reply {
  return fail(401, message, undefined, CHALLENGE);
}
