// A driver that takes batches (the prompt driver: a person at the terminal) is asked once to void
// every order TABLES-ALL-ACCEPTED opened, after the last table, instead of once per table between
// the opens. Each void is still its own cleanup step, a done one gives its table back (nothing is
// left open), and one the batch could not do fails as a single action would. Here the batching
// driver is the reference POS's own hook behind a recorder that does each action of a batch.
import { describe, expect, it } from 'vitest';
import type { BatchAction, Driver, DriverOutcome } from '../../src/drivers/driver.js';
import { openOrders, runCases } from './run-cases.js';

const ID = 'TABLES-ALL-ACCEPTED';

interface Asked {
  single: string[];
  batches: BatchAction[][];
}

/** The hook, taking batches: each action of one is done in turn; `answer` may replace the outcome. */
function batching(asked: Asked, answer?: DriverOutcome): (inner: Driver) => Driver {
  return (inner) => ({
    name: inner.name,
    perform: (action, params, timeoutMs, context) => {
      asked.single.push(action);
      return inner.perform(action, params, timeoutMs, context);
    },
    performBatch: async (actions, timeoutMs) => {
      asked.batches.push(actions);
      if (answer) return answer;
      for (const a of actions) {
        const done = await inner.perform(a.action, a.params, timeoutMs);
        if (!done.ok) return done;
      }
      return { ok: true, result: { answer: 'done' } };
    },
  });
}

describe('TABLES-ALL-ACCEPTED with a driver that takes batches', () => {
  it('asks once to void every order it opened, each with its table; every void is a cleanup step and nothing is left open', async () => {
    const asked: Asked = { single: [], batches: [] };
    let open: unknown[] = ['not looked at'];
    const [c] = await runCases({ ids: [ID], driver: batching(asked), after: async (pos, token) => void (open = await openOrders(pos, token)) });
    expect(c?.status, c?.reason).toBe('pass');
    expect(asked.single).toEqual([]);
    expect(asked.batches).toHaveLength(1);
    const batch = asked.batches[0]!;
    expect(batch).toHaveLength(60);
    expect(batch.every((a) => a.action === 'void-order' && typeof a.params.orderId === 'string' && a.tables?.length === 1)).toBe(true);
    // Each order with the table it was opened on, in the loop's order.
    const tried = c!.steps.find((s) => s.kind === 'forEach')!.assertions[0]!.actual as string[];
    expect(batch.map((a) => a.tables![0])).toEqual(tried);
    expect(c!.cleanup).toHaveLength(60);
    expect(c!.cleanup.every((s, i) => s.status === 'pass' && s.name === `${tried[i]} › void it at once` && s.action?.orderId === batch[i]!.params.orderId)).toBe(true);
    expect(c!.cleanupFailed).toBeUndefined();
    expect(open).toEqual([]);
  });

  it('leaves out the tables that opened nothing, and says so in their cleanup', async () => {
    const asked: Asked = { single: [], batches: [] };
    const [c] = await runCases({ ids: [ID], faults: ['create-refuses-some-tables'], driver: batching(asked) });
    expect(c?.status).toBe('fail');
    expect(asked.batches.map((b) => b.length)).toEqual([54]);
    const refused = c!.cleanup.filter((s) => /^T\d*7 › /.test(s.name));
    expect(refused.map((s) => `${s.status} ${s.error?.code}`)).toEqual(Array(6).fill('skip nothing-opened'));
    expect(c!.cleanup.filter((s) => s.status === 'pass')).toHaveLength(54);
    expect(c!.cleanupFailed).toBeUndefined();
  });

  it('fails every void of a batch the person says failed, and keeps their orders in the ledger as open', async () => {
    const asked: Asked = { single: [], batches: [] };
    const failed: DriverOutcome = { ok: false, code: 'operator-failed', message: 'the operator reported a failure: the void button is greyed out' };
    const [c] = await runCases({ ids: [ID], driver: batching(asked, failed) });
    // The case's own check passed; what the cleanup could not do is said beside it.
    expect(c?.status).toBe('pass');
    expect(c!.cleanup.every((s) => s.status === 'fail' && s.assertions[0]?.message === 'the POS could not void-order: the operator reported a failure: the void button is greyed out')).toBe(true);
    expect(c!.cleanupFailed?.message).toMatch(/^T\d+ › void it at once: the POS could not void-order/);
  });
});
