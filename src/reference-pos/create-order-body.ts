// Validation of the E2 Create Order body (§2.2, §8.3). Strict about the fields it knows, silent
// about the ones it does not: Mozrest may add fields at any time (P1 Forward Compatibility, BR13),
// so unknown keys — at the top level or inside items — are ignored, never rejected.
//
// Optional fields sent as `null` are treated as absent; a lenient reader loses nothing by it.

import { parseSeatingDate } from './dates.js';
import type { FaultSet } from './faults.js';
import type { Item, Venue } from './model.js';
import { childPath, describeType, isPlainObject, Problems, type Details } from './problems.js';
import type { NewOrder } from './store.js';

const BODY_FIELDS = [
  'id', 'tables', 'tableId', 'guestName', 'guestEmail', 'guestTelephone', 'partySize', 'prepayment', 'date', 'items',
];
const ITEM_FIELDS = ['id', 'name', 'price', 'quantity'];

export type ParsedCreate = { ok: true; order: NewOrder } | { ok: false; details: Details };

export function parseCreateOrderBody(body: unknown, venue: Venue, now: Date, faults: FaultSet): ParsedCreate {
  const p = new Problems();
  if (!isPlainObject(body)) {
    p.add('body', `expected a JSON object, found ${describeType(body)}`);
    return { ok: false, details: p.toDetails() };
  }
  const has = (key: string): boolean => body[key] !== undefined && body[key] !== null;

  if (faults.has('strict-unknown-fields')) rejectUnknown(body, '', BODY_FIELDS, p);
  if (faults.has('create-rejects-full-body')) {
    for (const key of ['guestEmail', 'prepayment', 'date']) if (has(key)) p.add(key, 'This field is not supported.');
  }
  if (faults.has('preorder-rejects-items') && has('items')) p.add('items', 'Pre-orders are not supported.');

  const order: NewOrder = {
    mozrestId: optionalString(body, 'id', p),
    tables: readTables(body, venue, faults, p),
    partySize: readPartySize(body, faults, p),
    guestName: optionalString(body, 'guestName', p),
    guestEmail: optionalString(body, 'guestEmail', p),
    guestTelephone: optionalString(body, 'guestTelephone', p),
    prepayment: has('prepayment') ? readPrepayment(body.prepayment, p) : 0,
    openedAt: has('date') ? readDate(body.date, now, faults, p) : now,
    items: has('items') ? readItems(body.items, faults, p) : [],
  };
  return p.isEmpty ? { ok: true, order } : { ok: false, details: p.toDetails() };
}

/** `tables` is the only required field (BR3); the deprecated `tableId` stands in when it is absent. */
function readTables(body: Record<string, unknown>, venue: Venue, faults: FaultSet, p: Problems): string[] {
  const { tables, tableId } = body;
  if (tables === undefined || tables === null) {
    if (faults.has('legacy-table-id-500') && tableId !== undefined) {
      // The bug being imitated: a parser that no longer knows the deprecated field at all.
      throw new TypeError("Cannot read properties of undefined (reading 'map')");
    }
    if (typeof tableId === 'string' && tableId !== '') return checkKnown([tableId], 'tableId', venue, faults, p);
    if (tableId !== undefined && tableId !== null) {
      p.add('tableId', 'This value should be a non-empty string.');
      return [];
    }
    if (faults.has('create-missing-tables-500')) {
      // The bug being imitated: reading `tables.length` without checking the field exists.
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    }
    p.add('tables', 'This value should not be blank.');
    return [];
  }

  // Both given: `tables` wins (§8.3 #36); the fault lets the deprecated field win instead.
  if (faults.has('legacy-table-id-wins') && typeof tableId === 'string' && tableId !== '') return checkKnown([tableId], 'tableId', venue, faults, p);
  const lax = faults.has('create-accepts-invalid-fields');
  if (lax && typeof tables === 'string') return [tables];
  if (!Array.isArray(tables)) {
    p.add('tables', `This value should be an array of table ids, found ${describeType(tables)}.`);
    return [];
  }
  if (tables.length === 0 && !lax) {
    p.add('tables', 'This collection should contain 1 element or more.');
    return [];
  }
  const ids: string[] = [];
  tables.forEach((id, i) => {
    if (typeof id === 'string' && id !== '') ids.push(id);
    else p.add(childPath('tables', i), 'This value should be a non-empty string.');
  });
  if (new Set(ids).size !== ids.length) p.add('tables', 'This collection should not contain the same table twice.');
  return checkKnown(ids, 'tables', venue, faults, p);
}

