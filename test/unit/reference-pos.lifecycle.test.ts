// The reference POS playing the order lifecycle: the test-automation hook changes orders the way an
// operator would, E3/E4 show the result, and each change reaches a Mozrest stand-in as the M1–M4
// callback the contract asks for. Then: retries, per-order ordering, close(), and a probe for every
// lifecycle fault. The stand-in is a bare node:http server that records what it receives.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../src/core/redactor.js';
import { startMockMozrest, type RunningMockMozrest } from '../../src/mozrest/receiver.js';
import { LIFECYCLE_FAULTS, type FaultName } from '../../src/reference-pos/faults.js';
import { startReferencePos, type CallbackIdMode, type ReferencePosOptions, type RunningReferencePos } from '../../src/reference-pos/server.js';
import { SchemaRegistry } from '../../src/suite/schema-registry.js';

const TOKEN = 'pos-token';
const KEY = 'mozrest-key';
const NOW = new Date('2025-06-15T12:00:00Z');
const FAST_RETRY = { attempts: 4, baseDelayMs: 5 };

// --- the Mozrest stand-in --------------------------------------------------------------------------

interface Received {
  at: number;
  method: string;
  /** Path below the stand-in's `/v1/pos` base. */
  path: string;
  headers: IncomingHttpHeaders;
  json: any;
}

class MozrestStandIn {
  readonly received: Received[] = [];
  /** Statuses for the next answers, in order; 200 once used up. */
  answers: number[] = [];
  /** Delay before answering the first request, to tempt a later callback to overtake it. */
  firstDelayMs = 0;

  private constructor(private readonly server: Server, readonly baseUrl: string) {}

  static async start(): Promise<MozrestStandIn> {
    let standIn!: MozrestStandIn;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const first = standIn.received.length === 0;
        standIn.received.push({ at: performance.now(), method: req.method ?? '', path: (req.url ?? '').replace(/^\/v1\/pos/, ''), headers: req.headers, json });
        const status = standIn.answers.shift() ?? 200;
        // Mozrest answers with its own id and fields the POS does not know (BR13).
        const answer = () => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ id: 'fd30c18b-71fb-43f7-b895-34ab0b9ceced', status: 'open', traceId: 'x' }));
        };
        if (first && standIn.firstDelayMs > 0) setTimeout(answer, standIn.firstDelayMs);
        else answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new MozrestStandIn(server, `http://127.0.0.1:${port}/v1/pos`);
    return standIn;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

// --- a POS wired to a stand-in, and a client for both of its doors ----------------------------------

/** The POS's two doors: the automation hook and its E-endpoints (in the POS's first venue). */
interface Doors {
  venue: string;
  hook(action: string, orderId: string | null, params?: unknown, token?: string): Promise<{ status: number; json: any }>;
  get(path: string): Promise<{ status: number; json: any }>;
  create(body: unknown): Promise<any>;
}

