// E4 — GET /venue/{venueId}/orders/{orderId} (§2.4 inferred, §8.5): one order, rendered exactly
// as in E3. An id that is unknown, purged, or belongs to another venue is 404: a venue's orders
// are only reachable through that venue's path.

import { fail, ok } from '../http-io.js';
import type { Order } from '../model.js';
import { orderToWire } from '../wire.js';
import type { Handler, RequestContext } from './context.js';

/** Fault `slow-get-order`: long enough to cross a test's latency threshold, short enough for its tests. */
export const SLOW_GET_ORDER_MS = 300;

export const getOrder: Handler = async (ctx) => {
  const { faults } = ctx;
  const orderId = ctx.params.orderId ?? '';
  if (faults.has('slow-get-order')) await new Promise((resolve) => setTimeout(resolve, SLOW_GET_ORDER_MS));
  if (faults.has('get-order-404')) return notFound(orderId);

  const order = findOrder(orderId, ctx);
  if (!order || (faults.has('get-closed-404') && order.status === 'closed')) return notFound(orderId);

  const wire = orderToWire(order, faults);
  if (faults.has('get-differs-from-list')) {
    // E4 drifting from E3: a second code path that renders the order its own way.
    wire.guestName = (order.guestName ?? 'Guest').toUpperCase();
    if (wire.partySize !== undefined) wire.partySize += 1;
  }
  return ok(wire);
};

function findOrder(orderId: string, { venue, store, faults }: RequestContext): Order | undefined {
  const own = store.order(venue.id, orderId);
  if (own) return own;
  if (faults.has('get-ignores-venue')) {
    for (const other of store.venues) {
      const found = store.order(other.id, orderId);
      if (found) return found;
    }
  }
  // A POS that falls back to "the latest order" instead of saying it does not know the id.
  if (faults.has('get-unknown-200')) return store.orders(venue.id).at(-1);
  return undefined;
}

function notFound(orderId: string) {
  return fail(404, `Order ${orderId} not found`);
}
