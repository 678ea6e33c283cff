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

  const parsed = parseCreateOrderBody(body.value, venue, now(), faults);
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

function applyStorageFaults(input: NewOrder, { faults }: RequestContext): NewOrder {
  return {
    ...input,
    tables: faults.has('merged-keeps-first-table') ? input.tables.slice(0, 1) : input.tables,
    items: faults.has('preorder-drops-items') ? [] : input.items,
    mozrestId: faults.has('mozrest-id-not-kept') ? null : input.mozrestId,
  };
}

function created(order: Order, { faults }: RequestContext): Reply {
  const checkNumber = order.checks[0]!.checkNumber;
  const numeric = faults.has('create-numeric-ids');
  return ok(
    {
      id: numeric ? Number(order.id) : order.id,
      ...(!faults.has('create-omits-check-number') && { checkNumber: numeric ? Number(checkNumber) : checkNumber }),
    },
    faults.has('create-returns-201') ? 201 : 200,
  );
}