interface Rig extends Doors {
  pos: RunningReferencePos;
  mz: MozrestStandIn;
  /** What reached the stand-in, once every queued callback has settled. */
  settled(): Promise<Received[]>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(faults: FaultName[] = [], options: Partial<ReferencePosOptions> = {}): Promise<Rig> {
  const mz = await MozrestStandIn.start();
  cleanups.push(() => mz.close());
  const pos = await startReferencePos({
    token: TOKEN, faults, now: () => NOW, mozrest: { baseUrl: mz.baseUrl, key: KEY }, callbackRetry: FAST_RETRY, ...options,
  });
  cleanups.push(() => pos.close());
  return {
    pos, mz, ...doors(pos),
    settled: async () => {
      await pos.callbacksSettled();
      return mz.received;
    },
  };
}

function doors(pos: RunningReferencePos): Doors {
  const venue = pos.venueId;
  const json = async (res: Response) => ({ status: res.status, json: JSON.parse(await res.text()) as any });
  return {
    venue,
    hook: async (action, orderId, params = {}, token = TOKEN) =>
      json(await fetch(pos.automationUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, venueId: venue, orderId, params }),
      })),
    get: async (path) => json(await fetch(`${pos.url}/venue/${venue}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } })),
    create: async (body) => {
      const res = await fetch(`${pos.url}/venue/${venue}/orders`, {
        method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      return ((await json(res)).json);
    },
  };
}

const checkShape = (over: Record<string, unknown> = {}) => ({
  checkNumber: expect.any(String), status: 'open', totalAmount: 0, tax: 0, tip: 0, discount: 0, paymentMethod: null, items: [], ...over,
});

// --- actions, E3/E4, callbacks -----------------------------------------------------------------------

describe('automation hook: actions and the callbacks they send', () => {
  it('add-items: lines on the check (pre-orders kept), M2 with the full order, POS id in path and payload', async () => {
    const r = await rig();
    const order = await r.create({ id: 'mz-1', tables: ['T12', 'T13'], partySize: 4, items: [{ id: 1, name: 'Menu', price: 30, quantity: 2 }] });
    const added = await r.hook('add-items', order.id, { items: [{ name: 'Wine', price: 24.5, quantity: 1 }] });
    expect(added).toEqual({ status: 200, json: { ok: true, action: 'add-items', orderId: order.id, checkNumber: order.checkNumber } });

    const e4 = (await r.get(`/orders/${order.id}`)).json;
    expect(e4.checks[0]).toMatchObject({ totalAmount: 84.5, tax: 8.45, items: [{ id: 1, name: 'Menu', price: 30, quantity: 2 }, { id: 2, name: 'Wine', price: 24.5, quantity: 1 }] });

    const [m2, ...rest] = await r.settled();
    expect(rest).toEqual([]);
    expect(m2).toMatchObject({ method: 'PUT', path: `/${r.venue}/order/${order.id}` });
    expect(m2!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(m2!.headers['content-type']).toBe('application/json');
    expect(m2!.json).toEqual({
      id: order.id, status: 'open', tables: ['T12', 'T13'], partySize: 4,
      checks: [checkShape({ checkNumber: order.checkNumber, totalAmount: 84.5, tax: 8.45, items: e4.checks[0].items })],
    });
    expect(r.pos.callbacks()).toEqual([
      expect.objectContaining({ kind: 'update', method: 'PUT', url: `${r.mz.baseUrl}/${r.venue}/order/${order.id}`, status: 200, attempts: 1, outcome: 'delivered' }),
    ]);
  });

  it('split + pay one check keeps the order open (M2); paying the other closes it (M3) with every check', async () => {
    const r = await rig();
    const order = await r.create({ tables: ['T5'], items: [{ name: 'A', price: 10, quantity: 1 }, { name: 'B', price: 20, quantity: 1 }, { name: 'C', price: 5, quantity: 2 }] });
    const split = await r.hook('split-check', order.id, { parts: 2 });
    expect(split.json).toEqual({ ok: true, action: 'split-check', orderId: order.id, checkNumbers: [order.checkNumber, expect.any(String)] });
    const [first, second] = split.json.checkNumbers as string[];
    expect(second).not.toBe(first);

    const e4 = (await r.get(`/orders/${order.id}`)).json;
    expect(e4.checks.map((c: any) => [c.checkNumber, c.items.map((i: any) => i.name), c.totalAmount, c.tax])).toEqual([
      [first, ['A', 'C'], 20, 2],
      [second, ['B'], 20, 2],
    ]);

    const pay1 = await r.hook('pay-check', order.id, { checkNumber: first, paymentMethod: 'card', tip: 2.5 });
    expect(pay1.json).toEqual({ ok: true, action: 'pay-check', orderId: order.id, checkNumber: first, orderStatus: 'open' });
    expect((await r.get('/orders?status=open')).json.map((o: any) => o.id)).toContain(order.id);

    const pay2 = await r.hook('pay-check', order.id, { checkNumber: second, paymentMethod: 'cash' });
    expect(pay2.json.orderStatus).toBe('closed');

    const calls = await r.settled();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /${r.venue}/order/${order.id}`,
      `PUT /${r.venue}/order/${order.id}`,
      `PUT /${r.venue}/order/${order.id}/close`,
    ]);
    expect(calls[1]!.json.status).toBe('open');
    expect(calls[1]!.json.checks.map((c: any) => [c.status, c.paymentMethod, c.tip])).toEqual([['closed', 'card', 2.5], ['open', null, 0]]);
    expect(calls[2]!.json).toMatchObject({ id: order.id, status: 'closed' });
    expect(calls[2]!.json.checks.map((c: any) => [c.checkNumber, c.status, c.paymentMethod, c.totalAmount])).toEqual([
      [first, 'closed', 'card', 20],
      [second, 'closed', 'cash', 20],
    ]);

    expect((await r.get('/orders?status=closed')).json.map((o: any) => o.id)).toContain(order.id);
    const closed = (await r.get(`/orders/${order.id}`)).json;
    expect(closed).toMatchObject({ status: 'closed', closedAt: NOW.toISOString() });
    expect(closed.checks).toEqual(calls[2]!.json.checks);
  });

  it('close-order pays every open check and sends M3', async () => {
    const r = await rig();
    const order = await r.create({ tables: ['T5'], items: [{ name: 'A', price: 12.5, quantity: 1 }] });
    const closed = await r.hook('close-order', order.id, { paymentMethod: 'card', tip: 1 });
    expect(closed.json).toEqual({ ok: true, action: 'close-order', orderId: order.id, orderStatus: 'closed' });
    const [m3] = await r.settled();
    expect(m3).toMatchObject({ method: 'PUT', path: `/${r.venue}/order/${order.id}/close` });
    expect(m3!.json.checks).toEqual([checkShape({ status: 'closed', totalAmount: 12.5, tax: 1.25, tip: 1, paymentMethod: 'card', items: [{ id: 1, name: 'A', price: 12.5, quantity: 1 }] })]);
    // The table is free again.
    expect((await r.create({ tables: ['T5'] })).id).toEqual(expect.any(String));
  });

  it('void-order: every check void, the order closed (A4), M4 with the whole order; E4 agrees', async () => {
    const r = await rig();
    const order = await r.create({ tables: ['T5'], items: [{ name: 'A', price: 10, quantity: 1 }, { name: 'B', price: 10, quantity: 1 }] });
    await r.hook('split-check', order.id, { parts: 2 });
    const voided = await r.hook('void-order', order.id);
    expect(voided.json).toMatchObject({ ok: true, orderId: order.id, orderStatus: 'closed' });

    const calls = await r.settled();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /${r.venue}/order/${order.id}`, `PUT /${r.venue}/order/${order.id}/void`]);
    expect(calls[1]!.json.status).toBe('closed');
    expect(calls[1]!.json.checks.map((c: any) => c.status)).toEqual(['void', 'void']);
    const e4 = (await r.get(`/orders/${order.id}`)).json;
    expect([e4.status, ...e4.checks.map((c: any) => c.status)]).toEqual(['closed', 'void', 'void']);
  });

  it('void-check: M4 for one check while the order stays open; voiding the last open check closes it', async () => {
    const r = await rig();
    const order = await r.create({ tables: ['T5'], items: [{ name: 'A', price: 10, quantity: 1 }, { name: 'B', price: 10, quantity: 1 }] });
    const [first, second] = (await r.hook('split-check', order.id, { parts: 2 })).json.checkNumbers;
    expect((await r.hook('void-check', order.id, { checkNumber: first })).json).toMatchObject({ checkNumber: first, orderStatus: 'open' });
    await r.hook('pay-check', order.id, { checkNumber: second, paymentMethod: 'card' });
    const calls = await r.settled();
    expect(calls.map((c) => [c.path.split('/').slice(4).join('/'), c.json.status, c.json.checks.map((k: any) => k.status).join(',')])).toEqual([
      ['', 'open', 'open,open'],
      ['void', 'open', 'void,open'],
      ['close', 'closed', 'void,closed'],
    ]);
  });

  it('open-walk-in: an order Mozrest did not create, M1 POST, then M2 for it under the same id', async () => {
    const r = await rig();
    const walkIn = await r.hook('open-walk-in', null, { tables: ['T8'], partySize: 3 });
    expect(walkIn.json).toEqual({ ok: true, action: 'open-walk-in', orderId: expect.any(String), checkNumber: expect.any(String) });
    const { orderId, checkNumber } = walkIn.json;
    const e4 = (await r.get(`/orders/${orderId}`)).json;
    expect(e4).toMatchObject({ id: orderId, status: 'open', tables: ['T8'], partySize: 3, date: '2025-06-15 12:00:00' });
    expect(e4).not.toHaveProperty('mozrestId');

    await r.hook('add-items', orderId, { items: [{ name: 'Beer', price: 4, quantity: 2 }] });
    const [m1, m2] = await r.settled();
    expect(m1).toMatchObject({ method: 'POST', path: `/${r.venue}/order` });
    expect(m1!.json).toEqual({ id: orderId, status: 'open', tables: ['T8'], partySize: 3, checks: [checkShape({ checkNumber })] });
    expect(m2).toMatchObject({ method: 'PUT', path: `/${r.venue}/order/${orderId}` });
    expect(m2!.json.checks[0].items).toEqual([{ id: 1, name: 'Beer', price: 4, quantity: 2 }]);
    // The table is taken now.
    expect((await r.hook('open-walk-in', null, { tables: ['T8'] })).status).toBe(409);
  });

  it('move-table and set-party-size send M2 with the new tables / party size', async () => {
    const r = await rig();
    const order = await r.create({ tables: ['T5'], partySize: 2 });
    expect((await r.hook('move-table', order.id, { tables: ['T6', 'T7'] })).json).toMatchObject({ ok: true, tables: ['T6', 'T7'] });
    expect((await r.hook('set-party-size', order.id, { partySize: 6 })).json).toMatchObject({ ok: true, partySize: 6 });
    expect((await r.get(`/orders/${order.id}`)).json).toMatchObject({ tables: ['T6', 'T7'], partySize: 6 });
    const calls = await r.settled();
    expect(calls.map((c) => [c.method, c.json.tables, c.json.partySize])).toEqual([
      ['PUT', ['T6', 'T7'], 2],
      ['PUT', ['T6', 'T7'], 6],
    ]);
    // T5 is free again; T6 is not.
    const other = await r.create({ tables: ['T5'] });
    expect((await r.hook('move-table', other.id, { tables: ['T6'] })).status).toBe(409);
    expect((await r.hook('move-table', other.id, { tables: ['T999'] })).status).toBe(400);
  });
});

describe('automation hook: refusals', () => {
  it('needs the automation token, which defaults to the POS token and can differ from it', async () => {
    const r = await rig();
    expect((await r.hook('void-order', '1', {}, 'wrong')).status).toBe(401);
    const noAuth = await fetch(r.pos.automationUrl, { method: 'POST', body: '{}' });
    expect([noAuth.status, await noAuth.json()]).toEqual([401, { ok: false, error: 'Missing Authorization header' }]);

    const own = await rig([], { automationToken: 'operator' });
    expect((await own.hook('open-walk-in', null, { tables: ['T1'] })).status).toBe(401);
    expect((await own.hook('open-walk-in', null, { tables: ['T1'] }, 'operator')).status).toBe(200);
    // …and the automation token opens no E-endpoint.
    const e1 = await fetch(`${own.pos.url}/venue/${own.venue}/tables`, { headers: { Authorization: 'Bearer operator' } });
    expect(e1.status).toBe(401);
  });

  it('answers { ok: false, error } with 400 / 404 / 405 / 409', async () => {
    const r = await rig();
    const order = await r.create({ tables: ['T5'] });
    const cases: [string, string | null, unknown, number, RegExp][] = [
      ['dance', order.id, {}, 400, /unknown action "dance"/],
      ['add-items', order.id, { items: [{ name: '', price: -1, quantity: 1.5 }] }, 400, /params\.items\[0\]\.name.*params\.items\[0\]\.price.*params\.items\[0\]\.quantity/],
      ['split-check', order.id, { parts: 1 }, 400, /params\.parts/],
      ['pay-check', order.id, { checkNumber: order.checkNumber }, 400, /params\.paymentMethod/],
      ['add-items', null, { items: [{ name: 'A', price: 1, quantity: 1 }] }, 400, /orderId/],
      ['void-order', 'nope', {}, 404, /No order nope/],
      ['void-order', '9001', {}, 409, /Order 9001 is closed/],
      ['void-check', order.id, { checkNumber: '424242' }, 404, /no check 424242/],
    ];
    for (const [action, orderId, params, status, error] of cases) {
      const res = await r.hook(action, orderId, params);
      expect([action, res.status, res.json.ok]).toEqual([action, status, false]);
      expect(res.json.error).toMatch(error);
    }
    const other = await fetch(r.pos.automationUrl, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ action: 'void-order', venueId: r.pos.otherVenueId, orderId: order.id }),
    });
    expect(other.status).toBe(404);
    const get = await fetch(r.pos.automationUrl, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await r.settled()).toEqual([]);
  });

  it('without a mozrest target the hook works and nothing is sent', async () => {
    const pos = await startReferencePos({ token: TOKEN });
    cleanups.push(() => pos.close());
    const res = await fetch(pos.automationUrl, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ action: 'open-walk-in', venueId: pos.venueId, params: { tables: ['T1'] } }),
    });
    expect(res.status).toBe(200);
    await pos.callbacksSettled();
    expect(pos.callbacks()).toEqual([]);
  });
});

// --- delivery: retries, ordering, close() -------------------------------------------------------------

describe('callback delivery', () => {
  it('retries 503 with exponential backoff, then succeeds', async () => {
    const r = await rig([], { callbackRetry: { attempts: 4, baseDelayMs: 30 } });
    r.mz.answers = [503, 503];
    const order = await r.create({ tables: ['T5'] });
    await r.hook('set-party-size', order.id, { partySize: 3 });
    const calls = await r.settled();
    expect(calls).toHaveLength(3);
    const gaps = [calls[1]!.at - calls[0]!.at, calls[2]!.at - calls[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(25);
    expect(gaps[1]).toBeGreaterThanOrEqual(55);
    expect(r.pos.callbacks()).toEqual([expect.objectContaining({ status: 200, attempts: 3, outcome: 'delivered' })]);
  });

  it('does not retry a 4xx, and the order queue moves on', async () => {
    const r = await rig();
    r.mz.answers = [400];
    const order = await r.create({ tables: ['T5'] });
    await r.hook('set-party-size', order.id, { partySize: 3 });
    await r.hook('set-party-size', order.id, { partySize: 4 });
    expect((await r.settled()).map((c) => c.json.partySize)).toEqual([3, 4]);
    expect(r.pos.callbacks().map((c) => [c.status, c.attempts, c.outcome])).toEqual([[400, 1, 'rejected'], [200, 1, 'delivered']]);
  });

  it('gives up after the last attempt when Mozrest cannot be reached', async () => {
    const mz = await MozrestStandIn.start();
    const unreachable = mz.baseUrl;
    await mz.close();
    const pos = await startReferencePos({ token: TOKEN, mozrest: { baseUrl: unreachable, key: KEY }, callbackRetry: { attempts: 3, baseDelayMs: 1 } });
    cleanups.push(() => pos.close());
    await fetch(pos.automationUrl, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ action: 'open-walk-in', venueId: pos.venueId, params: { tables: ['T1'] } }),
    });
    await pos.callbacksSettled();
    expect(pos.callbacks()).toEqual([expect.objectContaining({ method: 'POST', attempts: 3, outcome: 'failed', error: expect.stringMatching(/ECONNREFUSED/) })]);
  });

  it("keeps one order's callbacks in order while a slow answer or a retry is pending", async () => {
    const r = await rig();
    r.mz.firstDelayMs = 50;
    r.mz.answers = [200, 503];
    const order = await r.create({ tables: ['T5'] });
    for (const partySize of [3, 4, 5]) await r.hook('set-party-size', order.id, { partySize });
    expect((await r.settled()).map((c) => c.json.partySize)).toEqual([3, 4, 4, 5]);
  });

  it('close() cancels pending retries and leaves no timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((t) => t === 'Timeout').length;
    const before = timers();
    const mz = await MozrestStandIn.start();
    cleanups.push(() => mz.close());
    mz.answers = [503, 503, 503];
    const pos = await startReferencePos({ token: TOKEN, mozrest: { baseUrl: mz.baseUrl, key: KEY }, callbackRetry: { attempts: 4, baseDelayMs: 60_000 } });
    await fetch(pos.automationUrl, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ action: 'open-walk-in', venueId: pos.venueId, params: { tables: ['T1'] } }),
    });
    // Wait until the 503 is in and the POS is sitting in its 60 s backoff.
    while (pos.callbacks()[0]?.status !== 503) await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    await pos.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(pos.callbacks()).toEqual([expect.objectContaining({ status: 503, attempts: 1, outcome: 'cancelled' })]);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

// --- which id the callback paths carry (A11): the POS's or Mozrest's -----------------------------------

const schemas = new SchemaRegistry(fileURLToPath(new URL('../../suites/schemas', import.meta.url)));
schemas.loadAll();
const MOCK_PATHS = {
  create: '/{venueId}/order',
  update: '/{venueId}/order/{orderId}',
  close: '/{venueId}/order/{orderId}/close',
  void: '/{venueId}/order/{orderId}/void',
};

interface MockRig extends Doors {
  pos: RunningReferencePos;
  mock: RunningMockMozrest;
  /** `METHOD path-below-/v1/pos → status` of every call the mock received, once all have settled. */
  settled(): Promise<string[]>;
}

/** A POS wired to the harness's real mock Mozrest, which answers each order with its own UUID. */
async function mockRig(callbackIds?: CallbackIdMode): Promise<MockRig> {
  const mock = await startMockMozrest({ key: KEY, paths: MOCK_PATHS, schemas, redactor: new Redactor(), now: () => NOW });
  cleanups.push(() => mock.close());
  const pos = await startReferencePos({
    token: TOKEN, now: () => NOW, mozrest: { baseUrl: mock.localUrl, key: KEY }, callbackRetry: FAST_RETRY, ...(callbackIds && { callbackIds }),
  });
  cleanups.push(() => pos.close());
  return {
    pos, mock, ...doors(pos),
    settled: async () => {
      await pos.callbacksSettled();
      return mock.calls().map((c) => `${c.method} ${c.path.replace(/^\/v1\/pos/, '')} → ${c.response.status}`);
    },
  };
}

/** The Mozrest id the mock answered to the walk-in's M1 (its `{ id, status }`). */
function answeredId(mock: RunningMockMozrest): string {
  const m1 = mock.calls().find((c) => c.method === 'POST' && c.response.status === 200);
  const id = (m1?.response.body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new Error('the mock answered no id to M1');
  return id;
}

const MOZREST_A = '0b8e1a52-3c4d-4e5f-8a6b-7c8d9e0f1a2b';
const MOZREST_B = '5f4e3d2c-1b0a-4988-8776-655443322110';

describe("callbackIds: the id in M2–M4's {orderId}", () => {
  it("'mozrest': an order Mozrest created with an id is named by that id in M2, M3 and M4; the payload keeps the POS id", async () => {
    const r = await mockRig('mozrest');
    const a = await r.create({ id: MOZREST_A, tables: ['T5'] });
    const b = await r.create({ id: MOZREST_B, tables: ['T6'] });
    await r.hook('add-items', a.id, { items: [{ name: 'Steak', price: 40, quantity: 1 }] });
    await r.hook('close-order', a.id, { paymentMethod: 'card' });
    await r.hook('void-order', b.id);
    const calls = await r.settled();
    expect(calls.filter((c) => c.includes(MOZREST_A))).toEqual([
      `PUT /${r.venue}/order/${MOZREST_A} → 200`,
      `PUT /${r.venue}/order/${MOZREST_A}/close → 200`,
    ]);
    expect(calls.filter((c) => c.includes(MOZREST_B))).toEqual([`PUT /${r.venue}/order/${MOZREST_B}/void → 200`]);
    expect(calls).toHaveLength(3);
    expect(r.mock.calls().map((c) => (c.body as { id: string }).id).sort()).toEqual([a.id, a.id, b.id].sort());
    expect(r.pos.callbacks().map((c) => [c.orderId, c.url.replace(r.mock.localUrl, '')])).toEqual(expect.arrayContaining([
      [a.id, `/${r.venue}/order/${MOZREST_A}`],
      [a.id, `/${r.venue}/order/${MOZREST_A}/close`],
      [b.id, `/${r.venue}/order/${MOZREST_B}/void`],
    ]));
  });

  it("'mozrest': a walk-in's M2 and M3 wait for M1's answer (here after a 503 and a retry) and carry the id Mozrest answered", async () => {
    const r = await mockRig('mozrest');
    r.mock.failNext(1, 503);
    const walkIn = (await r.hook('open-walk-in', null, { tables: ['T8'] })).json;
    // Queued at once, while M1 is still on its way.
    await r.hook('add-items', walkIn.orderId, { items: [{ name: 'Beer', price: 4, quantity: 2 }] });
    await r.hook('close-order', walkIn.orderId, { paymentMethod: 'cash' });
    const calls = await r.settled();
    const issued = answeredId(r.mock);
    expect(issued).not.toBe(walkIn.orderId);
    expect(calls).toEqual([
      `POST /${r.venue}/order → 503`,
      `POST /${r.venue}/order → 200`,
      `PUT /${r.venue}/order/${issued} → 200`,
      `PUT /${r.venue}/order/${issued}/close → 200`,
    ]);
    expect(r.mock.calls().map((c) => (c.body as { id: string }).id)).toEqual(Array(4).fill(walkIn.orderId));
    expect(r.pos.callbacks().map((c) => c.url.replace(r.mock.localUrl, ''))).toEqual([
      `/${r.venue}/order`, `/${r.venue}/order/${issued}`, `/${r.venue}/order/${issued}/close`,
    ]);
  });

  it("'mozrest': an order without a Mozrest id falls back to the POS id (E2 without id; a walk-in whose M1 was refused)", async () => {
    const r = await mockRig('mozrest');
    const plain = await r.create({ tables: ['T5'] });
    await r.hook('set-party-size', plain.id, { partySize: 3 });
    await r.hook('void-order', plain.id);
    expect(await r.settled()).toEqual([`PUT /${r.venue}/order/${plain.id} → 200`, `PUT /${r.venue}/order/${plain.id}/void → 200`]);

    r.mock.failNext(1, 400);
    const walkIn = (await r.hook('open-walk-in', null, { tables: ['T6'] })).json;
    await r.hook('set-party-size', walkIn.orderId, { partySize: 4 });
    expect((await r.settled()).slice(2)).toEqual([`POST /${r.venue}/order → 400`, `PUT /${r.venue}/order/${walkIn.orderId} → 200`]);
  });

  it.each([['default', undefined], ["'pos'", 'pos']] as const)("%s: the POS's own id in every path, whatever Mozrest's id", async (_name, mode) => {
    const r = await mockRig(mode);
    const a = await r.create({ id: MOZREST_A, tables: ['T5'] });
    await r.hook('add-items', a.id, { items: [{ name: 'Steak', price: 40, quantity: 1 }] });
    await r.hook('close-order', a.id, { paymentMethod: 'card' });
    const walkIn = (await r.hook('open-walk-in', null, { tables: ['T8'] })).json;
    await r.hook('void-order', walkIn.orderId);
    const calls = await r.settled();
    expect(answeredId(r.mock)).not.toBe(walkIn.orderId);
    expect(calls.filter((c) => !c.startsWith('POST'))).toEqual(expect.arrayContaining([
      `PUT /${r.venue}/order/${a.id} → 200`,
      `PUT /${r.venue}/order/${a.id}/close → 200`,
      `PUT /${r.venue}/order/${walkIn.orderId}/void → 200`,
    ]));
    expect(calls).toHaveLength(4);
  });

  it('refuses an unknown mode', async () => {
    await expect(startReferencePos({ token: TOKEN, callbackIds: 'rms' as CallbackIdMode })).rejects.toThrow(
      `The reference POS's callbackIds must be one of pos, mozrest, not "rms"`,
    );
  });
});

