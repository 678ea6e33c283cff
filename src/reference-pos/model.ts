// The reference POS's domain: venues with tables, orders with checks, checks with items.
// These are the stored shapes; the wire shapes (what E1–E4 send) are built in `wire.ts`, so the
// storage can stay convenient (Dates, nulls) while the JSON follows the contract exactly.

export interface Table {
  id: string;
  name: string;
  /** Mozrest's pos-tables resource carries `area` (string or null); the POS may add it (§2.1). */
  area: string | null;
}

export interface Venue {
  id: string;
  name: string;
  tables: Table[];
  /** The POS knows the venue but its token may not access it: every E-endpoint answers 403 (§8.1 #7). */
  forbidden?: boolean;
}

export interface Item {
  id: number | string;
  name: string;
  /** Unit price, tax included. */
  price: number;
  quantity: number;
}

export type OrderStatus = 'open' | 'closed';
export type CheckStatus = 'open' | 'closed' | 'void';

export interface Check {
  checkNumber: string;
  status: CheckStatus;
  items: Item[];
  tip: number;
  discount: number;
  paymentMethod: string | null;
}

/** What Mozrest's Create Order says about the booking; shared by new, stored and seeded orders. */
export interface BookingDetails {
  /** The `id` Mozrest sent in E2, kept for reconciliation (§8.3 #30). */
  mozrestId: string | null;
  tables: string[];
  /** Null when Mozrest did not send one; the wire shows the default (see wire.ts). */
  partySize: number | null;
  guestName: string | null;
  guestEmail: string | null;
  guestTelephone: string | null;
  prepayment: number;
}

export interface Order extends BookingDetails {
  id: string;
  venueId: string;
  status: OrderStatus;
  /** Seating time = opening time (BR1). E3's from/until filter on it. Whole seconds. */
  openedAt: Date;
  closedAt: Date | null;
  checks: Check[];
}

/**
 * Tax is a fixed 10 % share of the check total, already included in the prices (A15 leaves the
 * convention to the POS; the reference POS picks the simplest one and documents it here).
 */
export const TAX_SHARE = 0.1;

export interface CheckAmounts {
  totalAmount: number;
  tax: number;
  tip: number;
  discount: number;
}

/** Ways a faulty POS computes the amounts (blind faults); the correct POS passes none. */
export interface AmountRules {
  /** Fault `total-ignores-quantity`: each line counts once, whatever its quantity. */
  ignoreQuantity?: boolean;
  /** Fault `tax-reported-as-rate`: `tax` is the rate in percent, not an amount. */
  taxAsRate?: boolean;
}

/** Amounts are derived from the items every time, so they can never drift from the lines. */
export function checkAmounts(check: Check, rules: AmountRules = {}): CheckAmounts {
  const gross = check.items.reduce((sum, item) => sum + item.price * (rules.ignoreQuantity ? 1 : item.quantity), 0);
  const totalAmount = round2(gross - check.discount);
  const tax = rules.taxAsRate ? TAX_SHARE * 100 : round2(totalAmount * TAX_SHARE);
  return { totalAmount, tax, tip: check.tip, discount: check.discount };
}

/** Money is rounded to cents; floating-point sums like 0.1 + 0.2 must not reach the wire. */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}
