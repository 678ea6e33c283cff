// The order as the POS reports it to Mozrest in M1–M4 (§3.1, P3): `{ id, status, tables,
// partySize, checks[] }` — the E3 order without the guest and time fields. `id` is the POS's own
// order id (the P3 example id is not the Mozrest UUID). Built from the order at the moment of the
// change, so a callback still queued never shows a later state.
//
// Lifecycle faults that corrupt the payload are applied here, after the correct payload is built,
// so each one changes exactly the field it names.

import type { FaultSet } from '../faults.js';
import { checkAmounts, type AmountRules, type Order } from '../model.js';
import { DEFAULT_PARTY_SIZE, mappedCheckStatus, type WireCheck } from '../wire.js';

/** M1 create (walk-in), M2 update, M3 close, M4 void. */
export type CallbackKind = 'create' | 'update' | 'close' | 'void';

export interface OrderPayload {
  id: string;
  status: string;
  tables: string[];
  partySize: number;
  /** The same checks E3/E4 show: one shape on the wire in both directions. */
  checks: WireCheck[];
}

export function orderPayload(order: Order, rules: AmountRules = {}): OrderPayload {
  return {
    id: order.id,
    status: order.status,
    tables: [...order.tables],
    partySize: order.partySize ?? DEFAULT_PARTY_SIZE,
    checks: order.checks.map((check) => ({
      checkNumber: check.checkNumber,
      status: check.status,
      ...checkAmounts(check, rules),
      paymentMethod: check.paymentMethod,
      items: check.items.map(({ id, name, price, quantity }) => ({ id, name, price, quantity })),
    })),
  };
}

/** Fault `payment-method-display-name`: the till's tender labels. */
const TENDER_LABELS: Readonly<Record<string, string>> = { card: 'Credit Card', cash: 'Cash' };

/**
 * The payload a POS with the active faults would send; the correct one when none applies.
 * `tableName` (the venue's table names by id) serves the fault `callback-table-names`.
 */
export function faultyPayload(
  payload: OrderPayload, kind: CallbackKind, faults: FaultSet, tableName: (id: string) => string = (id) => id,
): Record<string, unknown> {
  const money = (n: number): number | string => (faults.has('callback-string-amounts') ? n.toFixed(2) : n);
  const status = (s: string): string => (faults.has('callback-uppercase-status') ? s.toUpperCase() : s);
  const dropItems = faults.has('callback-drops-items') && (kind === 'update' || kind === 'close');
  const firstOnly = faults.has('merged-tables-first-only') ? payload.tables.slice(0, 1) : payload.tables;
  // Blind fault: the mapper sends the tables' display names rather than their ids.
  const tables = faults.has('callback-table-names') ? firstOnly.map(tableName) : firstOnly;
  // Blind fault: an update is a delta of what can still change — settled checks are left out.
  const checks = faults.has('update-omits-settled-checks') && kind === 'update'
    ? payload.checks.filter((c) => c.status === 'open')
    : payload.checks;
  // Blind fault: the tender's display label instead of a token.
  const tender = (m: string | null): string | null =>
    m !== null && faults.has('payment-method-display-name') ? (TENDER_LABELS[m] ?? m.charAt(0).toUpperCase() + m.slice(1)) : m;
  // Blind fault: `price` is the line total the receipt prints, not the unit price.
  const linePrice = (price: number, quantity: number): number =>
    faults.has('callback-item-line-total') ? Math.round(price * quantity * 100) / 100 : price;

  return {
    id: payload.id,
    status: status(payload.status),
    // The deprecated single-table field (§3.1, §8.6 #67).
    ...(faults.has('callback-table-id') ? { tableId: tables[0] ?? '' } : { tables }),
    partySize: payload.partySize,
    checks: checks.map((check) => ({
      ...check,
      checkNumber: faults.has('callback-blank-check-number') ? '' : check.checkNumber,
      status: status(mappedCheckStatus(check.status, faults)),
      paymentMethod: tender(check.paymentMethod),
      totalAmount: money(check.totalAmount),
      tax: money(check.tax),
      tip: money(check.tip),
      discount: money(check.discount),
      items: dropItems ? [] : check.items.map((item) => ({ ...item, price: money(linePrice(item.price, item.quantity)) })),
    })),
  };
}
