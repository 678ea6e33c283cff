// What an operator does to an order at the till — pay a check, void it, split the bill — as plain
// functions on the stored shapes. The store applies them to its own orders; keeping them free of
// the store lets a fault apply one to a copy (a void that is announced but never recorded).

import { truncateToSeconds } from './dates.js';
import type { Check, Item, Order } from './model.js';

/** Why an operator action cannot be done in the order's current state. */
export type PosStateCode =
  | 'unknown-order' | 'order-not-open' | 'unknown-check' | 'no-open-check' | 'ambiguous-check' | 'table-occupied';

export class PosStateError extends Error {
  constructor(
    readonly code: PosStateCode,
    message: string,
  ) {
    super(message);
    this.name = 'PosStateError';
  }
}

export interface Payment {
  paymentMethod: string;
  tip?: number;
}

export function openCheck(checkNumber: string, items: Item[]): Check {
  return { checkNumber, status: 'open', items: items.map((i) => ({ ...i })), tip: 0, discount: 0, paymentMethod: null };
}

export function openChecks(order: Order): Check[] {
  return order.checks.filter((c) => c.status === 'open');
}

/** The open check with that number, or the first open check when no number is given. */
export function findOpenCheck(order: Order, checkNumber?: string): Check {
  const check = openChecks(order).find((c) => checkNumber === undefined || c.checkNumber === checkNumber);
  if (check) return check;
  const known = order.checks.find((c) => c.checkNumber === checkNumber);
  if (known) throw new PosStateError('no-open-check', `Order ${order.id}: check ${checkNumber} is ${known.status}`);
  if (checkNumber === undefined) throw new PosStateError('no-open-check', `Order ${order.id} has no open check`);
  throw new PosStateError('unknown-check', `Order ${order.id} has no check ${checkNumber}`);
}

export function payCheck(check: Check, payment: Payment): void {
  check.status = 'closed';
  check.paymentMethod = payment.paymentMethod;
  check.tip = payment.tip ?? 0;
}

export function closeOrder(order: Order, at: Date): void {
  order.status = 'closed';
  order.closedAt = truncateToSeconds(at);
}

/**
 * Voids one open check, or every open check when no number is given; an order left without an
 * open check is closed. A fully voided order is therefore `status: "closed"` with all its checks
 * `void`: the contract knows only open/closed for orders and open/closed/void for checks (BR6),
 * and leaves the order-level representation open (A4). The reference POS picks the reading that
 * adds no status value.
 */
export function voidChecks(order: Order, at: Date, checkNumber?: string): Check[] {
  const voided = checkNumber === undefined ? openChecks(order) : [findOpenCheck(order, checkNumber)];
  for (const check of voided) check.status = 'void';
  if (openChecks(order).length === 0) closeOrder(order, at);
  return voided;
}

/** Deals the lines out round-robin: line 1 to part 1, line 2 to part 2, …; a part may be empty. */
export function distribute(items: readonly Item[], parts: number): Item[][] {
  const buckets: Item[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => buckets[i % parts]!.push(item));
  return buckets;
}

/** Line ids stay unique within an order: one past the highest numeric id on any of its checks. */
export function nextItemId(order: Order): number {
  let max = 0;
  for (const check of order.checks) {
    for (const item of check.items) if (typeof item.id === 'number' && item.id > max) max = item.id;
  }
  return max + 1;
}
