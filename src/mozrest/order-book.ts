// What the mock Mozrest remembers about each order it accepted: the Mozrest UUID it answered with
// (stable for the order's life), when the order was first seen, and when each check closed or was
// voided. An order is known under every id it was called by (the POS's own id, the Mozrest UUID):
// the contract leaves open which one `{orderId}` carries (A11).

import { randomUUID } from 'node:crypto';

export interface OrderRecord {
  readonly venueId: string;
  readonly mozrestId: string;
  readonly openedAt: Date;
  /** By checkNumber: when it was first reported closed / void. */
  readonly checkClosedAt: Map<string, Date>;
  readonly checkVoidedAt: Map<string, Date>;
}

export class OrderBook {
  readonly #byKey = new Map<string, OrderRecord>();

  constructor(private readonly newId: () => string = randomUUID) {}

  /** The record for any of these ids, without creating one. */
  find(venueId: string, ids: readonly string[]): OrderRecord | undefined {
    for (const id of ids) {
      const found = this.#byKey.get(key(venueId, id));
      if (found) return found;
    }
    return undefined;
  }

  /** An accepted call: the order's record, created on first sight; every id becomes an alias of it. */
  accept(venueId: string, ids: readonly string[], at: Date): OrderRecord {
    const record = this.find(venueId, ids) ?? {
      venueId,
      mozrestId: this.newId(),
      openedAt: at,
      checkClosedAt: new Map<string, Date>(),
      checkVoidedAt: new Map<string, Date>(),
    };
    for (const id of [...ids, record.mozrestId]) this.#byKey.set(key(venueId, id), record);
    return record;
  }
}

function key(venueId: string, id: string): string {
  return `${venueId}\u0000${id}`;
}
