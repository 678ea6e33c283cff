// Each fault breaks the one behaviour it names: a probe per fault shows the difference from the
// correct POS. (That the harness's suites *catch* each fault is tested with the suites.) The
// lifecycle faults need a Mozrest stand-in; their probes are in reference-pos.lifecycle.test.ts.
import { describe, expect, it } from 'vitest';
import { FAULTS, isFaultName, LIFECYCLE_FAULTS, type FaultName } from '../../src/reference-pos/faults.js';
import { BLIND_FAULTS } from '../../src/reference-pos/blind-faults.js';
import { SLOW_GET_ORDER_MS } from '../../src/reference-pos/endpoints/e4-get-order.js';
import { startReferencePos, type RunningReferencePos } from '../../src/reference-pos/server.js';

const TOKEN = 'fault-token';
const NOW = new Date('2025-06-15T12:00:00Z');
const auth = { Authorization: `Bearer ${TOKEN}` };

interface Reply {
  status: number;
  type: string | null;
  text: string;
  json: any;
}

class Client {
  constructor(readonly pos: RunningReferencePos) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth): Promise<Reply> {
    const res = await fetch(`${this.pos.url}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, type: res.headers.get('content-type'), text, json };
  }
  get = (rest: string, headers?: Record<string, string>) => this.call('GET', `/venue/${this.pos.venueId}${rest}`, undefined, headers);
  create = (body: unknown) => this.call('POST', `/venue/${this.pos.venueId}/orders`, body);
}

/** Runs the probe against the fault; returns what the probe observed. */
async function observe<T>(faults: FaultName[], probe: (c: Client) => Promise<T>): Promise<T> {
  const pos = await startReferencePos({ token: TOKEN, faults, now: () => NOW });
  try {
    return await probe(new Client(pos));
  } finally {
    await pos.close();
  }
}

const fullBody = { tables: ['T5'], guestName: 'Jo', guestEmail: 'jo@example.com', partySize: 3, prepayment: 10, date: '2025-06-15 11:00:00' };
const openedOrder = async (c: Client, body: unknown = { tables: ['T5'], guestName: 'Jo', partySize: 3 }) => {
  const { json } = await c.create(body);
  return (await c.get(`/orders/${json.id}`)).json;
};

// For each fault: a probe, and what it returns on a correct POS vs. with the fault on.
// The blind catalogue (blind-faults.ts) is proven by the accreditation itself (the catch test), not probed here.
type EndpointFault = Exclude<FaultName, keyof typeof LIFECYCLE_FAULTS | keyof typeof BLIND_FAULTS>;
const PROBES: Record<EndpointFault, [probe: (c: Client) => Promise<unknown>, correct: unknown, broken: unknown]> = {
  'auth-ignore-missing': [async (c) => (await c.get('/tables', {})).status, 401, 200],
  'auth-accept-any-token': [async (c) => (await c.get('/tables', { Authorization: 'Bearer other' })).status, 401, 200],
  'auth-accept-no-scheme': [
    async (c) => [(await c.get('/tables', { Authorization: TOKEN })).status, (await c.get('/tables', { Authorization: 'Bearer' })).status],
    [401, 401], [200, 200],
  ],
  'wrong-token-403': [async (c) => (await c.get('/tables', { Authorization: 'Bearer other' })).status, 401, 403],
  'forbidden-venue-served': [
    async (c) => [(await c.call('GET', `/venue/${c.pos.forbiddenVenueId}/tables`)).status, (await c.call('GET', `/venue/${c.pos.forbiddenVenueId}/orders`, undefined, { Authorization: 'Bearer other' })).status],
    [403, 401], [200, 401],
  ],
  'slow-get-order': [
    async (c) => {
      const started = performance.now();
      const status = (await c.get('/orders/9001')).status;
      return [status, performance.now() - started >= SLOW_GET_ORDER_MS - 5];
    },
    [200, false], [200, true],
  ],
  'create-refuses-some-tables': [
    async (c) => [(await c.create({ tables: ['T7'] })).status, (await c.create({ tables: ['T17', 'T18'] })).status, (await c.create({ tables: ['T8'] })).status],
    [200, 200, 200], [400, 400, 200],
  ],
  'mozrest-id-not-kept': [
    async (c) => (await openedOrder(c, { id: 'mz-1', tables: ['T5'] })).mozrestId,
    'mz-1', undefined,
  ],
  'replay-opens-second-order': [
    async (c) => {
      const body = { id: 'mz-1', tables: ['T5'] };
      await c.create(body);
      const again = (await c.create(body)).status;
      return [again, (await c.get('/orders?status=open')).json.length];
    },
    [409, 1], [200, 2],
  ],
  'tables-wrapped': [async (c) => Array.isArray((await c.get('/tables')).json), true, false],
  'tables-numeric-ids': [async (c) => typeof (await c.get('/tables')).json[0].id, 'string', 'number'],
  'tables-area-number': [async (c) => typeof (await c.get('/tables')).json.find((t: { area: unknown }) => t.area !== null).area, 'string', 'number'],
  'tables-duplicate-ids': [async (c) => new Set((await c.get('/tables')).json.map((t: any) => t.id)).size, 60, 59],
  'unknown-venue-200': [async (c) => (await c.call('GET', '/venue/nowhere/orders')).status, 404, 200],
  'json-content-type-text': [async (c) => (await c.get('/tables')).type, 'application/json; charset=utf-8', 'text/plain; charset=utf-8'],
  'create-returns-201': [async (c) => (await c.create({ tables: ['T5'] })).status, 200, 201],
  'create-omits-check-number': [async (c) => 'checkNumber' in (await c.create({ tables: ['T5'] })).json, true, false],
  'create-numeric-ids': [async (c) => typeof (await c.create({ tables: ['T5'] })).json.id, 'string', 'number'],
  'create-rejects-full-body': [async (c) => (await c.create(fullBody)).status, 200, 400],
  'create-not-persisted': [async (c) => (await c.get(`/orders/${(await c.create({ tables: ['T5'] })).json.id}`)).status, 200, 404],
  'merged-keeps-first-table': [async (c) => (await openedOrder(c, { tables: ['T5', 'T6'] })).tables, ['T5', 'T6'], ['T5']],
  'preorder-rejects-items': [async (c) => (await c.create({ tables: ['T5'], items: [{ name: 'A', price: 1, quantity: 1 }] })).status, 200, 400],
  'preorder-drops-items': [async (c) => (await openedOrder(c, { tables: ['T5'], items: [{ name: 'A', price: 1, quantity: 1 }] })).checks[0].items.length, 1, 0],
  'strict-unknown-fields': [async (c) => (await c.create({ tables: ['T5'], newField: 1 })).status, 200, 400],
  'list-first-page-only': [
    async (c) => {
      for (const t of ['T5', 'T6', 'T7']) await c.create({ tables: [t] });
      return (await c.get('/orders')).json.length;
    },
    6, 5,
  ],
  'create-missing-tables-500': [async (c) => (await c.create({ partySize: 2 })).status, 400, 500],
  'legacy-table-id-500': [async (c) => (await c.create({ tableId: 'T5' })).status, 200, 500],
  'legacy-table-id-wins': [async (c) => (await openedOrder(c, { tables: ['T5'], tableId: 'T6' })).tables, ['T5'], ['T6']],
  'create-accepts-invalid-fields': [
    async (c) => [(await c.create({ tables: [] })).status, (await c.create({ tables: 'T7' })).status, (await c.create({ tables: ['T8'], partySize: 2.5 })).status],
    [400, 400, 400], [200, 200, 200],
  ],
  'create-accepts-bad-date': [async (c) => (await c.create({ tables: ['T5'], date: 'tomorrow' })).status, 400, 200],
  'malformed-json-500': [async (c) => (await c.create('{"tables":')).status, 400, 500],
  'create-accepts-unknown-table': [async (c) => (await c.create({ tables: ['T999'] })).status, 400, 200],
  'create-allows-double-booking': [async (c) => (await c.create({ tables: ['T5'] }), (await c.create({ tables: ['T5'] })).status), 409, 200],
  'list-omits-party-size': [async (c) => 'partySize' in (await openedOrder(c)), true, false],
  'list-omits-checks': [async (c) => 'checks' in (await c.get('/orders')).json[0], true, false],
  'list-ignores-status': [async (c) => (await c.create({ tables: ['T5'] }), (await c.get('/orders?status=closed')).json.length), 3, 4],
  'uppercase-statuses': [async (c) => (await c.get('/orders/9003')).json.checks.map((k: any) => k.status), ['void', 'closed'], ['VOID', 'CLOSED']],
  'list-ignores-window': [async (c) => (await c.get('/orders?from=2025-06-14T00:00:00Z')).json.length, 0, 3],
  'list-window-drops-status': [async (c) => (await c.get('/orders?status=open&until=2025-06-15T00:00:00Z')).json.length, 0, 3],
  'list-ignores-offset': [async (c) => (await c.get('/orders?from=2025-06-13T12:45:00%2B02:00')).json.length, 1, 0],
  'list-accepts-bad-params': [async (c) => [(await c.get('/orders?status=foo')).status, (await c.get('/orders?from=x')).status], [400, 400], [200, 200]],
  'list-empty-404': [async (c) => (await c.get('/orders?status=open')).status, 200, 404],
  'list-wrapped': [async (c) => Array.isArray((await c.get('/orders')).json), true, false],
  'get-order-404': [async (c) => (await c.get('/orders/9001')).status, 200, 404],
  'get-unknown-200': [async (c) => (await c.get('/orders/unknown')).status, 404, 200],
  'get-closed-404': [async (c) => (await c.get('/orders/9001')).status, 200, 404],
  'get-ignores-venue': [async (c) => (await c.call('GET', `/venue/${c.pos.otherVenueId}/orders/9001`)).status, 404, 200],
  'get-differs-from-list': [
    async (c) => {
      const single = await openedOrder(c);
      const listed = (await c.get('/orders?status=open')).json[0];
      return [single.guestName === listed.guestName, single.partySize === listed.partySize];
    },
    [true, true], [false, false],
  ],
  'closed-orders-purged': [async (c) => [(await c.get('/orders?status=closed')).json.length, (await c.get('/orders/9001')).status], [3, 200], [0, 404]],
  'error-body-plain': [async (c) => [(await c.get('/orders/unknown')).json?.error?.code, (await c.get('/orders/unknown')).type], [404, 'application/json; charset=utf-8'], [undefined, 'text/plain; charset=utf-8']],
};

describe('fault injection', () => {
  it('exports a description for every fault and recognises the names', () => {
    const endpointFaults = Object.keys(FAULTS).filter((f) => !Object.hasOwn(LIFECYCLE_FAULTS, f) && !Object.hasOwn(BLIND_FAULTS, f));
    expect(Object.keys(PROBES).sort()).toEqual(endpointFaults.sort());
    expect(isFaultName('list-wrapped')).toBe(true);
    expect(isFaultName('toString')).toBe(false);
  });

  it('refuses an unknown fault name', async () => {
    await expect(startReferencePos({ token: TOKEN, faults: ['no-such-fault' as FaultName] })).rejects.toThrow(/no-such-fault/);
  });

  it.each(Object.entries(PROBES) as [EndpointFault, (typeof PROBES)[EndpointFault]][])(
    '%s breaks the behaviour it names',
    async (fault, [probe, correct, broken]) => {
      expect(await observe([], probe)).toEqual(correct);
      expect(await observe([fault], probe)).toEqual(broken);
    },
  );
});
