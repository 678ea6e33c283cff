// The operator action vocabulary: what a driver can be asked to make the POS do. It is part of
// the product (suites name these actions, vendors implement them in their hook), so it lives here
// as data: each action's parameters, what the result should carry, and how to say it to a person.
import { preview } from '../../core/words/preview.js';

export type ParamType =
  /** A string, or an integer written as a number (order, check and table ids). */
  | 'id'
  /** A non-empty list of ids. */
  | 'id-list'
  | 'string'
  /** A finite number ≥ 0 (money, in the venue's currency units: 40.5 means 40.50). */
  | 'amount'
  /** An integer ≥ 1. */
  | 'count'
  /** A non-empty list of `{ name, price, quantity }`. */
  | 'items';

export interface ParamSpec {
  name: string;
  type: ParamType;
  required: boolean;
  meaning: string;
}

export interface ActionSpec {
  name: ActionName;
  summary: string;
  /** Whether the action concerns an existing order (everything but `open-walk-in`). */
  needsOrder: boolean;
  params: readonly ParamSpec[];
  /** Fields a hook's result should carry besides `"ok": true`. */
  resultFields: readonly { name: string; meaning: string }[];
  /**
   * What it does to the venue's tables, for the run's ledger: `closes` / `voids` end the order
   * (its tables are free again), `seats` opens a walk-in on the tables leased for it, `moves`
   * puts the order on the tables leased for it and frees its old ones.
   */
  venue?: 'closes' | 'voids' | 'seats' | 'moves';
}

export const ACTION_NAMES = [
  'add-items',
  'split-check',
  'pay-check',
  'close-order',
  'void-order',
  'void-check',
  'open-walk-in',
  'move-table',
  'set-party-size',
] as const;

export type ActionName = (typeof ACTION_NAMES)[number];

const checkNumber = (meaning: string, required: boolean): ParamSpec => ({ name: 'checkNumber', type: 'id', required, meaning });
const paymentMethod: ParamSpec = { name: 'paymentMethod', type: 'string', required: true, meaning: 'how the guest pays, e.g. "card" or "cash"' };
const tip: ParamSpec = { name: 'tip', type: 'amount', required: false, meaning: 'tip added to the payment (default: none)' };

export const ACTIONS: Readonly<Record<ActionName, ActionSpec>> = {
  'add-items': {
    name: 'add-items',
    summary: 'Add items to an open order.',
    needsOrder: true,
    params: [
      checkNumber('the check to add to (default: the order\'s only or first check)', false),
      { name: 'items', type: 'items', required: true, meaning: 'what to add: a list of { name, price, quantity }; price is per unit' },
    ],
    resultFields: [{ name: 'checkNumber', meaning: 'the check the items went on' }],
  },
  'split-check': {
    name: 'split-check',
    summary: 'Split the bill of an order into several checks.',
    needsOrder: true,
    params: [{ name: 'parts', type: 'count', required: true, meaning: 'how many checks the bill becomes (2 or more)' }],
    resultFields: [{ name: 'checkNumbers', meaning: 'the check numbers of the order after the split' }],
  },
  'pay-check': {
    name: 'pay-check',
    summary: 'Take payment for one check of an order.',
    needsOrder: true,
    params: [checkNumber('the check being paid', true), paymentMethod, tip],
    resultFields: [],
  },
  'close-order': {
    name: 'close-order',
    summary: 'Take payment for everything still open on an order and close it.',
    needsOrder: true,
    params: [paymentMethod, tip],
    resultFields: [],
    venue: 'closes',
  },
  'void-order': {
    name: 'void-order',
    summary: 'Void (cancel) a whole order.',
    needsOrder: true,
    params: [],
    resultFields: [],
    venue: 'voids',
  },
  'void-check': {
    name: 'void-check',
    summary: 'Void one check of an order.',
    needsOrder: true,
    params: [checkNumber('the check being voided', true)],
    resultFields: [],
  },
  'open-walk-in': {
    name: 'open-walk-in',
    summary: 'Open an order on the POS for guests without a reservation.',
    needsOrder: false,
    params: [
      { name: 'tables', type: 'id-list', required: true, meaning: 'the table ids the guests sit at' },
      { name: 'partySize', type: 'count', required: true, meaning: 'how many guests' },
    ],
    resultFields: [
      { name: 'orderId', meaning: 'the POS id of the new order' },
      { name: 'checkNumber', meaning: 'its check number, when the POS assigns one at once' },
    ],
    venue: 'seats',
  },
  'move-table': {
    name: 'move-table',
    summary: 'Move an order to other tables.',
    needsOrder: true,
    params: [{ name: 'tables', type: 'id-list', required: true, meaning: 'the table ids the order moves to' }],
    resultFields: [],
    venue: 'moves',
  },
  'set-party-size': {
    name: 'set-party-size',
    summary: 'Change the number of guests on an order.',
    needsOrder: true,
    params: [{ name: 'partySize', type: 'count', required: true, meaning: 'the new number of guests' }],
    resultFields: [],
  },
};

