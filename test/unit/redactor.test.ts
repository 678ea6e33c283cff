import { describe, expect, it } from 'vitest';
import { buildExchange } from '../../src/http/evidence.js';
import { MASK, Redactor } from '../../src/core/redactor.js';

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

  it('masks the form-encoded spelling URLSearchParams gives a query value', () => {
    const r = new Redactor();
    const tricky = "tok'en(1)! x~42";
    r.add(tricky);
    const query = new URLSearchParams({ token: tricky }).toString();
    expect(r.redact(`GET /orders?${query}`)).toBe(`GET /orders?token=${MASK}`);
  });
});

describe('evidence bodies', () => {
  it('are redacted whole before they are cut: a secret straddling the cut leaves no prefix', () => {
    const secret = 'MOZKEY-abcdef123456';
    const r = new Redactor();
    r.add(secret);
    const body = Buffer.from(`${'x'.repeat(15)}${secret}${'y'.repeat(50)}`);
    const ex = buildExchange({ startedAt: new Date(0), durationMs: 1, method: 'POST', url: 'http://127.0.0.1/x', headers: {}, body: body.toString(), response: { status: 200, headers: {}, body, truncated: false } }, 20, r);
    for (const text of [ex.request.body!, ex.response!.body!]) {
      expect(text).not.toContain('MOZKEY');
      expect(text.startsWith(`${'x'.repeat(15)}***`)).toBe(true);
    }
    expect(ex.response!.bodyTruncated).toBe(true);
  });
});
