// E3 — GET /venue/{venueId}/orders?status=&from=&until= (§2.3, §8.4).
//
// Choices where the contract is silent (A2, A8): the window filters on the opening (seating)
// time, both bounds are inclusive, each bound may be given alone, all filters AND together, and
// "nothing matches" is 200 with an empty array. Closed orders older than 45 days are gone.

import { parseIsoInstant } from '../dates.js';
import { fail, ok, validationFailed } from '../http-io.js';
import type { Order, OrderStatus } from '../model.js';
import { Problems } from '../problems.js';
import { orderToWire } from '../wire.js';
import type { Handler, RequestContext } from './context.js';

const STATUSES: readonly OrderStatus[] = ['open', 'closed'];

interface Filter {
  status?: OrderStatus;
  from?: Date;
  until?: Date;
}

export const listOrders: Handler = (ctx) => {
  const { venue, store, faults } = ctx;
  // Blind fault: the query binder knows three parameters and throws on any other.
  const unknown = [...ctx.query.keys()].find((k) => !['status', 'from', 'until'].includes(k));
  if (unknown !== undefined && faults.has('list-unknown-param-500')) throw new Error(`Unknown parameter ${unknown}`);
  const p = new Problems();
  const filter = readFilter(ctx, p);
  if (!p.isEmpty && !faults.has('list-accepts-bad-params')) return validationFailed(p.toDetails());

  // Blind fault: the status query path lost its `venue_id = ?` condition.
  const allVenues = faults.has('list-status-ignores-venue') && filter.status !== undefined;
  const source = allVenues ? store.venues.flatMap((v) => store.orders(v.id)) : store.orders(venue.id);
  const orders = source.filter((order) => matches(order, filter, ctx)).map((o) => orderToWire(o, faults));
  if (orders.length === 0 && faults.has('list-empty-404')) return fail(404, 'No orders found');
  // The fault: a first page of five, with no sign that there is more (§8.4 #49).
  const page = faults.has('list-first-page-only') ? orders.slice(0, 5) : orders;
  return ok(faults.has('list-wrapped') ? { orders: page } : page);
};

/** Reads the query; invalid values are recorded in `p` and left out of the filter. */
function readFilter({ query, faults }: RequestContext, p: Problems): Filter {
  const filter: Filter = {};

  const status = query.get('status');
  if (status !== null) {
    if ((STATUSES as readonly string[]).includes(status)) filter.status = status as OrderStatus;
    else p.add('status', `This value should be one of: ${STATUSES.join(', ')}.`);
  }

  const ignoreOffset = faults.has('list-ignores-offset');
  for (const bound of ['from', 'until'] as const) {
    const text = query.get(bound);
    if (text === null) continue;
    // Blind fault: a trailing `Z` is dropped and the time read as the venue's local time (UTC+1).
    const read = faults.has('list-z-as-local') ? text.replace(/Z$/i, '+01:00') : text;
    const instant = parseIsoInstant(read, { ignoreOffset });
    if (instant) filter[bound] = instant;
    else p.add(bound, 'This value should be an ISO 8601 date-time with Z or an offset, e.g. 2025-02-01T00:00:00Z.');
  }

  const windowGiven = filter.from !== undefined || filter.until !== undefined;
  if (faults.has('list-ignores-window')) {
    delete filter.from;
    delete filter.until;
  }
  if (faults.has('list-ignores-status') || (faults.has('list-window-drops-status') && windowGiven)) delete filter.status;
  return filter;
}

function matches(order: Order, { status, from, until }: Filter, { faults, now }: RequestContext): boolean {
  const opened = order.openedAt.getTime();
  // Blind fault: ?status=closed reads today's journal; orders closed on earlier days are not in it.
  const today = now().toISOString().slice(0, 10);
  const journal = !faults.has('closed-filter-today-only') || status !== 'closed' || order.closedAt?.toISOString().slice(0, 10) === today;
  return (
    journal &&
    (status === undefined || order.status === status) &&
    (from === undefined || opened >= from.getTime()) &&
    (until === undefined || opened <= until.getTime())
  );
}