export function isActionName(name: string): name is ActionName {
  return (ACTION_NAMES as readonly string[]).includes(name);
}

export interface ActionProblem {
  code: 'unknown-action' | 'missing-param' | 'bad-param' | 'unknown-param';
  severity: 'error' | 'warning';
  /** `params.items[1].price`, `params.parts` … (relative to the step). */
  path: string;
  message: string;
}

export interface ValidateOptions {
  /** Accept strings holding `{{ … }}` for any type (load time: they are only known at run time). */
  templates?: boolean;
}

/** Checks an action's params against the vocabulary. `orderId` is always allowed. */
export function validateActionParams(action: string, params: Record<string, unknown>, options: ValidateOptions = {}): ActionProblem[] {
  if (!isActionName(action)) {
    return [{ code: 'unknown-action', severity: 'error', path: 'action', message: `unknown action "${action}"; known actions: ${ACTION_NAMES.join(', ')}` }];
  }
  const spec = ACTIONS[action];
  const problems: ActionProblem[] = [];
  for (const param of spec.params) {
    const value = params[param.name];
    if (value === undefined || value === null) {
      if (param.required) problems.push({ code: 'missing-param', severity: 'error', path: `params.${param.name}`, message: `"${action}" needs ${param.name}: ${param.meaning}` });
      continue;
    }
    for (const p of checkType(value, param.type, `params.${param.name}`, options)) problems.push(p);
  }
  const known = new Set(['orderId', ...spec.params.map((p) => p.name)]);
  for (const key of Object.keys(params)) {
    if (known.has(key)) continue;
    const expected = spec.params.length === 0 ? 'it takes no params' : `it takes ${spec.params.map((p) => p.name).join(', ')}`;
    problems.push({ code: 'unknown-param', severity: 'warning', path: `params.${key}`, message: `"${action}" has no param "${key}" (${expected})` });
  }
  return problems;
}

function isTemplate(value: unknown, options: ValidateOptions): boolean {
  return options.templates === true && typeof value === 'string' && value.includes('{{');
}

function checkType(value: unknown, type: ParamType, path: string, options: ValidateOptions): ActionProblem[] {
  if (isTemplate(value, options)) return [];
  const bad = (message: string): ActionProblem[] => [{ code: 'bad-param', severity: 'error', path, message: `${path.replace(/^params\./, '')} ${message}, got ${show(value)}` }];
  switch (type) {
    case 'id':
      return isId(value) ? [] : bad('must be an id (a non-empty string or an integer)');
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? [] : bad('must be a non-empty string');
    case 'amount':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? [] : bad('must be a number ≥ 0');
    case 'count':
      return Number.isInteger(value) && (value as number) >= 1 ? [] : bad('must be an integer ≥ 1');
    case 'id-list': {
      if (!Array.isArray(value) || value.length === 0) return bad('must be a non-empty list of ids');
      return value.flatMap((v, i) => (isId(v) || isTemplate(v, options) ? [] : bad(`[${i}] must be an id`)));
    }
    case 'items': {
      if (!Array.isArray(value) || value.length === 0) return bad('must be a non-empty list of { name, price, quantity }');
      return value.flatMap((item, i) => checkItem(item, `${path}[${i}]`, options));
    }
  }
}

function checkItem(item: unknown, path: string, options: ValidateOptions): ActionProblem[] {
  if (isTemplate(item, options)) return [];
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return [{ code: 'bad-param', severity: 'error', path, message: `${path.replace(/^params\./, '')} must be { name, price, quantity }, got ${show(item)}` }];
  }
  const record = item as Record<string, unknown>;
  const fields: [string, ParamType][] = [['name', 'string'], ['price', 'amount'], ['quantity', 'count']];
  return fields.flatMap(([name, type]) => {
    const value = record[name];
    if (value === undefined || value === null) {
      return [{ code: 'missing-param' as const, severity: 'error' as const, path: `${path}.${name}`, message: `${path.replace(/^params\./, '')} needs ${name}` }];
    }
    return checkType(value, type, `${path}.${name}`, options);
  });
}

function isId(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || Number.isInteger(value);
}

const show = (value: unknown): string => preview(value, 60);

export interface DescribeContext {
  /** The tables the order currently sits at, shown so the operator finds it quickly. */
  tables?: readonly string[];
}

/**
 * One sentence telling a person at the POS what to do, e.g.
 * `On the POS, add 2 × Steak at 40.00 to order 98765 (table T12), then press Enter`.
 * Never throws: params that fail validation are shown as they are (or as `?`).
 */
export function describeAction(
  action: string,
  venueId: string,
  orderId: string | null,
  params: Record<string, unknown>,
  context: DescribeContext = {},
): string {
  // A walk-in has no order to find it by, and an unknown action no sentence: name the venue.
  const where = action === 'open-walk-in' || !isActionName(action) ? `On the POS of venue ${venueId}` : 'On the POS';
  return `${where}, ${actionClause(action, orderId, params, context)}, then press Enter`;
}

