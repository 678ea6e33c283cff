// The reference POS's memory: venues, their tables and orders, seeded from the fixture.
//
// The store owns the POS's invariants — one open order per table, check numbers unique across the
// POS, an open order always has an open check, closed orders kept 45 days — so every way in (E2,
// and the test-automation hook that adds items, splits, pays and voids) goes through the same
// rules. HTTP concerns live elsewhere; a refused operator action throws a `PosStateError`.

import { DAY_MS, truncateToSeconds } from './dates.js';
import type { Fixture, SeedOrder } from './fixture.js';
import type { BookingDetails, Check, Item, Order, Venue } from './model.js';
import {
  closeOrder, distribute, findOpenCheck, openCheck, openChecks, payCheck as settle, PosStateError, voidChecks, type Payment,
} from './order-ops.js';

export { PosStateError } from './order-ops.js';

/** Closed orders must stay retrievable for 45 days (P0, BR7). */
export const CLOSED_ORDER_RETENTION_DAYS = 45;

export interface StorePolicy {
  /** How long a closed order stays visible; 0 hides it at once (fault `closed-orders-purged`). */
  closedRetentionMs: number;
  /** Open a second order on an occupied table (fault `create-allows-double-booking`). */
  allowDoubleBooking: boolean;
  /** The checks a split makes reuse the split check's number (fault `split-duplicate-check-number`). */
  splitReusesCheckNumber: boolean;
  /** Paying one check pays them all and closes the order (fault `pay-check-closes-order`). */
  payCheckClosesOrder: boolean;
  /** An order closed by an operator is dropped at once (fault `closed-order-not-listed`). */
  forgetOperatorClosed: boolean;
  /** Voids are applied to a copy that is reported but never stored (fault `void-not-recorded`). */
  recordVoids: boolean;
  /** A create repeating an open order's Mozrest id opens a second order (fault `replay-opens-second-order`). */
  replayOpensSecondOrder?: boolean;
  /** Blind fault `pay-drops-tip`: the tip entered at payment is not stored. */
  dropTipOnPayment?: boolean;
  /** Blind fault `payment-method-not-stored`: the tender type is not stored. */
  forgetPaymentMethod?: boolean;
  /** Blind fault `split-copies-lines`: every check a split makes gets all the lines. */
  splitCopiesLines?: boolean;
  /** Blind fault `closed-tables-emptied`: closing an order clears its tables. */
  clearTablesOnClose?: boolean;
  /** Blind fault `merged-occupancy-first-table`: only the first requested table is checked for occupancy. */
  occupancyFirstTableOnly?: boolean;
}

export const DEFAULT_POLICY: StorePolicy = {
  closedRetentionMs: CLOSED_ORDER_RETENTION_DAYS * DAY_MS,
  allowDoubleBooking: false,
  splitReusesCheckNumber: false,
  payCheckClosesOrder: false,
  forgetOperatorClosed: false,
  recordVoids: true,
};

export interface NewOrder extends BookingDetails {
  openedAt: Date;
  items: Item[];
}

export type CreateResult = { ok: true; order: Order } | { ok: false; occupiedTable: string; byOrder: string };

export class PosStore {
  readonly venues: readonly Venue[];
  readonly #orders = new Map<string, Order>();
  readonly #checkNumbers = new Set<string>();
  #nextOrderId = 1001;
  #nextCheckNumber = 500001;

  constructor(
    fixture: Fixture,
    private readonly now: () => Date,
    private readonly policy: StorePolicy = DEFAULT_POLICY,
  ) {
    this.venues = fixture.venues.map(({ id, name, tables, forbidden }) => ({ id, name, tables, ...(forbidden ? { forbidden } : {}) }));
    const seededAt = now();
    for (const venue of fixture.venues) {
      for (const seed of venue.orders) this.#insert(seedToOrder(seed, venue.id, seededAt));
    }
  }

  venue(venueId: string): Venue | undefined {
    return this.venues.find((v) => v.id === venueId);
  }

  /** Orders of one venue still within retention, oldest first. */
  orders(venueId: string): Order[] {
    this.#purgeExpired();
    return [...this.#orders.values()]
      .filter((o) => o.venueId === venueId)
      .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || a.id.localeCompare(b.id));
  }

  order(venueId: string, orderId: string): Order | undefined {
    this.#purgeExpired();
    const order = this.#orders.get(orderId);
    return order?.venueId === venueId ? order : undefined;
  }