// --- lifecycle faults ---------------------------------------------------------------------------------

type LifecycleFault = keyof typeof LIFECYCLE_FAULTS;

/** One lifecycle, every action: what E3/E4 and the stand-in saw. */
interface Scenario {
  venue: string;
  a: { id: string; checkNumber: string };
  b: { id: string };
  split: any;
  pay1: any;
  calls: Received[];
  closedIds: string[];
  aStatus: number;
  bChecks: string[];
}

async function scenario(faults: FaultName[]): Promise<Scenario> {
  const r = await rig(faults);
  const a = await r.create({ tables: ['T5', 'T6'], partySize: 3, items: [{ id: 1, name: 'Menu', price: 30, quantity: 2 }] });
  await r.hook('add-items', a.id, { items: [{ name: 'Wine', price: 24.5, quantity: 1 }] });
  const split = (await r.hook('split-check', a.id, { parts: 2 })).json;
  const pay1 = (await r.hook('pay-check', a.id, { checkNumber: split.checkNumbers[0], paymentMethod: 'card' })).json;
  await r.hook('pay-check', a.id, { checkNumber: split.checkNumbers[1], paymentMethod: 'cash' });
  const b = await r.create({ tables: ['T7'] });
  await r.hook('add-items', b.id, { items: [{ name: 'Soup', price: 6, quantity: 1 }] });
  await r.hook('void-order', b.id);
  await r.hook('open-walk-in', null, { tables: ['T8'], partySize: 2 });
  const calls = await r.settled();
  return {
    venue: r.venue, a, b, split, pay1, calls,
    closedIds: (await r.get('/orders?status=closed')).json.map((o: any) => o.id),
    aStatus: (await r.get(`/orders/${a.id}`)).status,
    bChecks: (await r.get(`/orders/${b.id}`)).json.checks?.map((c: any) => c.status),
  };
}

