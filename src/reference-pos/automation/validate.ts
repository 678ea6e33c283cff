// Reads a request to the test-automation hook: `{ "action", "venueId", "orderId", "params" }`.
// Every action's params are checked here, so the actions themselves deal only with the POS's
// state. Unknown keys are ignored, as everywhere a caller sends the POS JSON (BR13). Money is
// rounded to cents on the way in, so E3/E4 and the callbacks show the same numbers.

import { round2 } from '../model.js';
import type { Payment } from '../order-ops.js';
import { childPath, describeType, isPlainObject, Problems } from '../problems.js';

/** A line an operator rings up; without an id the POS numbers it. */
export interface LineInput {
  id?: number | string;
  name: string;
  price: number;
  quantity: number;
}

/** The product's action vocabulary and each action's params. */
export interface ActionParams {
  'add-items': { checkNumber?: string; items: LineInput[] };
  'split-check': { parts: number; checkNumber?: string };
  'pay-check': Payment & { checkNumber: string };
  'close-order': Payment;
  'void-order': Record<string, never>;
  'void-check': { checkNumber: string };
  'open-walk-in': { tables: string[]; partySize: number | null };
  'move-table': { tables: string[] };
  'set-party-size': { partySize: number };
}

export type ActionName = keyof ActionParams;

export type ActionRequest = {
  [A in ActionName]: { action: A; venueId: string; orderId: string; params: ActionParams[A] };
}[ActionName];

export type ParsedAction = { ok: true; request: ActionRequest } | { ok: false; error: string };

/** Splits beyond this are a typo, not a table of friends. */
const MAX_PARTS = 50;

type Reader<A extends ActionName> = (params: Record<string, unknown>, p: Problems) => ActionParams[A];

const READERS: { [A in ActionName]: Reader<A> } = {
  'add-items': (o, p) => ({ ...optional('checkNumber', readCheckNumber(o, p, false)), items: readLines(o.items, p) }),
  'split-check': (o, p) => ({
    parts: readInteger(o, 'parts', 2, MAX_PARTS, p) ?? 2,
    ...optional('checkNumber', readCheckNumber(o, p, false)),
  }),
  'pay-check': (o, p) => ({ checkNumber: readCheckNumber(o, p, true) ?? '', ...readPayment(o, p) }),
  'close-order': (o, p) => readPayment(o, p),
  'void-order': () => ({}),
  'void-check': (o, p) => ({ checkNumber: readCheckNumber(o, p, true) ?? '' }),
  'open-walk-in': (o, p) => ({
    tables: readTables(o, p),
    partySize: o.partySize === undefined || o.partySize === null ? null : (readInteger(o, 'partySize', 1, 1000, p) ?? 1),
  }),
  'move-table': (o, p) => ({ tables: readTables(o, p) }),
  'set-party-size': (o, p) => ({ partySize: readInteger(o, 'partySize', 1, 1000, p) ?? 1 }),
};

export const ACTION_NAMES = Object.keys(READERS) as ActionName[];

function isActionName(s: unknown): s is ActionName {
  return typeof s === 'string' && Object.hasOwn(READERS, s);
}

export function parseActionRequest(body: unknown): ParsedAction {
  if (!isPlainObject(body)) return { ok: false, error: `body: expected a JSON object, found ${describeType(body)}` };
  const { action, venueId, orderId, params = {} } = body;
  if (!isActionName(action)) {
    return { ok: false, error: `unknown action ${JSON.stringify(action)} (known: ${ACTION_NAMES.join(', ')})` };
  }

  const p = new Problems();
  if (typeof venueId !== 'string' || venueId === '') p.add('venueId', 'This value should be a non-empty string.');
  // A walk-in has no order yet; every other action works on one.
  const id = idText(orderId);
  if (action !== 'open-walk-in' && id === undefined) p.add('orderId', 'This value should be a non-empty string.');
  if (!isPlainObject(params)) {
    p.add('params', `This value should be an object, found ${describeType(params)}.`);
    return { ok: false, error: p.toLines().join('; ') };
  }
  const scoped = new Problems();
  const read = READERS[action] as Reader<ActionName>;
  const parsed = read(params, scoped);
  for (const [path, messages] of Object.entries(scoped.toDetails())) {
    for (const message of messages) p.add(childPath('params', path), message);
  }
  if (!p.isEmpty) return { ok: false, error: p.toLines().join('; ') };
  return { ok: true, request: { action, venueId: venueId as string, orderId: id ?? '', params: parsed } as ActionRequest };
}

