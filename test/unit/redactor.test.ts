import { describe, expect, it } from 'vitest';
import { MASK, Redactor } from '../../src/report/redactor.js';

describe('redactor', () => {
  const secret = `to"k<en>&'/+=`;
  const redactor = new Redactor();
  redactor.add(secret);

  it('masks the secret raw and in every escaped form a writer may produce', () => {
    const written = [
      secret,
      encodeURIComponent(secret),
      JSON.stringify({ token: secret }),
      'to&quot;k&lt;en&gt;&amp;&#39;/+=',
      'to&#34;k&lt;en&gt;&amp;&apos;/+=',
      'to&#x22;k&lt;en&gt;&amp;&#x27;/+=',
    ];
    for (const text of written) {
      const out = redactor.redact(`before ${text} after`);
      expect(out, text).toContain(MASK);
      expect(out, text).not.toContain('k<en>');
      expect(out, text).not.toContain('k&lt;en');
      expect(out, text).not.toContain('k%3Cen');
    }
    expect(redactor.redact(JSON.stringify({ token: secret }))).toBe(`{"token":"${MASK}"}`);
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    const r = new Redactor();
    r.add('abcd');
    r.add('abcdefgh');
    expect(r.redact('x abcdefgh y abcd')).toBe(`x ${MASK} y ${MASK}`);
  });

  it('ignores values too short to mask safely, and leaves text without secrets alone', () => {
    const r = new Redactor();
    r.add('abc');
    r.add('  ');
    r.add(undefined);
    expect(r.size).toBe(0);
    expect(r.redact('abc abc')).toBe('abc abc');
  });

  it('redacts keys and values deep inside data', () => {
    expect(redactor.redactValue({ [secret]: [{ v: `Bearer ${secret}` }], n: 1 })).toEqual({ [MASK]: [{ v: `Bearer ${MASK}` }], n: 1 });
  });
});
