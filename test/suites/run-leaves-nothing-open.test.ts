// A run cleans up after itself: every order it opens is voided or closed again, checked the way
// Mozrest would, through List Orders. With --keep, the orders stay for a person to inspect.
import { describe, expect, it } from 'vitest';
import { accreditReferencePos } from '../helpers/accredit.js';

async function openOrders(pos: { url: string; venueId: string; token: string }): Promise<{ id: string; guestName: string | null }[]> {
  const res = await fetch(`${pos.url}/venue/${pos.venueId}/orders?status=open`, { headers: { authorization: `Bearer ${pos.token}` } });
  return (await res.json()) as { id: string; guestName: string | null }[];
}

describe('isolation and cleanup', () => {
  it('a full run against the reference POS leaves no order open that it created', async () => {
    let open: { id: string }[] | undefined;
    const result = await accreditReferencePos({ afterRun: async (pos) => void (open = await openOrders(pos)) });
    expect(result.verdict).toBe('pass');
    expect(open).toEqual([]);
  });

  it('--keep leaves them open, each named after the run', async () => {
    let open: { id: string; guestName: string | null }[] = [];
    await accreditReferencePos({ keep: true, tags: ['create'], afterRun: async (pos) => void (open = await openOrders(pos)) });
    expect(open.length).toBeGreaterThan(3);
    expect(open.filter((o) => o.guestName?.startsWith('Accredit ')).length).toBeGreaterThan(3);
  });
});
