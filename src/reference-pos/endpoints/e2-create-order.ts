// E2 — POST /venue/{venueId}/orders (§2.2, §8.3): open an order for a seated guest and answer
// `{ id, checkNumber }` with 200 (the Partner Portal counts only 200 as success, §6.1).

import { parseCreateOrderBody } from '../create-order-body.js';
import { fail, ok, readJsonBody, validationFailed, type Reply } from '../http-io.js';
import type { Order } from '../model.js';
import type { NewOrder } from '../store.js';
import type { Handler, RequestContext } from './context.js';

export const createOrder: Handler = async (ctx) => {
  const { req, venue, store, faults, now } = ctx;

  const body = await readJsonBody(req);
  switch (body.kind) {
    case 'too-large':
      return fail(413, 'Request body larger than 1 MiB');
    case 'empty':
      return validationFailed({ body: ['The request body should be a JSON object.'] });
    case 'malformed':
      if (faults.has('malformed-json-500')) throw new SyntaxError(body.message);
      return validationFailed({ body: [`Malformed JSON: ${body.message}`] });
  }

  // Blind fault: table ids are looked up across the whole POS, not within the venue.
  const lookup = faults.has('create-accepts-other-venue-table') ? { ...venue, tables: store.venues.flatMap((v) => v.tables) } : venue;
  const parsed = parseCreateOrderBody(body.value, lookup, now(), faults);
  if (!parsed.ok) return validationFailed(parsed.details);
  const input = applyStorageFaults(parsed.order, ctx);

  if (faults.has('create-not-persisted')) return created(store.draftOrder(venue.id, input), ctx);

  const result = store.createOrder(venue.id, input);
  if (!result.ok) {
    // P1's own example of a 409 (§2.5); naming the order lets Mozrest link to it instead (BR12).
    return fail(409, `Table ${result.occupiedTable} already occupied by order ${result.byOrder}`);
  }
  return created(result.order, ctx);
};

/** The POS's largest table (fault `create-party-size-clamped`) and its guest-name field length. */
const MAX_COVERS = 12;
const GUEST_NAME_LENGTH = 20;

function applyStorageFaults(input: NewOrder, { faults, now }: RequestContext): NewOrder {
  return {
    ...input,
    // Blind faults: the seating time validated but not used; covers and name cut to the POS's fields.
    openedAt: faults.has('create-date-not-stored') ? now() : input.openedAt,
    partySize: faults.has('create-party-size-clamped') && input.partySize !== null ? Math.min(input.partySize, MAX_COVERS) : input.partySize,
    guestName: faults.has('create-guest-name-truncated') && input.guestName !== null ? input.guestName.slice(0, GUEST_NAME_LENGTH) : input.guestName,
    tables: faults.has('merged-keeps-first-table') ? input.tables.slice(0, 1) : input.tables,
    items: faults.has('preorder-drops-items') ? [] : input.items,
    mozrestId: faults.has('mozrest-id-not-kept') ? null : input.mozrestId,
  };
}

function created(order: Order, { faults }: RequestContext): Reply {
  const stored = order.checks[0]!.checkNumber;
  // Blind fault: the check number in the receipt's format, zero-padded, unlike everywhere else.
  const checkNumber = faults.has('create-check-number-padded') ? stored.padStart(10, '0') : stored;
  // Blind fault: the answer echoes the id Mozrest sent instead of the POS's own.
  const id = faults.has('create-returns-mozrest-id') ? (order.mozrestId ?? order.id) : order.id;
  const numeric = faults.has('create-numeric-ids');
  return ok(
    {
      id: numeric ? Number(id) : id,
      ...(!faults.has('create-omits-check-number') && { checkNumber: numeric ? Number(checkNumber) : checkNumber }),
    },
    faults.has('create-returns-201') ? 201 : 200,
  );
}