// --- readers ------------------------------------------------------------------------------------

/** Ids may arrive as numbers from a templated driver; they are strings in the POS. */
function idText(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return undefined;
}

function readCheckNumber(o: Record<string, unknown>, p: Problems, required: boolean): string | undefined {
  if (!required && (o.checkNumber === undefined || o.checkNumber === null)) return undefined;
  const text = idText(o.checkNumber);
  if (text === undefined) p.add('checkNumber', 'This value should be a non-empty string.');
  return text;
}

function readPayment(o: Record<string, unknown>, p: Problems): Payment {
  const { paymentMethod, tip } = o;
  if (typeof paymentMethod !== 'string' || paymentMethod.trim() === '') {
    p.add('paymentMethod', 'This value should be a non-empty string, e.g. "card" or "cash".');
  }
  const payment: Payment = { paymentMethod: typeof paymentMethod === 'string' ? paymentMethod : '' };
  if (tip !== undefined && tip !== null) {
    if (typeof tip === 'number' && Number.isFinite(tip) && tip >= 0) payment.tip = round2(tip);
    else p.add('tip', 'This value should be a number of at least 0.');
  }
  return payment;
}

function readTables(o: Record<string, unknown>, p: Problems): string[] {
  const { tables } = o;
  if (!Array.isArray(tables) || tables.length === 0) {
    p.add('tables', 'This value should be a non-empty array of table ids.');
    return [];
  }
  const ids = tables.map(idText).filter((t): t is string => t !== undefined);
  if (ids.length !== tables.length) p.add('tables', 'Every table id should be a non-empty string.');
  if (new Set(ids).size !== ids.length) p.add('tables', 'This collection should not contain the same table twice.');
  return ids;
}

function readInteger(o: Record<string, unknown>, key: string, min: number, max: number, p: Problems): number | undefined {
  const v = o[key];
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  p.add(key, `This value should be an integer from ${min} to ${max}.`);
  return undefined;
}

function readLines(v: unknown, p: Problems): LineInput[] {
  if (!Array.isArray(v) || v.length === 0) {
    p.add('items', 'This value should be a non-empty array of { name, price, quantity }.');
    return [];
  }
  const lines: LineInput[] = [];
  v.forEach((raw, i) => {
    const path = childPath('items', i);
    if (!isPlainObject(raw)) return p.add(path, `This value should be an object, found ${describeType(raw)}.`);
    const { id, name, price, quantity } = raw;
    const problems = [
      id !== undefined && id !== null && typeof id !== 'number' && typeof id !== 'string' && ['id', 'a number or a string'],
      (typeof name !== 'string' || name.trim() === '') && ['name', 'a non-empty string'],
      !(typeof price === 'number' && Number.isFinite(price) && price >= 0) && ['price', 'a number of at least 0'],
      !(typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1) && ['quantity', 'an integer of at least 1'],
    ].filter((x): x is [string, string] => Array.isArray(x));
    for (const [key, what] of problems) p.add(childPath(path, key), `This value should be ${what}.`);
    if (problems.length === 0) {
      lines.push({ ...((typeof id === 'number' || typeof id === 'string') && { id }), name: name as string, price: round2(price as number), quantity: quantity as number });
    }
  });
  return lines;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
