// The mock Mozrest receiver over real HTTP on loopback: what it answers the POS, what it keeps as
// evidence (route, masked headers, schema issues, RMS webhooks), and how await steps wait for calls.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../src/suite/schema-registry.js';
import { formatDuration } from '../../src/core/words/duration.js';
import { startMockMozrest, type MockMozrestOptions, type RunningMockMozrest } from '../../src/mozrest/receiver.js';
import type { CallMatch } from '../../src/mozrest/types.js';
import { Redactor } from '../../src/core/redactor.js';

const KEY = 'mozrest-key-0123456789';
const VENUE = 'V1';
const PATHS = {
  create: '/{venueId}/order',
  update: '/{venueId}/order/{orderId}',
  close: '/{venueId}/order/{orderId}/close',
  void: '/{venueId}/order/{orderId}/void',
};
const T0 = Date.parse('2025-06-15T12:00:00Z');
const UNIX0 = T0 / 1000;

const schemas = new SchemaRegistry(fileURLToPath(new URL('../../suites/schemas', import.meta.url)));
const schemaProblems = schemas.loadAll();

let clock: Date;
let redactor: Redactor;
let mozrest: RunningMockMozrest;

async function start(extra: Partial<MockMozrestOptions> = {}): Promise<RunningMockMozrest> {
  return startMockMozrest({ key: KEY, paths: PATHS, schemas, redactor, now: () => clock, ...extra });
}

beforeEach(async () => {
  clock = new Date(T0);
  redactor = new Redactor();
  mozrest = await start();
});
afterEach(async () => {
  await mozrest.close();
});

