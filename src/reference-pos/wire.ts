// Stored shapes → the JSON the contract describes (§2.1, §2.3). E3 and E4 both use `orderToWire`,
// which is what keeps them consistent (§8.4 #50): one order, one rendering.

import { formatSeatingDate } from './dates.js';
import type { FaultSet } from './faults.js';
import { checkAmounts, type AmountRules, type Check, type Item, type Order, type Table } from './model.js';

/** Mozrest may omit `partySize` in E2, but E3 must report an integer (§8.4 #40); a table of two. */
export const DEFAULT_PARTY_SIZE = 2;

export interface WireTable {
  id: string | number;
  name: string;
  area: string | number | null;
}

export interface WireCheck {
  checkNumber: string;
  status: string;
  totalAmount: number;
  tax: number;
  tip: number;
  discount: number;
  paymentMethod: string | null;
  items: Item[];
}

export interface WireOrder {
  id: string;
  mozrestId?: string;
  status: string;
  tables: string[];
  partySize?: number;
  guestName: string | null;
  guestEmail: string | null;
  guestTelephone: string | null;
  /** Seating time, `Y-m-d H:i:s` UTC — the same format E2 accepts. */
  date: string;
  openedAt: string;
  closedAt: string | null;
  prepayment: number;
  checks?: WireCheck[];
}

export function tablesToWire(tables: readonly Table[], faults: FaultSet): WireTable[] {
  const wire: WireTable[] = tables.map(({ id, name, area }, index) => ({
    id: faults.has('tables-numeric-ids') ? index + 1 : id,
    name,
    // The fault: the area as a number (its position in the room list), not a name.
    area: faults.has('tables-area-number') ? (index % 3) + 1 : area,
  }));
  if (faults.has('tables-duplicate-ids') && wire.length >= 2) wire[1] = { ...wire[1]!, id: wire[0]!.id };
  return wire;
}

/** The blind faults that change how a check's amounts are computed, everywhere they are shown. */
export function amountRules(faults: FaultSet): AmountRules {
  return { ignoreQuantity: faults.has('total-ignores-quantity'), taxAsRate: faults.has('tax-reported-as-rate') };
}

/**
 * A check's status as the POS's mapper writes it. Blind faults: a mapper that knows only
 * void/open (`closed-checks-stay-open`), or only open/closed (`void-reported-as-closed`).
 */
export function mappedCheckStatus(status: string, faults: FaultSet): string {
  if (status === 'closed' && faults.has('closed-checks-stay-open')) return 'open';
  if (status === 'void' && faults.has('void-reported-as-closed')) return 'closed';
  return status;
}

export function orderToWire(order: Order, faults: FaultSet): WireOrder {
  const status = (s: string): string => (faults.has('uppercase-statuses') ? s.toUpperCase() : s);
  // Blind fault: the mapper was written when E3 listed open orders only, and hard-codes the status.
  const orderStatus = faults.has('order-status-always-open') ? 'open' : order.status;
  // Blind fault: a closed order's checks live in the archive, which E3/E4 do not read.
  const archived = faults.has('closed-checks-archived') && order.status === 'closed';
  const rules = amountRules(faults);
  const wire: WireOrder = {
    id: order.id,
    ...(order.mozrestId !== null && { mozrestId: order.mozrestId }),
    status: status(orderStatus),
    tables: [...order.tables],
    partySize: order.partySize ?? DEFAULT_PARTY_SIZE,
    guestName: order.guestName,
    guestEmail: order.guestEmail,
    guestTelephone: order.guestTelephone,
    date: formatSeatingDate(order.openedAt),
    openedAt: order.openedAt.toISOString(),
    closedAt: order.closedAt?.toISOString() ?? null,
    prepayment: order.prepayment,
    checks: archived ? [] : order.checks.map((check) => checkToWire(check, (s) => status(mappedCheckStatus(s, faults)), rules)),
  };
  if (faults.has('list-omits-party-size')) delete wire.partySize;
  if (faults.has('list-omits-checks')) delete wire.checks;
  return wire;
}

function checkToWire(check: Check, status: (s: string) => string, rules: AmountRules): WireCheck {
  return {
    checkNumber: check.checkNumber,
    status: status(check.status),
    ...checkAmounts(check, rules),
    paymentMethod: check.paymentMethod,
    items: check.items.map(({ id, name, price, quantity }) => ({ id, name, price, quantity })),
  };
}