/** What to do, as a clause a sentence or a list can hold: `void order 98765 (table T12)`. */
export function actionClause(action: string, orderId: string | null, params: Record<string, unknown>, context: DescribeContext = {}): string {
  const order = orderRef(orderId, context.tables);
  const check = (): string => `check ${text(params.checkNumber)} of ${order}`;
  switch (action) {
    case 'add-items': {
      const target = params.checkNumber === undefined || params.checkNumber === null ? order : check();
      return `add ${itemsText(params.items)} to ${target}`;
    }
    case 'split-check':
      return `split the bill of ${order} into ${text(params.parts)} checks`;
    case 'pay-check':
      return `take payment for ${check()} ${payment(params)}`;
    case 'close-order':
      return `take payment for everything still open on ${order} ${payment(params)}, and close the order`;
    case 'void-order':
      return `void ${order}`;
    case 'void-check':
      return `void ${check()}`;
    case 'open-walk-in':
      return `open a walk-in order for ${guests(params.partySize)} at ${tablesText(params.tables)}`;
    case 'move-table': {
      const from = context.tables && context.tables.length > 0 ? ` from ${tablesText(context.tables)}` : '';
      return `move ${orderId === null ? 'the order' : `order ${orderId}`}${from} to ${tablesText(params.tables)}`;
    }
    case 'set-party-size':
      return `change the party size of ${order} to ${guests(params.partySize)}`;
    default: {
      const json = Object.keys(params).length === 0 ? '' : ` with ${JSON.stringify(params)}`;
      return `perform "${action}" on ${order}${json}`;
    }
  }
}

export interface BatchItem {
  action: string;
  orderId: string | null;
  params: Record<string, unknown>;
  /** The tables the order sits at, when known. */
  tables?: readonly string[];
}

/**
 * Several actions as one instruction, so a person is asked once rather than once per order:
 * the same void (or close) of many orders in one sentence,
 * `On the POS, void these 7 orders: 1178 (T1), 1179 (T2), …, then press Enter`;
 * anything else as a numbered list after `On the POS, do these 3 things, then press Enter:`.
 * Returns the lines: the sentence, then the list's items (numbered, not indented).
 */
export function describeBatch(items: readonly BatchItem[], venueId: string): string[] {
  const [first] = items;
  if (first === undefined) return [];
  if (items.length === 1) return [describeAction(first.action, venueId, first.orderId, first.params, tablesOf(first))];
  const together = groupSentence(items);
  if (together !== undefined) return [together];
  const lead = `On the POS${items.some((i) => i.action === 'open-walk-in') ? ` of venue ${venueId}` : ''}, do these ${items.length} things in this order, then press Enter:`;
  return [lead, ...items.map((i, n) => `${n + 1}. ${actionClause(i.action, i.orderId, i.params, tablesOf(i))}`)];
}

/** One sentence for the same void or close of several orders (same params); undefined otherwise. */
function groupSentence(items: readonly BatchItem[]): string | undefined {
  const { action, params } = items[0]!;
  const same = items.every((i) => i.action === action && i.orderId !== null && JSON.stringify(i.params) === JSON.stringify(params));
  if (!same) return undefined;
  // Short references (`1178 (T1)`): the sentence already says they are orders.
  const list = items.map((i) => (i.tables && i.tables.length > 0 ? `${i.orderId} (${i.tables.join(' + ')})` : String(i.orderId))).join(', ');
  const n = items.length;
  if (action === 'void-order') return `On the POS, void these ${n} orders: ${list}, then press Enter`;
  if (action === 'close-order') return `On the POS, close these ${n} orders, taking payment for everything still open on each ${payment(params)}: ${list}, then press Enter`;
  return undefined;
}

function tablesOf(item: BatchItem): DescribeContext {
  return item.tables ? { tables: item.tables } : {};
}

function payment(params: Record<string, unknown>): string {
  const tipText = params.tip === undefined || params.tip === null || params.tip === 0 ? '' : `, with a tip of ${money(params.tip)}`;
  return `by ${text(params.paymentMethod)}${tipText}`;
}

function orderRef(orderId: string | null, tables: readonly string[] | undefined): string {
  const base = orderId === null || orderId === '' ? 'the order' : `order ${orderId}`;
  return tables && tables.length > 0 ? `${base} (${tablesText(tables)})` : base;
}

function tablesText(tables: unknown): string {
  if (!Array.isArray(tables) || tables.length === 0) return `table ${text(tables)}`;
  return `${tables.length === 1 ? 'table' : 'tables'} ${tables.map(text).join(' + ')}`;
}

function itemsText(items: unknown): string {
  if (!Array.isArray(items) || items.length === 0) return `the items ${text(items)}`;
  const parts = items.map((item) => {
    const r = (item ?? {}) as Record<string, unknown>;
    return `${text(r.quantity)} × ${text(r.name)} at ${money(r.price)}`;
  });
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

function guests(n: unknown): string {
  return n === 1 ? '1 guest' : `${text(n)} guests`;
}

function money(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : text(value);
}

function text(value: unknown): string {
  if (value === undefined || value === null || value === '') return '?';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
