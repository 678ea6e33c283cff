// A mock Mozrest shared by several runs: a run follows it through the share API and awaits its
// own orders' callbacks exactly as with an in-process mock.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../src/suite/schema-registry.js';
import { startMockMozrest, type RunningMockMozrest } from '../../src/mozrest/receiver.js';
import { connectMockMozrest, type RemoteMockMozrest } from '../../src/mozrest/remote-receiver.js';
import { Redactor } from '../../src/core/redactor.js';

const KEY = 'shared-mozrest-key-424242';
const PATHS = { create: '/{venueId}/order', update: '/{venueId}/order/{orderId}', close: '/{venueId}/order/{orderId}/close', void: '/{venueId}/order/{orderId}/void' };
const schemas = new SchemaRegistry(fileURLToPath(new URL('../../suites/schemas', import.meta.url)));
schemas.loadAll();
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const payload = (id: string): string => JSON.stringify({ id, status: 'open', tables: ['T1'], partySize: 2, checks: [{ checkNumber: 'C1', status: 'open', totalAmount: 10, tax: 1, tip: 0, discount: 0, paymentMethod: null, items: [] }] });

async function setup(): Promise<{ mock: RunningMockMozrest; remote: RemoteMockMozrest }> {
  const mock = await startMockMozrest({ key: KEY, paths: PATHS, schemas, redactor: new Redactor() });
  open.push(mock);
  const remote = await connectMockMozrest(mock.localUrl, KEY, new Redactor());
  open.push(remote);
  return { mock, remote };
}

const put = (url: string, id: string, key = KEY): Promise<Response> =>
  fetch(`${url}/V1/order/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: payload(id) });

describe('a shared mock Mozrest', () => {
  it('a following run awaits a callback that arrives after it started waiting', async () => {
    const { mock, remote } = await setup();
    const waiting = remote.waitFor({ method: 'PUT', path: PATHS.update, venueId: 'V1', order: { posId: 'o-7' } }, 3000);
    await put(mock.localUrl, 'o-6');
    await put(mock.localUrl, 'o-7');
    const outcome = await waiting;
    expect(outcome.ok && outcome.call.route?.orderId).toBe('o-7');
    expect(outcome.ok && outcome.matchedBy).toBe('pos-id');
  });

  it('only sees calls from its start, and arms fail-next on the shared mock', async () => {
    const { mock } = await setup();
    await put(mock.localUrl, 'before');
    const later = await connectMockMozrest(mock.localUrl, KEY, new Redactor());
    open.push(later);
    await later.failNext(1, 503);
    expect((await put(mock.localUrl, 'x1')).status).toBe(503);
    expect((await put(mock.localUrl, 'x1')).status).toBe(200);
    // Armed for one order over the share API: another order's callback is not refused.
    await later.failNext(1, 503, ['x2']);
    expect((await put(mock.localUrl, 'x1')).status).toBe(200);
    expect((await put(mock.localUrl, 'x2')).status).toBe(503);
    const outcome = await later.waitFor({ method: 'PUT', path: PATHS.update, venueId: 'V1', order: {} }, 3000);
    expect(outcome.ok && outcome.call.route?.orderId).toBe('x1');
    expect(later.calls().some((c) => c.route?.orderId === 'before')).toBe(false);
  });

  it('the share API needs the key', async () => {
    const { mock } = await setup();
    const res = await fetch(`${mock.localUrl.replace('/v1/pos', '')}/_pos-accredit/calls`, { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    await expect(connectMockMozrest(mock.localUrl, 'wrong-key-123', new Redactor())).rejects.toThrow('refused the key');
  });
});
