// The venue is a finite, shared resource (design §3): the run leases tables and gives them back.
// The ledger knows which tables are free, which this run holds and for which order, and every
// order the run opened with both its ids. A table returns when its order is closed or voided
// (seen through the case's steps, a callback, or the cleanup) or when the create was refused.
// What is still open when the run ends is the ledger the reports print.
import type { LedgerOrder } from '../core/results.js';
import { describeOrder as describe } from '../core/words/order.js';
import { SuiteFault } from '../suite/language/suite-fault.js';

/** Tables taken for a step that has not opened (or failed to open) its order yet. */
export interface Lease {
  tables: string[];
  holder: string;
}

export class VenueLedger {
  /** Free tables, in the order they are handed out (shuffled: two runs at once spread out). */
  readonly #free: string[];
  /** Tables leased and not yet seated with an order. */
  readonly #leased = new Map<string, string>();
  /** Tables where someone else's order turned out to stand (a 409): not handed out again. */
  readonly #busy = new Set<string>();
  readonly #orders: LedgerOrder[] = [];

  /** `free`: the free tables found before the run; a string: why they are not known. */
  constructor(free: readonly string[] | string, private readonly shuffle: (list: string[]) => string[] = shuffled) {
    this.#free = typeof free === 'string' ? [] : this.shuffle([...free]);
    this.unknown = typeof free === 'string' ? free : undefined;
  }

  /** Why the free tables are not known; undefined when they are. */
  readonly unknown: string | undefined;

  freeTables(): string[] {
    return [...this.#free];
  }

  /** `count` free tables, or the given ones, for `holder` (a case id). */
  lease(holder: string, want: number | readonly string[]): Lease {
    if (this.unknown !== undefined) throw new SuiteFault(`no table can be leased: the venue's free tables are not known (${this.unknown})`, 'venue-unknown');
    if (typeof want === 'number') {
      if (this.#free.length < want) throw new SuiteFault(this.#shortage(want), 'no-free-table');
      const tables = this.#free.splice(0, want);
      for (const t of tables) this.#leased.set(t, holder);
      return { tables, holder };
    }
    for (const table of want) {
      const order = this.#standingOn(table);
      if (order) throw new SuiteFault(`table ${table} is not free: this run's order ${describe(order)} stands there`, 'no-free-table');
      if (this.#leased.has(table)) throw new SuiteFault(`table ${table} is not free: leased for ${this.#leased.get(table)}`, 'no-free-table');
    }
    // A table named on purpose may be one the survey found busy (TABLES-ALL-ACCEPTED tries each).
    for (const table of want) {
      const i = this.#free.indexOf(table);
      if (i >= 0) this.#free.splice(i, 1);
      this.#leased.set(table, holder);
    }
    return { tables: [...want], holder };
  }

  /** A lease that opened nothing (the create was refused): its tables are free again. */
  giveBack(lease: Lease): void {
    for (const t of lease.tables) this.#release(t);
  }

  /** The POS said a leased table is occupied (409): someone else's order stands there. */
  busy(lease: Lease, table: string): void {
    this.#leased.delete(table);
    this.#busy.add(table);
    this.giveBack({ ...lease, tables: lease.tables.filter((t) => t !== table) });
  }

  /** An order opened on the leased tables (E2 answered it, or a walk-in was seated). */
  opened(lease: Lease, ids: { posId?: string; mozrestId?: string }): LedgerOrder {
    for (const t of lease.tables) this.#leased.delete(t);
    const order: LedgerOrder = { ...ids, tables: [...lease.tables], openedBy: lease.holder, state: 'open' };
    this.#orders.push(order);
    return order;
  }

  /** The order with this id (POS or Mozrest id), open or not. */
  find(id: string): LedgerOrder | undefined {
    return this.#orders.findLast((o) => o.posId === id || o.mozrestId === id);
  }

  /**
   * A walk-in announced (M1): the open walk-in of this run on these tables (its POS id not known
   * yet, or the one announced) learns its ids. Returns it, or undefined when none stands there.
   */
  identify(tables: readonly string[], ids: { posId?: string; mozrestId?: string }): LedgerOrder | undefined {
    const order = this.#orders.find((o) => o.state === 'open' && o.mozrestId === undefined && (o.posId === undefined || o.posId === ids.posId) && o.tables.some((t) => tables.includes(t)));
    if (order) Object.assign(order, Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined)));
    return order;
  }

  /** The order was closed or voided: its tables are free again. */
  ended(id: string, how: 'closed' | 'voided'): LedgerOrder | undefined {
    const order = this.find(id);
    if (!order || order.state !== 'open') return order;
    order.state = how;
    for (const t of order.tables) this.#release(t);
    return order;
  }

  /** The order moved to the leased tables; its old tables are free again. */
  moved(id: string, lease: Lease): void {
    const order = this.find(id);
    for (const t of lease.tables) this.#leased.delete(t);
    if (!order) return;
    const old = order.tables.filter((t) => !lease.tables.includes(t));
    order.tables = [...lease.tables];
    for (const t of old) this.#release(t);
  }

  /** The end of a case (or a suite's teardown): tables it leased and never seated are free again. */
  endOf(holder: string): void {
    for (const [table, who] of [...this.#leased]) if (who === holder) this.#release(table);
  }

  /** Orders of this run still open on the POS, oldest first. */
  open(): LedgerOrder[] {
    return this.#orders.filter((o) => o.state === 'open').map((o) => ({ ...o, tables: [...o.tables] }));
  }

  #release(table: string): void {
    this.#leased.delete(table);
    if (this.#busy.has(table) || this.#free.includes(table) || this.#standingOn(table)) return;
    this.#free.push(table);
  }

  #standingOn(table: string): LedgerOrder | undefined {
    return this.#orders.find((o) => o.state === 'open' && o.tables.includes(table));
  }

  #shortage(want: number): string {
    const held = this.open();
    const holders = held.length ? `; this run's open orders hold ${held.map(describe).join(', ')}` : '';
    const leased = this.#leased.size ? `; leased: ${[...this.#leased].map(([t, h]) => `${t} (${h})`).join(', ')}` : '';
    return `no free table left (needed ${want}, ${this.#free.length} free${holders}${leased})`;
  }
}

function shuffled(list: string[]): string[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
