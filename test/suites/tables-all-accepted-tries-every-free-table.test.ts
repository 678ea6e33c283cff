// TABLES-ALL-ACCEPTED (8.2/16): every table id Get Tables lists must open an order. The case tries
// each free table once — open, then void at once — leaves tables in use alone, lists every table
// the POS refuses, and opens nothing at all when it could not void again (no driver).
import { describe, expect, it } from 'vitest';
import { openOrders, runCases } from './run-cases.js';

const ID = 'TABLES-ALL-ACCEPTED';
const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('TABLES-ALL-ACCEPTED', () => {
  it('opens and voids an order on every free table, one at a time, and leaves nothing open', async () => {
    let open: unknown[] = [];
    const started = performance.now();
    const [c] = await runCases({ ids: [ID], after: async (pos, token) => void (open = await openOrders(pos, token)) });
    const elapsed = performance.now() - started;
    expect(c?.status, c?.reason).toBe('pass');
    const loop = c!.steps.find((s) => s.kind === 'forEach')!;
    expect(loop.assertions[0]?.actual).toHaveLength(60);
    expect(loop.exchanges.filter((e) => e.request.method === 'POST')).toHaveLength(60);
    // Each iteration's void is reported as cleanup, named after its table.
    expect(c!.cleanup).toHaveLength(60);
    expect(c!.cleanup.every((s) => s.status === 'pass' && /^T\d+ › void it at once$/.test(s.name))).toBe(true);
    expect(open).toEqual([]);
    expect(elapsed).toBeLessThan(5000);
  });

  it('lists every table the POS refuses, not only the first', async () => {
    const [c] = await runCases({ ids: [ID], faults: ['create-refuses-some-tables'] });
    expect(c?.status).toBe('fail');
    expect(c?.reason).toMatch(/^every free table takes an order \(opened, then voided at once\): T\d*7 › open an order on the table: expected status 200 or 201 or 409, got 400$/);
    const refused = c!.steps.flatMap((s) => s.assertions).filter((a) => !a.ok).map((a) => a.check.split(' › ')[0]).sort();
    expect(refused).toEqual(['T17', 'T27', 'T37', 'T47', 'T57', 'T7']);
  });

  it('leaves a table that already has an open order alone, and says so', async () => {
    let seated = '';
    let open: { id: string; tables: string[] }[] = [];
    const [c] = await runCases({
      ids: [ID],
      before: async (pos, token) => {
        const res = await fetch(`${pos.url}/venue/${pos.venueId}/orders`, { method: 'POST', headers: auth(token), body: JSON.stringify({ tables: ['T3'], guestName: 'A real guest' }) });
        seated = ((await res.json()) as { id: string }).id;
      },
      after: async (pos, token) => void (open = await openOrders(pos, token)),
    });
    expect(c?.status, c?.reason).toBe('pass');
    const busy = c!.steps.find((s) => s.name.startsWith('tables in use'))!;
    expect(busy.assertions[0]?.actual).toEqual(['T3']);
    const tried = c!.steps.find((s) => s.kind === 'forEach')!.assertions[0]!.actual as string[];
    expect(tried).toHaveLength(59);
    expect(tried).not.toContain('T3');
    expect(open.map((o) => o.id)).toEqual([seated]);
  });

  it('voids each order even with --keep: keeping them all would leave the venue full', async () => {
    let open: unknown[] = ['not looked at'];
    const [c] = await runCases({ ids: [ID], keep: true, after: async (pos, token) => void (open = await openOrders(pos, token)) });
    expect(c?.status, c?.reason).toBe('pass');
    expect(open).toEqual([]);
  });

  it('without a driver it is skipped before anything is opened (the orders could not be voided)', async () => {
    let open: unknown[] = ['not looked at'];
    const [c] = await runCases({ ids: [ID], noDriver: true, after: async (pos, token) => void (open = await openOrders(pos, token)) });
    expect(c?.status).toBe('skip');
    expect(c?.reason).toMatch(/^needs a driver to perform "void-order" on the POS/);
    // Not even started: a case that needs operator actions opens nothing without a driver.
    expect(c?.notRun).toBe('needs-driver');
    expect(c!.steps).toEqual([]);
    expect(open).toEqual([]);
  });
});
