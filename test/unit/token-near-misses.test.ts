// Near misses of the token: each differs from the real Authorization header, and every one is a
// secret of the run — masked wherever it would be written.
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/core/redactor.js';
import { basicWithToken, bearerNearMisses } from '../../src/engine/token-near-misses.js';

describe('near misses of the token', () => {
  it('never equal the real header, and skip a case variant the token does not have', () => {
    const token = 'AbCd1234efGH';
    const misses = bearerNearMisses(token);
    expect(misses.map((m) => m.kind)).toEqual(['appended', 'last-character', 'truncated', 'upper-case', 'lower-case']);
    expect(misses.every((m) => m.header !== `Bearer ${token}`)).toBe(true);
    expect(misses.find((m) => m.kind === 'last-character')?.header).toBe('Bearer AbCd1234efGx');
    expect(bearerNearMisses('1234567890').map((m) => m.kind)).toEqual(['appended', 'last-character', 'truncated']);
    expect(basicWithToken(token).map((m) => m.header)).toEqual([
      `Basic ${Buffer.from(`${token}:`).toString('base64')}`, `Basic ${Buffer.from(`:${token}`).toString('base64')}`, `Basic ${Buffer.from(token).toString('base64')}`,
    ]);
  });

  it('are masked once registered as the run registers them', () => {
    const token = 'tok-9f8e7d6c5b4a';
    const redactor = new Redactor();
    redactor.add(token);
    for (const m of [...bearerNearMisses(token), ...basicWithToken(token)]) {
      redactor.add(m.header);
      redactor.add(m.header.replace(/^\S+ /, ''));
    }
    const text = [...bearerNearMisses(token), ...basicWithToken(token)].map((m) => `authorization: ${m.header}`).join('\n');
    const masked = redactor.redact(text);
    expect(masked).not.toMatch(/9f8e7d6c5b4|9F8E7D6C5B4|dG9r/);
  });
});