/** create / update / close / void, from the method and the path's last segment. */
const kind = (c: Received): string => (c.method === 'POST' ? 'create' : (c.path.split('/')[4] ?? 'update'));
const count = (s: Scenario, k: string) => s.calls.filter((c) => kind(c) === k).length;
const closeCall = (s: Scenario) => s.calls.find((c) => kind(c).startsWith('close'));
const firstUpdate = (s: Scenario) => s.calls.find((c) => kind(c) === 'update')!;

// The correct POS's run is the same for every probe: run it once.
let correctRun: Promise<Scenario> | undefined;
const fromScenario = (look: (s: Scenario) => unknown) => async (faults: FaultName[]) =>
  look(await (faults.length === 0 ? (correctRun ??= scenario([])) : scenario(faults)));

const PROBES: Record<LifecycleFault, [probe: (faults: FaultName[]) => Promise<unknown>, correct: unknown, broken: unknown]> = {
  'no-update-callback': [fromScenario((s) => count(s, 'update')), 4, 0],
  'no-close-callback': [fromScenario((s) => count(s, 'close')), 1, 0],
  'no-void-callback': [fromScenario((s) => count(s, 'void')), 1, 0],
  // The stand-in's answers carry an undocumented `traceId`: the strict POS stops that order's callbacks.
  'strict-mozrest-answers': [fromScenario((s) => count(s, 'close')), 1, 0],
  'void-other-path': [fromScenario((s) => s.calls.filter((c) => c.json?.checks?.every((k: { status: string }) => k.status === 'void')).map((c) => c.path.split('/').at(-1))), ['void'], ['cancel']],
  'walk-in-no-callback': [fromScenario((s) => count(s, 'create')), 1, 0],
  'close-wrong-path': [fromScenario((s) => closeCall(s)?.path.split('/').at(-1)), 'close', 'closed'],
  'callback-uppercase-status': [
    fromScenario((s) => [closeCall(s)!.json.status, ...closeCall(s)!.json.checks.map((c: any) => c.status)]),
    ['closed', 'closed', 'closed'], ['CLOSED', 'CLOSED', 'CLOSED'],
  ],
  'callback-string-amounts': [fromScenario((s) => closeCall(s)!.json.checks[0].totalAmount), 60, '60.00'],
  'callback-no-auth': [fromScenario((s) => s.calls[0]!.headers.authorization), `Bearer ${KEY}`, undefined],
  'callback-drifting-order-id': [
    fromScenario((s) => [...new Set(s.calls.filter((c) => c.json?.id === s.a.id).map((c) => c.path.split('/')[3] === s.a.id))]),
    [true], [true, false],
  ],
  'split-duplicate-check-number': [fromScenario((s) => new Set(s.split.checkNumbers).size), 2, 1],
  'callback-table-id': [fromScenario((s) => [firstUpdate(s).json.tables, firstUpdate(s).json.tableId]), [['T5', 'T6'], undefined], [undefined, 'T5']],
  'callback-blank-check-number': [fromScenario((s) => closeCall(s)!.json.checks.map((c: any) => c.checkNumber !== '')), [true, true], [false, false]],
  'pay-check-closes-order': [fromScenario((s) => [s.pay1.orderStatus, count(s, 'update'), count(s, 'close')]), ['open', 4, 1], ['closed', 3, 1]],
  'callback-drops-items': [fromScenario((s) => closeCall(s)!.json.checks.flatMap((c: any) => c.items.map((i: any) => i.name))), ['Menu', 'Wine'], []],
  'merged-tables-first-only': [fromScenario((s) => firstUpdate(s).json.tables), ['T5', 'T6'], ['T5']],
  'no-retry-on-5xx': [
    async (faults) => {
      const r = await rig(faults);
      r.mz.answers = [503];
      await r.hook('open-walk-in', null, { tables: ['T1'] });
      return [(await r.settled()).length, r.pos.callbacks()[0]!.outcome];
    },
    [2, 'delivered'], [1, 'rejected'],
  ],
  'closed-order-not-listed': [fromScenario((s) => [s.closedIds.includes(s.a.id), s.aStatus]), [true, 200], [false, 404]],
  'void-not-recorded': [fromScenario((s) => s.bChecks), ['void'], ['open']],
  // What follows each order's close (a) or void (b): nothing, or a stale update saying open.
  'update-after-close': [
    fromScenario((s) => [s.a.id, s.b.id].map((id) => {
      const mine = s.calls.filter((c) => c.json?.id === id);
      const end = mine.findIndex((c) => ['close', 'void'].includes(kind(c)));
      return mine.slice(end + 1).map((c) => `${kind(c)} ${c.json.status}`);
    })),
    [[], []], [['update open'], ['update open']],
  ],
  'callback-not-json': [fromScenario((s) => s.calls[0]!.headers['content-type']), 'application/json', 'text/plain; charset=utf-8'],
  'token-dies-after-10s': [
    async (faults) => {
      let clock = NOW;
      const r = await rig(faults, { now: () => clock });
      const early = [(await r.get('/tables')).status];
      clock = new Date(NOW.getTime() + 9_999);
      early.push((await r.get('/tables')).status);
      clock = new Date(NOW.getTime() + 10_000);
      return [early, (await r.get('/tables')).status];
    },
    [[200, 200], 200], [[200, 200], 401],
  ],
  'token-dies-after-200-requests': [
    async (faults) => {
      const r = await rig(faults, { now: () => NOW, tokenExpiresAfterRequests: 3 });
      const byCount = [];
      for (let i = 0; i < 4; i++) byCount.push((await r.get('/tables')).status);
      return byCount;
    },
    [200, 200, 200, 200], [200, 200, 200, 401],
  ],
};