  /** The open order occupying a table, if any. */
  openOrderOnTable(venueId: string, tableId: string): Order | undefined {
    return this.orders(venueId).find((o) => o.status === 'open' && o.tables.includes(tableId));
  }

  /** Opens an order with one open check holding the pre-order items; refuses occupied tables. */
  createOrder(venueId: string, input: NewOrder): CreateResult {
    const replay = this.policy.replayOpensSecondOrder && input.mozrestId !== null && this.orders(venueId).some((o) => o.status === 'open' && o.mozrestId === input.mozrestId);
    const occupied = replay ? undefined : this.#occupant(venueId, input.tables);
    if (occupied) return { ok: false, ...occupied };
    const order = this.draftOrder(venueId, input);
    this.#insert(order);
    return { ok: true, order };
  }

  /**
   * Builds the order and allocates its ids without storing it. Used by `createOrder`, and on its
   * own by the `create-not-persisted` fault (a POS that answers but forgets).
   */
  draftOrder(venueId: string, input: NewOrder): Order {
    const { items, openedAt, ...fields } = input;
    return {
      ...fields,
      id: this.#allocateOrderId(),
      venueId,
      status: 'open',
      openedAt: truncateToSeconds(openedAt),
      closedAt: null,
      checks: [openCheck(this.#allocateCheckNumber(), items)],
    };
  }

  // --- Operator actions (used by the test-automation hook; no E-endpoint exposes them) --------
  // Each returns what changed; the hook reports it and builds the M1–M4 callback from the order.

  /** Adds lines to an open check (the first open one when no check number is given). */
  addItems(orderId: string, items: Item[], checkNumber?: string): Check {
    const check = findOpenCheck(this.#openOrder(orderId), checkNumber);
    check.items.push(...items.map((item) => ({ ...item })));
    return check;
  }

  /** Splits the bill: opens another check on an open order. */
  addCheck(orderId: string, items: Item[] = []): Check {
    const order = this.#openOrder(orderId);
    const check = openCheck(this.#allocateCheckNumber(), items);
    order.checks.push(check);
    return check;
  }

  /**
   * Splits one open check (the only one, unless a number is given) into `parts` checks, dealing
   * its lines out round-robin; the first part keeps the check number. Amounts follow the lines.
   */
  splitCheck(orderId: string, parts: number, checkNumber?: string): Check[] {
    const order = this.#openOrder(orderId);
    if (checkNumber === undefined && openChecks(order).length > 1) {
      throw new PosStateError('ambiguous-check', `Order ${orderId} has several open checks; say which one to split`);
    }
    const source = findOpenCheck(order, checkNumber);
    const [first = [], ...rest] = distribute(source.items, parts);
    // Blind fault: "split by seat" copies every line onto each check instead of dealing them out.
    const copies = this.policy.splitCopiesLines ? rest.map(() => source.items) : undefined;
    if (!copies) source.items = first;
    const added = (copies ?? rest).map((items) =>
      openCheck(this.policy.splitReusesCheckNumber ? source.checkNumber : this.#allocateCheckNumber(), items),
    );
    order.checks.splice(order.checks.indexOf(source) + 1, 0, ...added);
    return [source, ...added];
  }

  /** Pays one check; the order closes with its last open check. */
  payCheck(orderId: string, checkNumber: string, payment: Payment): Order {
    const order = this.#openOrder(orderId);
    this.#settle(findOpenCheck(order, checkNumber), payment);
    if (this.policy.payCheckClosesOrder) return this.closeOrder(orderId, payment);
    if (openChecks(order).length === 0) this.#closed(order);
    return order;
  }

  /** Pays every open check and closes the order; the retention clock starts now. */
  closeOrder(orderId: string, payment: Payment): Order {
    const order = this.#openOrder(orderId);
    for (const check of openChecks(order)) this.#settle(check, payment);
    this.#closed(order);
    return order;
  }

  /** Voids one open check; the order closes when no open check is left (see `voidChecks`). */
  voidCheck(orderId: string, checkNumber: string): Order {
    return this.#void(orderId, checkNumber);
  }

  /** Voids every open check, which closes the order (a fully voided order is closed, A4). */
  voidOrder(orderId: string): Order {
    return this.#void(orderId);
  }

  /** Moves an open order to other tables (a move or a merge); refuses tables another order holds. */
  moveTables(orderId: string, tables: string[]): Order {
    const order = this.#openOrder(orderId);
    const occupied = this.#occupant(order.venueId, tables, order.id);
    if (occupied) {
      throw new PosStateError('table-occupied', `Table ${occupied.occupiedTable} already occupied by order ${occupied.byOrder}`);
    }
    order.tables = [...tables];
    return order;
  }

  setPartySize(orderId: string, partySize: number): Order {
    const order = this.#openOrder(orderId);
    order.partySize = partySize;
    return order;
  }

  // --- internals -------------------------------------------------------------------------------

  #settle(check: Check, payment: Payment): void {
    settle(check, payment);
    // Blind faults: the tender screen's tip field, or its tender type, never reaches the order.
    if (this.policy.dropTipOnPayment) check.tip = 0;
    if (this.policy.forgetPaymentMethod) check.paymentMethod = null;
  }

  #insert(order: Order): void {
    this.#orders.set(order.id, order);
    for (const check of order.checks) this.#checkNumbers.add(check.checkNumber);
  }

  // Retention is computed lazily on every read against the injected clock, so tests can move
  // time forward without timers, and an order ages out exactly when the clock says it should.
  #purgeExpired(): void {
    const now = this.now().getTime();
    for (const [id, order] of this.#orders) {
      if (order.closedAt && now - order.closedAt.getTime() >= this.policy.closedRetentionMs) this.#orders.delete(id);
    }
  }

  #openOrder(orderId: string): Order {
    const order = this.#orders.get(orderId);
    if (!order) throw new PosStateError('unknown-order', `No order ${orderId}`);
    if (order.status !== 'open') throw new PosStateError('order-not-open', `Order ${orderId} is ${order.status}`);
    return order;
  }

  /** The first of `tables` held by an open order other than `exceptOrder`, unless double booking is allowed. */
  #occupant(venueId: string, tables: string[], exceptOrder?: string): { occupiedTable: string; byOrder: string } | undefined {
    if (this.policy.allowDoubleBooking) return undefined;
    // Blind fault: `WHERE table_id = :tables[0]` — only the first table of a merge is checked.
    for (const tableId of this.policy.occupancyFirstTableOnly ? tables.slice(0, 1) : tables) {
      const existing = this.openOrderOnTable(venueId, tableId);
      if (existing && existing.id !== exceptOrder) return { occupiedTable: tableId, byOrder: existing.id };
    }
    return undefined;
  }