function order(overrides: Record<string, unknown> = {}, check: Record<string, unknown> = {}) {
  return {
    id: '98765',
    status: 'open',
    tables: ['T12'],
    partySize: 2,
    checks: [
      {
        checkNumber: '1001', status: 'open', totalAmount: 150, tax: 12, tip: 20, discount: 10, paymentMethod: 'card',
        items: [{ id: 1, name: 'Steak', price: 40, quantity: 2 }, { id: 2, name: 'Wine', price: 70, quantity: 1 }],
        ...check,
      },
    ],
    ...overrides,
  };
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${KEY}` }, base = mozrest.localUrl) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as any) : undefined };
}
const create = (body: unknown = order()) => send('POST', `/${VENUE}/order`, body);
const update = (id: string, body: unknown = order()) => send('PUT', `/${VENUE}/order/${id}`, body);
const closeOrder = (id: string, body: unknown) => send('PUT', `/${VENUE}/order/${id}/close`, body);
const voidOrder = (id: string, body: unknown) => send('PUT', `/${VENUE}/order/${id}/void`, body);
const closedOrder = () => order({ status: 'closed' }, { status: 'closed', totalAmount: 160, items: [] });

const awaitClose = (o: CallMatch['order'], extra: Partial<CallMatch> = {}): CallMatch => ({ method: 'PUT', path: PATHS.close, venueId: VENUE, order: o, ...extra });
const awaitUpdate = (o: CallMatch['order'], extra: Partial<CallMatch> = {}): CallMatch => ({ method: 'PUT', path: PATHS.update, venueId: VENUE, order: o, ...extra });

it('loads the order-payload schema beside the others', () => {
  expect(schemaProblems).toEqual([]);
  expect(schemas.has('mozrest-order-payload.json')).toBe(true);
});

describe('M1–M4 accepted', () => {
  it('answers M1 with a Mozrest UUID and extra fields, and records route, masked headers and RMS webhooks', async () => {
    const r = await create();
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.json).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'open', receivedAt: '2025-06-15T12:00:00.000Z', 'x-pos-accredit': true });

    const [call] = mozrest.calls();
    expect(call).toMatchObject({
      seq: 1, method: 'POST', path: `/v1/pos/${VENUE}/order`, receivedAt: '2025-06-15T12:00:00.000Z',
      route: { kind: 'create', venueId: VENUE, orderId: '98765' },
      authorized: true, schemaIssues: [], body: order(), response: { status: 200, body: r.json },
    });
    expect(call!.headers.authorization).toBe('Bearer ***');
    expect(call!.headers['content-type']).toBe('application/json');
    expect(JSON.stringify(call)).not.toContain(KEY);
    expect(call!.rms).toEqual([
      {
        type: 'create', venueId: VENUE, bookingId: null, checkNumber: '1001', partySize: 2, date: UNIX0, status: 'OPEN', tables: ['T12'],
        openedAt: UNIX0, updatedAt: UNIX0, closedAt: null, voidedAt: null,
        commercials: { totalAmount: 150, tax: 12, tip: 20, discount: 10, prepayment: null, paymentType: 'credit_card' },
        items: [{ id: 1, name: 'Steak', price: 40, quantity: 2 }, { id: 2, name: 'Wine', price: 70, quantity: 1 }],
      },
    ]);
  });

  it('keeps one Mozrest id per order across M1, M2 (POS id), M3 (Mozrest id) and reports opened/closed times', async () => {
    const created = await create();
    const mozrestId = created.json.id as string;
    clock = new Date(T0 + 60_000);
    const updated = await update('98765', order({}, { paymentMethod: 'cash', totalAmount: 200 }));
    clock = new Date(T0 + 120_000);
    const closed = await closeOrder(mozrestId, closedOrder());

    expect(updated.json).toMatchObject({ id: mozrestId, status: 'open' });
    expect(closed.json).toMatchObject({ id: mozrestId, status: 'closed' });
    const [, m2, m3] = mozrest.calls();
    expect(m2!.route).toEqual({ kind: 'update', venueId: VENUE, orderId: '98765' });
    expect(m2!.rms[0]).toMatchObject({ type: 'update', bookingId: mozrestId, status: 'OPEN', openedAt: UNIX0, updatedAt: UNIX0 + 60, commercials: { totalAmount: 200, paymentType: 'cash' } });
    expect(m3!.route).toEqual({ kind: 'close', venueId: VENUE, orderId: mozrestId });
    expect(m3!.rms[0]).toMatchObject({ type: 'update', bookingId: mozrestId, status: 'CLOSE', openedAt: UNIX0, updatedAt: UNIX0 + 120, closedAt: UNIX0 + 120, voidedAt: null, items: [] });

    // Another order gets another id.
    const other = await create(order({ id: 'other-order' }));
    expect(other.json.id).not.toBe(mozrestId);
  });

  it('answers M4 with status void and forwards VOID webhooks; a void check in M2 is a void webhook', async () => {
    const voided = await voidOrder('555', order({ id: '555', status: 'void' }, { status: 'void' }));
    expect(voided.status).toBe(200);
    expect(voided.json.status).toBe('void');
    const split = await update('556', order({ id: '556', checks: [order().checks[0], { ...order().checks[0], checkNumber: '1002', status: 'void' }] }));
    expect(split.status).toBe(200);

    const [m4, m2] = mozrest.calls();
    expect(m4!.route).toEqual({ kind: 'void', venueId: VENUE, orderId: '555' });
    expect(m4!.rms).toEqual([expect.objectContaining({ type: 'void', status: 'VOID', voidedAt: UNIX0, closedAt: null, bookingId: voided.json.id })]);
    expect(m2!.rms.map((w) => [w.checkNumber, w.type, w.status])).toEqual([['1001', 'update', 'OPEN'], ['1002', 'void', 'VOID']]);
  });

  it('decodes path segments and ignores the query string', async () => {
    const r = await send('PUT', `/Venue%20One/order/A%2F1?trace=1`, order({ id: 'A/1' }), { Authorization: `bearer ${KEY}` });
    expect(r.status).toBe(200);
    expect(mozrest.calls()[0]!.route).toEqual({ kind: 'update', venueId: 'Venue One', orderId: 'A/1' });
  });
});

describe('refused calls are still evidence', () => {
  it.each([
    ['missing', {}],
    ['wrong', { Authorization: 'Bearer not-the-key' }],
    ['non-Bearer', { Authorization: `Basic ${KEY}` }],
  ])('401 for a %s key, recorded with its route and payload', async (_name, headers) => {
    const r = await send('PUT', `/${VENUE}/order/98765/close`, closedOrder(), headers);
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 401, message: expect.any(String) } });
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const [call] = mozrest.calls();
    expect(call).toMatchObject({ authorized: false, route: { kind: 'close', venueId: VENUE, orderId: '98765' }, schemaIssues: [], response: { status: 401 } });
    expect(call!.rms).toHaveLength(1);
    expect(JSON.stringify(call)).not.toContain(KEY);
    if ('Authorization' in headers) expect(call!.headers.authorization).toMatch(/^\w+ \*\*\*$/);
  });

  it('404 for an unknown path (also outside /v1/pos), 405 for a wrong method on a known one', async () => {
    expect((await send('PUT', `/${VENUE}/orders/98765`, order())).status).toBe(404);
    expect((await send('POST', `/${VENUE}/order`, order(), undefined, mozrest.localUrl.replace('/v1/pos', ''))).status).toBe(404);
    const wrongMethod = await send('POST', `/${VENUE}/order/98765/close`, closedOrder());
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('PUT');
    const calls = mozrest.calls();
    expect(calls.map((c) => [c.response.status, c.route, c.rms.length])).toEqual([[404, undefined, 0], [404, undefined, 0], [405, undefined, 0]]);
    expect(calls[1]!.path).toBe(`/${VENUE}/order`);
  });

  it('400 for a body that is not JSON, with no webhooks', async () => {
    const r = await update('98765', '{"id": "98765",');
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 400, message: expect.stringContaining('not valid JSON') });
    expect(mozrest.calls()[0]).toMatchObject({ bodyText: '{"id": "98765",', jsonError: expect.any(String), rms: [], schemaIssues: [] });
    expect(mozrest.calls()[0]!.body).toBeUndefined();
    expect((await update('98765', '')).status).toBe(400);
  });

  it.each([
    ['a string amount', order({}, { totalAmount: '150.00' }), '/checks/0/totalAmount'],
    ['an upper-case status', order({ status: 'OPEN' }), '/status'],
    ['tableId instead of tables', { ...order(), tables: undefined, tableId: 'T12' }, '/tables'],
    ['a blank checkNumber', order({}, { checkNumber: '  ' }), '/checks/0/checkNumber'],
    ['no checks', order({ checks: [] }), '/checks'],
  ])('400 Validation failed for %s, with details keyed by pointer', async (_name, body, pointer) => {
    const r = await update('98765', body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 400, message: 'Validation failed' });
    expect(Object.keys(r.json.error.details)).toContain(pointer);
    expect(r.json.error.details[pointer]).toEqual([expect.any(String)]);
    const [call] = mozrest.calls();
    expect(call!.schemaIssues.length).toBeGreaterThan(0);
    expect(call!.route?.kind).toBe('update');
  });

  it('translates a schema-invalid payload best-effort (unreadable fields become null), and does not create the order', async () => {
    await update('98765', order({}, { totalAmount: '150.00', status: 'OPEN' }));
    expect(mozrest.calls()[0]!.rms[0]).toMatchObject({ status: 'OPEN', bookingId: null, commercials: { totalAmount: null, tax: 12 } });
    const ok = await update('98765');
    expect(mozrest.calls()[1]!.rms[0]!.bookingId).toBe(ok.json.id);
  });

  it('413 beyond 1 MiB; the recorded text stops at 64 KiB', async () => {
    const big = JSON.stringify(order({ note: 'x'.repeat(1024 * 1024) }));
    const r = await update('98765', big);
    expect(r.status).toBe(413);
    const [call] = mozrest.calls();
    expect(call).toMatchObject({ bodyTruncated: true, response: { status: 413 } });
    expect(call!.bodyText).toHaveLength(64 * 1024);

    await update('98765', JSON.stringify(order({ note: 'y'.repeat(100 * 1024) })));
    expect(mozrest.calls()[1]).toMatchObject({ bodyTruncated: true, response: { status: 200 } });
  });
});

describe('waitFor', () => {
  it('resolves as soon as a matching call arrives (event-driven)', async () => {
    const waiting = mozrest.waitFor(awaitClose({ posId: '98765' }), 5000);
    let resolvedAt = 0;
    void waiting.then(() => (resolvedAt = performance.now()));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolvedAt).toBe(0);
    await closeOrder('98765', closedOrder());
    const sentAt = performance.now();
    const got = await waiting;
    expect(got).toMatchObject({ ok: true, matchedBy: 'pos-id', call: { seq: 1, route: { kind: 'close' } } });
    expect(resolvedAt - sentAt).toBeLessThan(200);
  });

  it('finds a call that arrived before it was called, and hands each call out once', async () => {
    await update('98765', order({}, { totalAmount: 1 }));
    await update('98765', order({}, { totalAmount: 2 }));
    const first = await mozrest.waitFor(awaitUpdate({ posId: '98765' }), 1000);
    const second = await mozrest.waitFor(awaitUpdate({ posId: '98765' }), 1000);
    expect(first.ok && first.call.seq).toBe(1);
    expect(second.ok && second.call.seq).toBe(2);
    const third = await mozrest.waitFor(awaitUpdate({ posId: '98765' }), 30);
    expect(third.ok).toBe(false);
  });

  it('gives a new call to the oldest pending waiter', async () => {
    const a = mozrest.waitFor(awaitUpdate({}), 2000);
    const b = mozrest.waitFor(awaitUpdate({}), 2000);
    await update('1');
    await update('2');
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toMatchObject({ ok: true, matchedBy: 'any', call: { seq: 1 } });
    expect(rb).toMatchObject({ ok: true, matchedBy: 'any', call: { seq: 2 } });
  });

  it('matches {orderId} by the POS id or the Mozrest id and says which', async () => {
    const { json } = await create();
    await closeOrder(json.id, closedOrder());
    const byMozrest = await mozrest.waitFor(awaitClose({ posId: '98765', mozrestId: json.id }), 1000);
    expect(byMozrest).toMatchObject({ ok: true, matchedBy: 'mozrest-id' });
    const m1 = await mozrest.waitFor({ method: 'POST', path: PATHS.create, venueId: VENUE, order: { posId: '98765' } }, 1000);
    expect(m1).toMatchObject({ ok: true, matchedBy: 'pos-id', call: { seq: 1 } });
  });

  it('ignores other venues, other orders, other methods, and calls `where` rejects', async () => {
    await send('PUT', `/V2/order/98765/close`, closedOrder());
    await closeOrder('11111', closedOrder());
    await update('98765');
    await closeOrder('98765', order({ status: 'CLOSED' }));
    await closeOrder('98765', closedOrder());
    const got = await mozrest.waitFor(awaitClose({ posId: '98765' }, { where: (c) => c.response.status === 200 }), 1000);
    expect(got).toMatchObject({ ok: true, call: { seq: 5 } });
  });

  it('matches a call refused for auth or schema, so the await step can report it', async () => {
    await closeOrder('98765', { id: '98765' }).then(() => send('PUT', `/${VENUE}/order/98765/close`, closedOrder(), {}));
    const first = await mozrest.waitFor(awaitClose({ posId: '98765' }), 1000);
    const second = await mozrest.waitFor(awaitClose({ posId: '98765' }), 1000);
    expect(first).toMatchObject({ ok: true, call: { authorized: true, response: { status: 400 } } });
    expect(second).toMatchObject({ ok: true, call: { authorized: false, response: { status: 401 } } });
  });

  it('times out counting the calls that matched all but the where, and saying what none of them had', async () => {
    await update('98765', order({}, { totalAmount: 1 }));
    await update('98765', order({}, { totalAmount: 2 }));
    const got = await mozrest.waitFor(awaitUpdate({ posId: '98765' }, { where: () => false, whereText: '$.checks[*].status containing "void"' }), 30);
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.message).toMatch(/^2 updates arrived for order 98765 within 30 ms; none had \$\.checks\[\*\]\.status containing "void"; received for this order: PUT …\/order\/98765 \(update\)/);
  });

  it('times out naming what was awaited and what did arrive for that order', async () => {
    const created = await create();
    clock = new Date(Date.parse('2025-06-15T12:01:02Z'));
    await update('98765');
    await send('PUT', `/${VENUE}/order/98765/closed`, closedOrder());
    await update('other', order({ id: 'other' }));
    const got = await mozrest.waitFor(awaitClose({ posId: '98765' }), 40);
    expect(got).toMatchObject({ ok: false, code: 'timeout' });
    if (got.ok) return;
    expect(got.related.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(got.message).toBe(
      'no PUT /{venueId}/order/{orderId}/close call for order 98765 within 40 ms; received for this order: ' +
        'POST …/order (create) at 12:00:00, PUT …/order/98765 (update) at 12:01:02, PUT …/order/98765/closed (no such endpoint, answered 404) at 12:01:02',
    );
    const byMozrestId = await mozrest.waitFor(awaitClose({ mozrestId: created.json.id }), 10);
    expect(!byMozrestId.ok && byMozrestId.related.map((c) => c.seq)).toEqual([1, 2]);
  });

  it('formats waits in seconds', () => {
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(1500)).toBe('1.5 s');
  });

  it('stops when the signal aborts, and leaves no timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const controller = new AbortController();
    const waiting = mozrest.waitFor(awaitClose({ posId: '98765' }), 60_000, controller.signal);
    expect(timers()).toBe(before + 1);
    controller.abort();
    const got = await waiting;
    expect(got).toMatchObject({ ok: false, code: 'aborted', related: [] });
    expect(timers()).toBe(before);

    const already = await mozrest.waitFor(awaitClose({}), 60_000, controller.signal);
    expect(already).toMatchObject({ ok: false, code: 'aborted' });
    expect(timers()).toBe(before);
  });

  it('clears its timer when a call resolves it', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const waiting = mozrest.waitFor(awaitUpdate({ posId: '98765' }), 60_000);
    expect(timers()).toBe(before + 1);
    const listened: number[] = [];
    const off = mozrest.onCall((c) => listened.push(c.seq));
    await update('98765');
    expect((await waiting).ok).toBe(true);
    expect(timers()).toBeLessThanOrEqual(before);
    off();
    await update('98765');
    expect(listened).toEqual([1]);
  });
});

describe('failNext', () => {
  it('answers 503 to the next N calls to known endpoints, then normally', async () => {
    mozrest.failNext(2, 503);
    const statuses = [];
    await send('GET', '/nowhere');
    for (let i = 0; i < 3; i++) statuses.push((await update('98765')).status);
    expect(statuses).toEqual([503, 503, 200]);
    const calls = mozrest.calls();
    expect(calls.map((c) => c.response.status)).toEqual([404, 503, 503, 200]);
    expect(calls[1]!.response.body).toMatchObject({ error: { code: 503 } });
  });

  it('armed for one order, refuses only that order\'s callbacks: another order\'s late callback is answered normally', async () => {
    mozrest.failNext(1, 503, ['98765']);
    expect((await update('11111', order({ id: '11111' }))).status).toBe(200);
    expect((await update('98765')).status).toBe(503);
    expect((await update('98765')).status).toBe(200);
  });

  it('armings for different orders coexist (two runs on one shared mock): each order gets its own 503', async () => {
    mozrest.failNext(1, 503, ['aaa1']);
    mozrest.failNext(1, 502, ['bbb2']);
    expect((await update('bbb2', order({ id: 'bbb2' }))).status).toBe(502);
    expect((await update('aaa1', order({ id: 'aaa1' }))).status).toBe(503);
    expect((await update('aaa1', order({ id: 'aaa1' }))).status).toBe(200);
  });

  it('can be armed from the options', async () => {
    await mozrest.close();
    mozrest = await start({ failNext: { count: 1, status: 500 } });
    expect((await create()).status).toBe(500);
    expect((await create()).status).toBe(200);
  });
});

describe('URLs and start-up', () => {
  it('advertises the public URL with the /v1/pos base', async () => {
    await mozrest.close();
    mozrest = await start({ publicUrl: 'https://tunnel.example/' });
    expect(mozrest.url).toBe('https://tunnel.example/v1/pos');
    expect(mozrest.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/pos$/);
  });

  it('refuses an empty key and a registry without the payload schema', async () => {
    await expect(start({ key: ' ' })).rejects.toThrow(/non-empty/);
    await expect(start({ schemas: new SchemaRegistry('/nonexistent') })).rejects.toThrow(/mozrest-order-payload\.json/);
  });
});
