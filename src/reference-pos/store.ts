// The reference POS's memory: venues, their tables and orders, seeded from the fixture.
//
// The store owns the POS's invariants — one open order per table, check numbers unique across the
// POS, closed orders kept 45 days — so every way in (E2 today, the test-automation hook that will
// close orders and void checks) goes through the same rules. HTTP concerns live elsewhere.

import { DAY_MS, truncateToSeconds } from './dates.js';
import type { Fixture, SeedOrder } from './fixture.js';
import type { BookingDetails, Check, Item, Order, Venue } from './model.js';

/** Closed orders must stay retrievable for 45 days (P0, BR7). */
export const CLOSED_ORDER_RETENTION_DAYS = 45;

export interface StorePolicy {
  /** How long a closed order stays visible; 0 hides it at once (fault `closed-orders-purged`). */
  closedRetentionMs: number;
  /** Open a second order on an occupied table (fault `create-allows-double-booking`). */
  allowDoubleBooking: boolean;
}

export const DEFAULT_POLICY: StorePolicy = {
  closedRetentionMs: CLOSED_ORDER_RETENTION_DAYS * DAY_MS,
  allowDoubleBooking: false,
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
    this.venues = fixture.venues.map(({ id, name, tables }) => ({ id, name, tables }));
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
    if (!this.policy.allowDoubleBooking) {
      for (const tableId of input.tables) {
        const existing = this.openOrderOnTable(venueId, tableId);
        if (existing) return { ok: false, occupiedTable: tableId, byOrder: existing.id };
      }
    }
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

  /** Adds lines to an open check (the first open one when no check number is given). */
  addItems(orderId: string, items: Item[], checkNumber?: string): Check {
    const check = this.#openCheck(orderId, checkNumber);
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

  voidCheck(orderId: string, checkNumber: string): Check {
    const check = this.#openCheck(orderId, checkNumber);
    check.status = 'void';
    return check;
  }

  /** Pays every open check and closes the order; the retention clock starts now. */
  closeOrder(orderId: string, payment: { paymentMethod: string; tip?: number }): Order {
    const order = this.#openOrder(orderId);
    for (const check of order.checks.filter((c) => c.status === 'open')) {
      check.status = 'closed';
      check.paymentMethod = payment.paymentMethod;
      check.tip = payment.tip ?? 0;
    }
    order.status = 'closed';
    order.closedAt = truncateToSeconds(this.now());
    return order;
  }

  // --- internals -------------------------------------------------------------------------------

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
    if (!order) throw new Error(`No order ${orderId}`);
    if (order.status !== 'open') throw new Error(`Order ${orderId} is ${order.status}`);
    return order;
  }

  #openCheck(orderId: string, checkNumber?: string): Check {
    const order = this.#openOrder(orderId);
    const check = order.checks.find((c) => c.status === 'open' && (checkNumber === undefined || c.checkNumber === checkNumber));
    if (!check) throw new Error(`Order ${orderId} has no open check${checkNumber ? ` ${checkNumber}` : ''}`);
    return check;
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

function openCheck(checkNumber: string, items: Item[]): Check {
  return { checkNumber, status: 'open', items: items.map((i) => ({ ...i })), tip: 0, discount: 0, paymentMethod: null };
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