  #void(orderId: string, checkNumber?: string): Order {
    const stored = this.#openOrder(orderId);
    const order = this.policy.recordVoids ? stored : structuredClone(stored);
    voidChecks(order, this.now(), checkNumber);
    if (order === stored && order.status === 'closed') this.#closed(order);
    return order;
  }

  /** Marks an order closed now (unless already); the fault `closed-order-not-listed` forgets it. */
  #closed(order: Order): void {
    if (order.status !== 'closed' || order.closedAt === null) closeOrder(order, this.now());
    // Blind fault: the tables are released by unlinking them from the order.
    if (this.policy.clearTablesOnClose) order.tables = [];
    if (this.policy.forgetOperatorClosed) this.#orders.delete(order.id);
  }

  // Counters skip numbers the fixture already uses, so seeded and new ids never collide.
  #allocateOrderId(): string {
    while (this.#orders.has(String(this.#nextOrderId))) this.#nextOrderId++;
    return String(this.#nextOrderId++);
  }

  #allocateCheckNumber(): string {
    while (this.#checkNumbers.has(String(this.#nextCheckNumber))) this.#nextCheckNumber++;
    const checkNumber = String(this.#nextCheckNumber++);
    this.#checkNumbers.add(checkNumber);
    return checkNumber;
  }
}

function seedToOrder(seed: SeedOrder, venueId: string, now: Date): Order {
  const { closedDaysAgo, openForMinutes, checks, ...fields } = seed;
  const closedAt = truncateToSeconds(new Date(now.getTime() - closedDaysAgo * DAY_MS));
  return {
    ...fields,
    venueId,
    status: 'closed',
    openedAt: new Date(closedAt.getTime() - openForMinutes * 60_000),
    closedAt,
    checks: checks.map((c) => ({ ...c, items: c.items.map((i) => ({ ...i })) })),
  };
}
