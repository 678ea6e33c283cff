// Loads the venue fixture (`fixtures/reference-venue.yaml`): venues, their tables and seed orders.
// The file is validated completely before use and every problem is reported with its path, so a
// vendor editing the fixture gets "venues[0].orders[2].checks[0].status: …", not a crash later.
//
// Seed orders carry times relative to "now" (`closedDaysAgo`) so the fixture never goes stale:
// the 44-day-old order is always 44 days old, whenever the tests run.

import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { BookingDetails, Check, CheckStatus, Item, Table, Venue } from './model.js';
import { childPath, describeType, isPlainObject, Problems } from './problems.js';

export interface SeedOrder extends BookingDetails {
  id: string;
  /** How long before "now" the order was closed, in days (fractions allowed). */
  closedDaysAgo: number;
  /** How long the table was occupied; the order opened this long before it closed. */
  openForMinutes: number;
  checks: Check[];
}

export interface FixtureVenue extends Venue {
  orders: SeedOrder[];
}

export interface Fixture {
  venues: FixtureVenue[];
}

export class FixtureError extends Error {
  constructor(file: string, readonly problems: string[]) {
    super(`Invalid reference-POS fixture ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'FixtureError';
  }
}

/**
 * The venues a run against this fixture uses: the test venue and the second venue (the first two
 * the token may access), and the first venue the token may not access, if any.
 */
export function fixtureVenues(fixture: Fixture): { venueId: string; otherVenueId: string; forbiddenVenueId?: string } {
  const [venue, other] = fixture.venues.filter((v) => !v.forbidden);
  const forbidden = fixture.venues.find((v) => v.forbidden);
  return { venueId: venue!.id, otherVenueId: other!.id, ...(forbidden ? { forbiddenVenueId: forbidden.id } : {}) };
}

/** `<package root>/fixtures/reference-venue.yaml`; src/ and dist/ sit at the same depth. */
export function defaultFixtureFile(): string {
  return fileURLToPath(new URL('../../fixtures/reference-venue.yaml', import.meta.url));
}

// The harness's self-test starts one reference POS per fault, and parsing YAML costs more than
// starting a server; so a validated fixture is kept per file (and modification time, so edits
// are seen) and every caller gets its own deep copy to mutate freely.
const cache = new Map<string, { mtimeMs: number; fixture: Fixture }>();

export function loadFixture(file: string = defaultFixtureFile()): Fixture {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
    const cached = cache.get(file);
    if (cached?.mtimeMs === mtimeMs) return structuredClone(cached.fixture);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FixtureError(file, [(err as Error).message]);
  }
  const fixture = parseFixture(text, file);
  cache.set(file, { mtimeMs, fixture });
  return structuredClone(fixture);
}

/** Parses and validates fixture text; throws a `FixtureError` listing every problem. */
export function parseFixture(text: string, file = '(inline)'): Fixture {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new FixtureError(file, [(err as Error).message]);
  }
  const problems = new Problems();
  const fixture = readFixture(raw, problems);
  if (!problems.isEmpty || !fixture) throw new FixtureError(file, problems.toLines());
  return fixture;
}

// ---------------------------------------------------------------------------------------------
// Validation. Each reader records problems and returns undefined on failure; unknown keys are
// errors here (in a hand-written fixture they are typos), unlike in E2 bodies (forward compat).

const CHECK_STATUSES: readonly CheckStatus[] = ['closed', 'void'];

function readFixture(raw: unknown, p: Problems): Fixture | undefined {
  const root = readObject(raw, '', ['venues'], p);
  if (!root) return undefined;
  const list = root.venues;
  if (!Array.isArray(list) || list.length < 2) {
    p.add('venues', 'expected a list of at least two venues (the second serves cross-venue checks)');
    return undefined;
  }
  const venues = list.map((v, i) => readVenue(v, childPath('venues', i), p));
  if (venues.every((v) => v !== undefined) && venues.filter((v) => !v.forbidden).length < 2) {
    p.add('venues', 'expected at least two venues the token may access (access: allowed, the default)');
  }
  checkUnique(venues.map((v) => v?.id), 'venues', 'id', p);
  const orders = venues.flatMap((v) => v?.orders ?? []);
  checkUnique(orders.map((o) => o.id), 'venues[*].orders', 'id', p);
  checkUnique(orders.flatMap((o) => o.checks.map((c) => c.checkNumber)), 'venues[*].orders[*].checks', 'checkNumber', p);
  return venues.every((v) => v !== undefined) ? { venues } : undefined;
}

const VENUE_ACCESS = ['allowed', 'forbidden'] as const;

function readVenue(raw: unknown, path: string, p: Problems): FixtureVenue | undefined {
  const o = readObject(raw, path, ['id', 'name', 'access', 'tables', 'orders'], p);
  if (!o) return undefined;
  const id = readString(o, 'id', path, p);
  const name = readString(o, 'name', path, p);
  const access = o.access ?? 'allowed';
  if (!(VENUE_ACCESS as readonly unknown[]).includes(access)) p.add(childPath(path, 'access'), `expected one of ${VENUE_ACCESS.join(', ')}, found ${JSON.stringify(o.access)}`);
  const tables = readList(o, 'tables', path, p, readTable, { nonEmpty: true });
  if (tables) checkUnique(tables.map((t) => t.id), childPath(path, 'tables'), 'id', p);
  const tableIds = new Set(tables?.map((t) => t.id));
  const orders =
    o.orders === undefined ? [] : readList(o, 'orders', path, p, (v, at) => readSeedOrder(v, at, tableIds, p));
  if (id === undefined || name === undefined || !tables || !orders) return undefined;
  return { id, name, tables, orders, ...(access === 'forbidden' ? { forbidden: true } : {}) };
}

function readTable(raw: unknown, path: string, p: Problems): Table | undefined {
  const o = readObject(raw, path, ['id', 'name', 'area'], p);
  if (!o) return undefined;
  const id = readString(o, 'id', path, p);
  const name = readString(o, 'name', path, p);
  const area = o.area === undefined || o.area === null ? null : readString(o, 'area', path, p);
  if (id === undefined || name === undefined || area === undefined) return undefined;
  return { id, name, area };
}

const ORDER_KEYS = [
  'id', 'mozrestId', 'tables', 'partySize', 'guestName', 'guestEmail', 'guestTelephone',
  'prepayment', 'closedDaysAgo', 'openForMinutes', 'checks',
];

function readSeedOrder(raw: unknown, path: string, tableIds: Set<string>, p: Problems): SeedOrder | undefined {
  const o = readObject(raw, path, ORDER_KEYS, p);
  if (!o) return undefined;
  const tables = readList(o, 'tables', path, p, (v, at) => readTableRef(v, at, tableIds, p), { nonEmpty: true });
  const order = {
    id: readString(o, 'id', path, p),
    mozrestId: readOptionalString(o, 'mozrestId', path, p),
    tables,
    partySize: o.partySize === undefined ? null : readNumber(o, 'partySize', path, p, { integer: true, min: 1 }),
    guestName: readOptionalString(o, 'guestName', path, p),
    guestEmail: readOptionalString(o, 'guestEmail', path, p),
    guestTelephone: readOptionalString(o, 'guestTelephone', path, p),
    prepayment: o.prepayment === undefined ? 0 : readNumber(o, 'prepayment', path, p, { min: 0 }),
    // Seed orders are all closed, so every table starts free and E2 can use any of them.
    closedDaysAgo: readNumber(o, 'closedDaysAgo', path, p, { min: 0 }),
    openForMinutes: o.openForMinutes === undefined ? 90 : readNumber(o, 'openForMinutes', path, p, { min: 1 }),
    checks: readList(o, 'checks', path, p, readCheck, { nonEmpty: true }),
  };
  return allDefined(order) ? order : undefined;
}

function readTableRef(raw: unknown, path: string, tableIds: Set<string>, p: Problems): string | undefined {
  if (typeof raw === 'string' && tableIds.has(raw)) return raw;
  p.add(path, `expected the id of one of this venue's tables, found ${JSON.stringify(raw)}`);
  return undefined;
}

function readCheck(raw: unknown, path: string, p: Problems): Check | undefined {
  const o = readObject(raw, path, ['checkNumber', 'status', 'paymentMethod', 'tip', 'discount', 'items'], p);
  if (!o) return undefined;
  const status = o.status as CheckStatus;
  if (!CHECK_STATUSES.includes(status)) p.add(childPath(path, 'status'), `expected one of ${CHECK_STATUSES.join(', ')}`);
  const check = {
    checkNumber: readString(o, 'checkNumber', path, p),
    status: CHECK_STATUSES.includes(status) ? status : undefined,
    paymentMethod: readOptionalString(o, 'paymentMethod', path, p),
    tip: o.tip === undefined ? 0 : readNumber(o, 'tip', path, p, { min: 0 }),
    discount: o.discount === undefined ? 0 : readNumber(o, 'discount', path, p, { min: 0 }),
    items: readList(o, 'items', path, p, readItem),
  };
  if (check.status === 'closed' && check.paymentMethod === null) {
    p.add(childPath(path, 'paymentMethod'), 'a closed check needs a payment method');
  }
  return allDefined(check) ? check : undefined;
}

function readItem(raw: unknown, path: string, p: Problems): Item | undefined {
  const o = readObject(raw, path, ['id', 'name', 'price', 'quantity'], p);
  if (!o) return undefined;
  if (typeof o.id !== 'number' && typeof o.id !== 'string') p.add(childPath(path, 'id'), 'expected a number or a string');
  const item = {
    id: typeof o.id === 'number' || typeof o.id === 'string' ? o.id : undefined,
    name: readString(o, 'name', path, p),
    price: readNumber(o, 'price', path, p, { min: 0 }),
    quantity: readNumber(o, 'quantity', path, p, { integer: true, min: 1 }),
  };
  return allDefined(item) ? item : undefined;
}

// ---------------------------------------------------------------------------------------------
// Small typed readers.

function readObject(raw: unknown, path: string, keys: string[], p: Problems): Record<string, unknown> | undefined {
  if (!isPlainObject(raw)) {
    p.add(path, `expected a mapping, found ${describeType(raw)}`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!keys.includes(key)) p.add(childPath(path, key), `unknown key (expected one of ${keys.join(', ')})`);
  }
  return raw;
}

function readString(o: Record<string, unknown>, key: string, path: string, p: Problems): string | undefined {
  const v = o[key];
  if (typeof v === 'string' && v.trim() !== '') return v;
  p.add(childPath(path, key), `expected a non-empty string, found ${describeType(v)}`);
  return undefined;
}

function readOptionalString(o: Record<string, unknown>, key: string, path: string, p: Problems): string | null | undefined {
  return o[key] === undefined || o[key] === null ? null : readString(o, key, path, p);
}

function readNumber(
  o: Record<string, unknown>, key: string, path: string, p: Problems,
  rule: { integer?: boolean; min: number },
): number | undefined {
  const v = o[key];
  const ok = typeof v === 'number' && Number.isFinite(v) && v >= rule.min && (!rule.integer || Number.isInteger(v));
  if (ok) return v;
  p.add(childPath(path, key), `expected ${rule.integer ? 'an integer' : 'a number'} ≥ ${rule.min}, found ${JSON.stringify(v)}`);
  return undefined;
}

function readList<T>(
  o: Record<string, unknown>, key: string, path: string, p: Problems,
  readElement: (raw: unknown, path: string, p: Problems) => T | undefined,
  rule: { nonEmpty?: boolean } = {},
): T[] | undefined {
  const v = o[key];
  const at = childPath(path, key);
  if (!Array.isArray(v) || (rule.nonEmpty && v.length === 0)) {
    p.add(at, `expected a ${rule.nonEmpty ? 'non-empty ' : ''}list, found ${describeType(v)}`);
    return undefined;
  }
  const out = v.map((element, i) => readElement(element, childPath(at, i), p));
  return out.every((e) => e !== undefined) ? (out as T[]) : undefined;
}

function checkUnique(values: (string | undefined)[], path: string, key: string, p: Problems): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    if (seen.has(value)) p.add(path, `duplicate ${key} "${value}"`);
    seen.add(value);
  }
}

type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

function allDefined<T extends object>(o: T): o is T & Defined<T> {
  return Object.values(o).every((v) => v !== undefined);
}
