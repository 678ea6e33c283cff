// Issue 10: a case's cleanup acts only on what is still open. The lifecycle cases pay (close) their
// orders in their steps; their cleanup ("void the order if the case stopped before it closed")
// must then do nothing — on a real POS a void after payment is voiding a paid bill. A driver that
// records every action it is asked for shows which orders were voided.
import { describe, expect, it } from 'vitest';
import type { Driver } from '../../src/drivers/driver.js';
import { openOrders, runCases } from './run-cases.js';

function recording(into: { action: string; orderId: unknown }[]): (inner: Driver) => Driver {
  return (inner) => ({
    name: inner.name,
    perform: (action, params, timeoutMs, context) => {
      into.push({ action, orderId: params.orderId });
      return inner.perform(action, params, timeoutMs, context);
    },
  });
}

describe('cleanup', () => {
  it('never voids an order the case closed: split checks, open-update-close, walk-in', async () => {
    const asked: { action: string; orderId: unknown }[] = [];
    const cases = await runCases({ ids: ['LIFE-SPLIT-CHECKS', 'LIFE-OPEN-UPDATE-CLOSE', 'LIFE-WALK-IN'], driver: recording(asked) });
    expect(cases.map((c) => `${c.id} ${c.status}`)).toEqual(['LIFE-OPEN-UPDATE-CLOSE pass', 'LIFE-SPLIT-CHECKS pass', 'LIFE-WALK-IN pass']);
    const closed = new Set(asked.filter((a) => a.action === 'close-order' || a.action === 'pay-check').map((a) => a.orderId));
    expect(closed.size).toBe(3);
    expect(asked.filter((a) => a.action === 'void-order' && closed.has(a.orderId))).toEqual([]);
    // Each cleanup says why it did nothing, and no cleanup failed.
    for (const c of cases) {
      expect(c.cleanup.map((s) => `${s.status} ${s.error?.code}`), c.id).toEqual(['skip already-ended']);
      expect(c.cleanupFailed).toBeUndefined();
    }
  });

  it('still voids an order the case left open (the control)', async () => {
    const asked: { action: string; orderId: unknown }[] = [];
    const [c] = await runCases({ ids: ['ORD-CREATE-MIN'], driver: recording(asked) });
    expect(c?.status).toBe('pass');
    expect(asked.map((a) => a.action)).toEqual(['void-order']);
    expect(c?.cleanup.map((s) => s.status)).toEqual(['pass']);
  });

  it('voids an order whose create answered the wrong success status (201): it was opened all the same', async () => {
    const asked: { action: string; orderId: unknown }[] = [];
    let open: unknown[] = ['not looked at'];
    const [c] = await runCases({ ids: ['TRANSPORT-SUCCESS-200'], faults: ['create-returns-201'], driver: recording(asked), after: async (pos, token) => void (open = await openOrders(pos, token)) });
    expect(c?.status).toBe('warn');
    expect(asked.map((a) => a.action)).toEqual(['void-order']);
    expect(open).toEqual([]);
  });
});
