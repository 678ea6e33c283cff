// Issue 10: the reference POS is one correct POS, not the definition of correct. A vendor's test
// venue has a handful of tables, and the contract lets a POS put either order id in its M2-M4
// callback paths (A11): a correct POS of 8 tables passes in both id modes, leaves nothing open,
// and a venue too small for the plan is told so before anything is opened.
import { describe, expect, it } from 'vitest';
import { accreditReferencePos } from '../helpers/accredit.js';
import { expectedOnLoopback } from './run-cases.js';

async function openOrdersAfter(options: Parameters<typeof accreditReferencePos>[0]): Promise<{ result: Awaited<ReturnType<typeof accreditReferencePos>>; open: unknown[] }> {
  let open: unknown[] = ['not looked at'];
  const result = await accreditReferencePos({
    ...options,
    afterRun: async (pos) => {
      const res = await fetch(`${pos.url}/venue/${pos.venueId}/orders?status=open`, { headers: { authorization: `Bearer ${pos.token}` } });
      open = (await res.json()) as unknown[];
    },
  });
  return { result, open };
}

describe('a correct POS with 8 tables', () => {
  for (const callbackIds of ['pos', 'mozrest'] as const) {
    it(`passes the full accreditation with the http driver, ${callbackIds} ids in the callback paths, and leaves nothing open`, async () => {
      const { result, open } = await openOrdersAfter({ tables: 8, callbackIds, callbackTimeoutMs: 3000 });
      const notPassing = result.cases.filter((c) => c.status !== 'pass' && !expectedOnLoopback(c)).map((c) => `${c.id}: ${c.status} ${c.reason}`);
      expect(notPassing).toEqual([]);
      expect(result.verdict).toBe('pass');
      expect(result.venue?.tables).toHaveLength(8);
      expect(result.venue?.leftOpen).toEqual([]);
      expect(open).toEqual([]);
      // Every awaited callback was matched by the id this POS puts in its paths.
      const matchedBy = new Set(result.cases.flatMap((c) => c.steps.flatMap((s) => (s.callback && s.callback.matchedBy !== 'any' ? [s.callback.matchedBy] : []))));
      expect([...matchedBy]).toEqual([callbackIds === 'pos' ? 'pos-id' : 'mozrest-id']);
    });
  }

  it('a venue of 2 tables stops the run before any order is opened, with the numbers', async () => {
    const { result, open } = await openOrdersAfter({ tables: 2, ids: ['ORD-LIST-*', 'ORD-CREATE-MIN'] });
    expect(result.aborted?.code).toBe('venue-too-small');
    expect(result.aborted?.message).toMatch(/venue venue-ref-1 has 2 free tables \(of 2\); this plan holds up to 3 at once \(ORD-LIST-COMPLETE\)/);
    expect(result.cases.every((c) => c.status === 'skip' && c.notRun === 'aborted' && c.steps.length === 0)).toBe(true);
    expect(open).toEqual([]);
  });
});