function checkKnown(ids: string[], path: string, venue: Venue, faults: FaultSet, p: Problems): string[] {
  if (faults.has('create-accepts-unknown-table')) return ids;
  for (const id of ids) {
    // The fault: a POS whose table mapping lost some of the ids E1 lists (here: those with a 7).
    const lost = faults.has('create-refuses-some-tables') && id.includes('7');
    if (lost || !venue.tables.some((t) => t.id === id)) p.add(path, `Unknown table id "${id}" in venue ${venue.id}.`);
  }
  return ids;
}

function readPartySize(body: Record<string, unknown>, faults: FaultSet, p: Problems): number | null {
  const v = body.partySize;
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
  if (typeof v === 'number' && Number.isFinite(v) && faults.has('create-accepts-invalid-fields')) return v;
  p.add('partySize', 'This value should be an integer of at least 1.');
  return null;
}

function readPrepayment(v: unknown, p: Problems): number {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  p.add('prepayment', 'This value should be a number of at least 0.');
  return 0;
}

function readDate(v: unknown, now: Date, faults: FaultSet, p: Problems): Date {
  const parsed = typeof v === 'string' ? parseSeatingDate(v) : null;
  if (parsed) return parsed;
  // The lax POS this fault imitates falls back to "now" for a date it cannot read.
  if (!faults.has('create-accepts-bad-date')) p.add('date', 'This value should be a valid date in the format Y-m-d H:i:s.');
  return now;
}

function readItems(v: unknown, faults: FaultSet, p: Problems): Item[] {
  if (!Array.isArray(v)) {
    p.add('items', `This value should be an array, found ${describeType(v)}.`);
    return [];
  }
  const items: Item[] = [];
  v.forEach((raw, i) => {
    const path = childPath('items', i);
    if (!isPlainObject(raw)) return p.add(path, `This value should be an object, found ${describeType(raw)}.`);
    if (faults.has('strict-unknown-fields')) rejectUnknown(raw, path, ITEM_FIELDS, p);
    const { id, name, price, quantity } = raw;
    const idOk = id === undefined || id === null || typeof id === 'number' || typeof id === 'string';
    const nameOk = typeof name === 'string' && name.trim() !== '';
    const priceOk = typeof price === 'number' && Number.isFinite(price) && price >= 0;
    const quantityOk = typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1;
    if (!idOk) p.add(childPath(path, 'id'), 'This value should be a number or a string.');
    if (!nameOk) p.add(childPath(path, 'name'), 'This value should not be blank.');
    if (!priceOk) p.add(childPath(path, 'price'), 'This value should be a number of at least 0.');
    if (!quantityOk) p.add(childPath(path, 'quantity'), 'This value should be an integer of at least 1.');
    if (idOk && nameOk && priceOk && quantityOk) {
      // Without a menu id from Mozrest, the line number identifies the item on the check.
      items.push({ id: id ?? i + 1, name, price, quantity });
    }
  });
  return items;
}

function optionalString(body: Record<string, unknown>, key: string, p: Problems): string | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  p.add(key, `This value should be a string, found ${describeType(v)}.`);
  return null;
}

function rejectUnknown(o: Record<string, unknown>, path: string, known: string[], p: Problems): void {
  for (const key of Object.keys(o)) if (!known.includes(key)) p.add(childPath(path, key), 'This field was not expected.');
}