describe('lifecycle faults', () => {
  it('has a probe for every lifecycle fault', () => {
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(LIFECYCLE_FAULTS).sort());
  });

  it('the correct POS sends M2 ×3 + M3, M2 + M4 and M1 in one lifecycle, with one order id per order', async () => {
    const s = await (correctRun ??= scenario([]));
    // Callbacks are queued per order: in order within one order, in any order across orders.
    const of = (id: string | undefined) => s.calls.filter((c) => c.json.id === id).map((c) => `${c.method} ${c.path}`);
    expect(of(s.a.id)).toEqual([
      `PUT /${s.venue}/order/${s.a.id}`,
      `PUT /${s.venue}/order/${s.a.id}`,
      `PUT /${s.venue}/order/${s.a.id}`,
      `PUT /${s.venue}/order/${s.a.id}/close`,
    ]);
    expect(of(s.b.id)).toEqual([`PUT /${s.venue}/order/${s.b.id}`, `PUT /${s.venue}/order/${s.b.id}/void`]);
    expect(s.calls.filter((c) => ![s.a.id, s.b.id].includes(c.json.id)).map((c) => `${c.method} ${c.path}`)).toEqual([`POST /${s.venue}/order`]);
    expect(s.calls.every((c) => c.headers.authorization === `Bearer ${KEY}` && c.headers['content-type'] === 'application/json')).toBe(true);
  });

  it.each(Object.entries(PROBES) as [LifecycleFault, (typeof PROBES)[LifecycleFault]][])(
    '%s breaks the behaviour it names',
    async (fault, [probe, expectedCorrect, broken]) => {
      expect(await probe([])).toEqual(expectedCorrect);
      expect(await probe([fault])).toEqual(broken);
    },
  );
});
