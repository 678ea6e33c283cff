// The reference POS in correct mode, over real HTTP on loopback: every behaviour the suites will
// hold a vendor's POS to, checked against the model answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferencePos, type RunningReferencePos } from '../../src/reference-pos/server.js';
import { serveCommand, type ServeOptions } from '../../src/cli/commands/serve.js';
import { EXIT, PosAccreditError } from '../../src/core/errors.js';

const TOKEN = 'ref-token-123';
const NOW = new Date('2025-06-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

let clock = NOW;
let pos: RunningReferencePos;

beforeAll(async () => {
  pos = await startReferencePos({ token: TOKEN, now: () => clock });
});
afterAll(async () => {
  await pos.close();
});

const auth = { Authorization: `Bearer ${TOKEN}` };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(`${pos.url}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), json: text ? (JSON.parse(text) as any) : undefined };
}
const venue = (rest: string) => `/venue/${pos.venueId}${rest}`;
const create = (body: unknown) => call('POST', venue('/orders'), body);

describe('E1 get tables', () => {
  it('returns a bare array of string ids with names and areas', async () => {
    const r = await call('GET', venue('/tables'));
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json; charset=utf-8');
    expect(r.json).toHaveLength(60);
    expect(r.json[0]).toEqual({ id: 'T1', name: 'Table 1', area: 'Main room' });
    expect(new Set(r.json.map((t: any) => t.id)).size).toBe(60);
    expect(r.json.some((t: any) => t.area === null)).toBe(true);
    const other = await call('GET', `/venue/${pos.otherVenueId}/tables`);
    expect(other.json.map((t: any) => t.id)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8']);
  });
});

describe('E2 create order', () => {
  it('opens a minimal order that E3 and E4 both report', async () => {
    const r = await create({ tables: ['T1'] });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ id: expect.any(String), checkNumber: expect.any(String) });
    const got = await call('GET', venue(`/orders/${r.json.id}`));
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      id: r.json.id, status: 'open', tables: ['T1'], partySize: 2, guestName: null,
      date: '2025-06-15 12:00:00', openedAt: '2025-06-15T12:00:00.000Z', closedAt: null, prepayment: 0,
    });
    expect(got.json.checks).toEqual([
      { checkNumber: r.json.checkNumber, status: 'open', totalAmount: 0, tax: 0, tip: 0, discount: 0, paymentMethod: null, items: [] },
    ]);
    const open = await call('GET', venue('/orders?status=open'));
    expect(open.json).toContainEqual(got.json);
  });

  it('stores a full body, merged tables and pre-order items on the check', async () => {
    const r = await create({
      id: 'fd30c18b-71fb-43f7-b895-34ab0b9ceced', tables: ['T12', 'T13'], guestName: 'John Doe',
      guestEmail: 'john.doe@mail.com', guestTelephone: '34646883377', partySize: 4, prepayment: 50,
      date: '2025-06-15 11:30:00',
      items: [{ id: 1, name: 'Steak', price: 40, quantity: 2 }, { name: 'Wine', price: 70, quantity: 1 }],
    });
    expect(r.status).toBe(200);
    const { json } = await call('GET', venue(`/orders/${r.json.id}`));
    expect(json).toMatchObject({
      mozrestId: 'fd30c18b-71fb-43f7-b895-34ab0b9ceced', tables: ['T12', 'T13'], partySize: 4,
      guestEmail: 'john.doe@mail.com', prepayment: 50, date: '2025-06-15 11:30:00',
    });
    expect(json.checks[0]).toMatchObject({ totalAmount: 150, tax: 15, paymentMethod: null });
    expect(json.checks[0].items).toEqual([
      { id: 1, name: 'Steak', price: 40, quantity: 2 },
      { id: 2, name: 'Wine', price: 70, quantity: 1 },
    ]);
  });

  it('ignores unknown fields, top level and nested, and accepts the legacy tableId', async () => {
    const r = await create({ tables: ['T20'], vip: true, items: [{ name: 'Menu', price: 10, quantity: 1, course: 2 }] });
    expect(r.status).toBe(200);
    const legacy = await create({ tableId: 'T21' });
    expect(legacy.status).toBe(200);
    expect((await call('GET', venue(`/orders/${legacy.json.id}`))).json.tables).toEqual(['T21']);
    const both = await create({ tables: ['T22'], tableId: 'T23' });
    expect((await call('GET', venue(`/orders/${both.json.id}`))).json.tables).toEqual(['T22']);
  });

  it.each([
    ['missing tables', { partySize: 2 }, 'tables'],
    ['empty tables', { tables: [] }, 'tables'],
    ['tables as a string', { tables: 'T30' }, 'tables'],
    ['blank table id', { tables: [''] }, 'tables[0]'],
    ['unknown table', { tables: ['T999'] }, 'tables'],
    ['non-integer partySize', { tables: ['T30'], partySize: 2.5 }, 'partySize'],
    ['bad date format', { tables: ['T30'], date: '2025-02-15T14:30:00Z' }, 'date'],
    ['impossible date', { tables: ['T30'], date: '2025-02-30 14:30:00' }, 'date'],
    ['negative prepayment', { tables: ['T30'], prepayment: -1 }, 'prepayment'],
    ['item without price', { tables: ['T30'], items: [{ name: 'X', quantity: 1 }] }, 'items[0].price'],
    ['item quantity 0', { tables: ['T30'], items: [{ name: 'X', price: 1, quantity: 0 }] }, 'items[0].quantity'],
    ['array body', [], 'body'],
    ['malformed JSON', '{"tables": [', 'body'],
  ])('answers 400 in the error envelope for %s', async (_name, body, field) => {
    const r = await create(body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 400, message: 'Validation failed' });
    expect(r.json.error.details[field]).toEqual([expect.any(String)]);
  });

  it('answers 409 when a table already has an open order, naming it', async () => {
    const first = await create({ tables: ['T40'] });
    const second = await create({ tables: ['T41', 'T40'] });
    expect(second.status).toBe(409);
    expect(second.json.error).toEqual({ code: 409, message: `Table T40 already occupied by order ${first.json.id}` });
    expect((await create({ tables: ['T41'] })).status).toBe(200);
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const r = await create({ tables: ['T50'], guestName: 'x'.repeat(1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe(413);
  });
});

describe('authentication', () => {
  it.each([
    ['no header', {}],
    ['Basic scheme', { Authorization: `Basic ${TOKEN}` }],
    ['Bearer without token', { Authorization: 'Bearer ' }],
    ['token without scheme', { Authorization: TOKEN }],
    ['wrong token', { Authorization: 'Bearer nope' }],
  ])('answers 401 with the envelope for %s', async (_name, headers) => {
    for (const path of [venue('/tables'), venue('/orders'), venue('/orders/9001')]) {
      const r = await call('GET', path, undefined, headers);
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe(401);
    }
    expect((await call('POST', venue('/orders'), { tables: ['T55'] }, headers)).status).toBe(401);
  });

  it('accepts a lower-case scheme', async () => {
    expect((await call('GET', venue('/tables'), undefined, { Authorization: `bearer ${TOKEN}` })).status).toBe(200);
  });
});

describe('not found and not allowed', () => {
  it('answers 404 for an unknown venue on every endpoint', async () => {
    for (const [method, path] of [['GET', '/tables'], ['GET', '/orders'], ['POST', '/orders'], ['GET', '/orders/9001']] as const) {
      const r = await call(method, `/venue/nowhere${path}`, method === 'POST' ? { tables: ['T1'] } : undefined);
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe(404);
    }
  });

  it('answers 404 for an unknown order, and for an order asked through another venue', async () => {
    expect((await call('GET', venue('/orders/nope'))).status).toBe(404);
    expect((await call('GET', `/venue/${pos.otherVenueId}/orders/9001`)).status).toBe(404);
  });

  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    expect((await call('GET', '/nothing')).status).toBe(404);
    const r = await call('DELETE', venue('/tables'));
    expect(r.status).toBe(405);
    expect(r.json.error.code).toBe(405);
  });
});

describe('E3 filters', () => {
  it('lists open and closed orders, and filters by status', async () => {
    const all = (await call('GET', venue('/orders'))).json as any[];
    expect(all.some((o) => o.status === 'open')).toBe(true);
    expect(all.some((o) => o.status === 'closed')).toBe(true);
    const closed = (await call('GET', venue('/orders?status=closed'))).json as any[];
    expect(closed.map((o) => o.id)).toEqual(['9003', '9002', '9001']);
    expect((await call('GET', venue('/orders?status=open'))).json.every((o: any) => o.status === 'open')).toBe(true);
  });

  it('reports split and void checks with their own amounts', async () => {
    const { json } = await call('GET', venue('/orders/9003'));
    expect(json.checks.map((c: any) => [c.checkNumber, c.status, c.totalAmount, c.tax, c.paymentMethod])).toEqual([
      ['900301', 'void', 36, 3.6, null],
      ['900302', 'closed', 90, 9, 'cash'],
    ]);
  });

  it('filters on the opening time with inclusive bounds, ANDed with status', async () => {
    // Order 9001 closed 2 days before NOW after 75 minutes at the table.
    const opened = new Date(NOW.getTime() - 2 * DAY - 75 * 60_000).toISOString().replace('.000', '');
    const ids = async (q: string) => ((await call('GET', venue(`/orders?${q}`))).json as any[]).map((o) => o.id);
    expect(await ids(`from=${opened}&until=${opened}`)).toEqual(['9001']);
    expect(await ids(`from=${opened}&status=closed`)).toEqual(['9001']);
    expect(await ids(`until=${opened}&status=closed`)).toEqual(['9003', '9002', '9001']);
    expect(await ids(`from=2025-06-15T12:00:01Z`)).toEqual([]);
  });

  it('honours numeric offsets, encoded or not', async () => {
    // 9001 opened 2025-06-13T10:45:00Z = 12:45:00+02:00.
    const ids = async (q: string) => ((await call('GET', venue(`/orders?status=closed&${q}`))).json as any[]).map((o) => o.id);
    expect(await ids('from=2025-06-13T12:45:00%2B02:00')).toEqual(['9001']);
    expect(await ids('from=2025-06-13T12:45:01%2B02:00')).toEqual([]);
    expect(await ids('from=2025-06-13T12:45:00+02:00')).toEqual(['9001']);
    expect(await ids('until=2025-06-13T06:44:59-04:00')).toEqual(['9003', '9002']);
  });

  it.each([['status=foo'], ['status=OPEN'], ['from=yesterday'], ['from=2025-06-13'], ['until=2025-02-30T00:00:00Z']])(
    'answers 400 for %s',
    async (q) => {
      const r = await call('GET', venue(`/orders?${q}`));
      expect(r.status).toBe(400);
      expect(Object.keys(r.json.error.details)).toEqual([q.split('=')[0]]);
    },
  );

  it('answers 200 [] when nothing matches', async () => {
    const r = await call('GET', `/venue/${pos.otherVenueId}/orders?status=open`);
    expect(r).toMatchObject({ status: 200, json: [] });
  });
});

describe('45-day retention of closed orders', () => {
  it('keeps the order closed 44 days ago and not the one closed 50 days ago', async () => {
    const closed = (await call('GET', venue('/orders?status=closed'))).json as any[];
    expect(closed.map((o) => o.id)).toContain('9003');
    expect(closed.map((o) => o.id)).not.toContain('9004');
    expect((await call('GET', venue('/orders/9003'))).status).toBe(200);
    expect((await call('GET', venue('/orders/9004'))).status).toBe(404);
  });

  it('purges an order once it passes 45 days, computed from the clock on read', async () => {
    clock = new Date(NOW.getTime() + DAY - 1000);
    expect((await call('GET', venue('/orders/9003'))).status).toBe(200);
    clock = new Date(NOW.getTime() + DAY);
    expect((await call('GET', venue('/orders/9003'))).status).toBe(404);
    clock = NOW;
  });
});

describe('a venue of a vendor\'s size (tables option)', () => {
  async function sized(tables: number) {
    const small = await startReferencePos({ token: TOKEN, now: () => NOW, tables });
    const get = async (path: string) => {
      const res = await fetch(`${small.url}${path}`, { headers: auth });
      return { status: res.status, json: (await res.json()) as any };
    };
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${small.url}${path}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as any };
    };
    return { pos: small, get, post };
  }

  it('tables: 8 lists exactly T1…T8, the fixture\'s first 8 with their names and areas; the default still lists 60', async () => {
    const full = (await call('GET', venue('/tables'))).json as any[];
    expect(full).toHaveLength(60);
    const { pos: small, get } = await sized(8);
    try {
      const e1 = await get(`/venue/${small.venueId}/tables`);
      expect(e1.status).toBe(200);
      expect(e1.json.map((t: any) => t.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']);
      expect(e1.json).toEqual(full.slice(0, 8));
      // Only the accredited venue shrinks.
      expect(small.venueId).toBe(pos.venueId);
      expect((await get(`/venue/${small.otherVenueId}/tables`)).json).toHaveLength(8);
      expect((await get(`/venue/${small.otherVenueId}/orders/9101`)).json.tables).toEqual(['B3']);
    } finally {
      await small.close();
    }
  });

  it('tables: 8 refuses T9 like any unknown table, in E2 and in the automation hook, and still opens T8', async () => {
    const { pos: small, post } = await sized(8);
    try {
      const unknown = await post(`/venue/${small.venueId}/orders`, { tables: ['T9'] });
      const neverKnown = await post(`/venue/${small.venueId}/orders`, { tables: ['T999'] });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error).toMatchObject({ code: 400, message: 'Validation failed' });
      expect(Object.keys(unknown.json.error.details)).toEqual(Object.keys(neverKnown.json.error.details));
      expect(unknown.json.error.details.tables).toEqual([expect.stringContaining('T9')]);
      const walkIn = await post('/_automation/actions', { action: 'open-walk-in', venueId: small.venueId, params: { tables: ['T9'] } });
      expect([walkIn.status, walkIn.json.error]).toEqual([400, expect.stringContaining('T9')]);
      expect((await post(`/venue/${small.venueId}/orders`, { tables: ['T8'] })).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('keeps the seeded closed orders retrievable, moved onto the tables the venue still has', async () => {
    // A fresh default POS: the shared one has aged 9003 out by now.
    const whole = await sized(60);
    const before = (await whole.get(`/venue/${whole.pos.venueId}/orders?status=closed`)).json as any[];
    await whole.pos.close();
    expect(before.map((o) => [o.id, o.tables])).toEqual([['9003', ['T27']], ['9002', ['T12', 'T13']], ['9001', ['T4']]]);
    for (const [tables, moved] of [
      [8, { '9001': ['T4'], '9002': ['T4', 'T5'], '9003': ['T3'] }],
      [1, { '9001': ['T1'], '9002': ['T1'], '9003': ['T1'] }],
    ] as const) {
      const { pos: small, get } = await sized(tables);
      try {
        const closed = (await get(`/venue/${small.venueId}/orders?status=closed`)).json as any[];
        expect(closed.map((o) => [o.id, o.tables])).toEqual(Object.entries(moved).reverse());
        // Only the tables changed: checks, amounts and times are the fixture's.
        expect(closed.map(({ tables: _t, ...rest }) => rest)).toEqual(before.map(({ tables: _t, ...rest }: any) => rest));
        expect((await get(`/venue/${small.venueId}/orders/9001`)).status).toBe(200);
        expect((await get(`/venue/${small.venueId}/orders/9004`)).status).toBe(404);
      } finally {
        await small.close();
      }
    }
  });

  it.each([[0], [-1], [61], [2.5], [Number.NaN]])('refuses tables: %s', async (tables) => {
    await expect(startReferencePos({ token: TOKEN, tables })).rejects.toThrow(
      `The reference POS's tables must be a whole number between 1 and 60 (the fixture's venue venue-ref-1 has 60), not ${tables}`,
    );
  });

  it('accepts tables: 60, the whole fixture venue', async () => {
    const { pos: whole, get } = await sized(60);
    try {
      expect((await get(`/venue/${whole.venueId}/tables`)).json).toHaveLength(60);
    } finally {
      await whole.close();
    }
  });
});

describe('serve reference-pos --tables / --callback-ids', () => {
  // The token variable is unset on purpose: a bad flag is reported before anything else is read.
  const options = (extra: Partial<ServeOptions>): ServeOptions => ({
    port: '0', host: '127.0.0.1', tokenEnv: 'POS_ACCREDIT_TEST_UNSET_TOKEN', mozrestKeyEnv: 'POS_ACCREDIT_TEST_UNSET_KEY', ...extra,
  });
  const refusal = async (extra: Partial<ServeOptions>) => {
    const err = await serveCommand('reference-pos', options(extra)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosAccreditError);
    const { code, message, exitCode, hint } = err as PosAccreditError;
    return { code, message, exitCode, hint };
  };

  it.each(['0', '61', '-3', '2.5', 'eight', ''])('--tables %j is a usage error naming the flag', async (value) => {
    expect(await refusal({ tables: value })).toEqual({
      code: 'bad-tables', message: `--tables: "${value}" is not a table count between 1 and 60`, exitCode: EXIT.usage, hint: expect.stringContaining('60 tables'),
    });
  });

  it.each(['Mozrest', 'both', ''])('--callback-ids %j is a usage error naming the flag', async (value) => {
    expect(await refusal({ callbackIds: value })).toEqual({
      code: 'bad-callback-ids', message: `--callback-ids: "${value}" is not one of pos, mozrest`, exitCode: EXIT.usage, hint: expect.stringContaining('mozrest'),
    });
  });

  it('good values get past the flags (to the missing token)', async () => {
    expect((await refusal({ tables: '8', callbackIds: 'mozrest' })).code).toBe('missing-secret');
  });
});
