// Near misses of the run's token, for the auth checks: a POS that compares only a prefix, ignores
// case, or accepts the token in another scheme serves requests it must refuse (8.1/4, 8.1/5).
// Each is a whole Authorization header value. They reveal the token as surely as the token does,
// so the run registers every one with its redactor before anything is sent (executeRun).

export interface NearMiss {
  /** What differs from the real header: `appended`, `last-character`, `upper-case` … */
  kind: string;
  /** The Authorization header value to send. */
  header: string;
}

/** `Bearer` with a token that is almost the real one: never equal to it. */
export function bearerNearMisses(token: string): NearMiss[] {
  const last = token.at(-1) ?? '';
  const swapped = last === 'x' ? 'y' : 'x';
  const candidates: NearMiss[] = [
    { kind: 'appended', header: `Bearer ${token}x` },
    { kind: 'last-character', header: `Bearer ${token.slice(0, -1)}${swapped}` },
    { kind: 'truncated', header: `Bearer ${token.slice(0, -1)}` },
    { kind: 'upper-case', header: `Bearer ${token.toUpperCase()}` },
    { kind: 'lower-case', header: `Bearer ${token.toLowerCase()}` },
  ];
  // A token without letters of that case has no case near miss.
  return candidates.filter((m) => m.header !== `Bearer ${token}` && m.header.length > 'Bearer '.length);
}

/** The real token in the Basic scheme: as user, as password, alone. */
export function basicWithToken(token: string): NearMiss[] {
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  return [
    { kind: 'basic-user', header: `Basic ${b64(`${token}:`)}` },
    { kind: 'basic-password', header: `Basic ${b64(`:${token}`)}` },
    { kind: 'basic-raw', header: `Basic ${b64(token)}` },
  ];
}
