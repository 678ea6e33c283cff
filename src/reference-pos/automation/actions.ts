// What each automation action does to the POS, and which callback it owes Mozrest (§3, BR9–BR11):
//
//   add-items, split-check, move-table, set-party-size  → M2 update
//   pay-check                                            → M2 while other checks stay open, M3 once the order closes
//   close-order                                          → M3 close
//   void-order, void-check                               → M4 void (with the whole order)
//   open-walk-in                                         → M1 create (an order Mozrest did not open: mozrestId null)
//
// The store enforces the rules and throws `PosStateError` when the order's state forbids the
// action; this file adds the venue's view (the order must belong to the venue in the request,
// tables must be the venue's) and the callback.

import type { CallbackNotifier } from '../callbacks/notifier.js';
import type { Item, Order, Venue } from '../model.js';
import { nextItemId, PosStateError } from '../order-ops.js';
import type { PosStore } from '../store.js';
import type { ActionParams, ActionRequest, LineInput } from './validate.js';

export interface ActionContext {
  venue: Venue;
  store: PosStore;
  notifier: CallbackNotifier;
  now: () => Date;
}

/** Input the POS cannot act on even though it is well-formed (e.g. a table the venue lacks). */
export class ActionInputError extends Error {
  override name = 'ActionInputError';
}

export type ActionResult = { orderId: string } & Record<string, unknown>;

export function performAction(request: ActionRequest, ctx: ActionContext): ActionResult {
  switch (request.action) {
    case 'add-items': return addItems(request.orderId, request.params, ctx);
    case 'split-check': return splitCheck(request.orderId, request.params, ctx);
    case 'pay-check': return payCheck(request.orderId, request.params, ctx);
    case 'close-order': return closeOrder(request.orderId, request.params, ctx);
    case 'void-order': return voidOrder(request.orderId, ctx);
    case 'void-check': return voidCheck(request.orderId, request.params, ctx);
    case 'open-walk-in': return openWalkIn(request.params, ctx);
    case 'move-table': return moveTable(request.orderId, request.params, ctx);
    case 'set-party-size': return setPartySize(request.orderId, request.params, ctx);
  }
}

function addItems(orderId: string, { items, checkNumber }: ActionParams['add-items'], ctx: ActionContext): ActionResult {
  const order = orderOf(orderId, ctx);
  const check = ctx.store.addItems(order.id, numberLines(items, order), checkNumber);
  ctx.notifier.notify('update', order);
  return { orderId: order.id, checkNumber: check.checkNumber };
}

function splitCheck(orderId: string, { parts, checkNumber }: ActionParams['split-check'], ctx: ActionContext): ActionResult {
  const order = orderOf(orderId, ctx);
  const checks = ctx.store.splitCheck(order.id, parts, checkNumber);
  ctx.notifier.notify('update', order);
  return { orderId: order.id, checkNumbers: checks.map((c) => c.checkNumber) };
}

function payCheck(orderId: string, { checkNumber, ...payment }: ActionParams['pay-check'], ctx: ActionContext): ActionResult {
  const order = ctx.store.payCheck(orderOf(orderId, ctx).id, checkNumber, payment);
  ctx.notifier.notify(order.status === 'closed' ? 'close' : 'update', order, 'pay-check');
  return { orderId: order.id, checkNumber, orderStatus: order.status };
}

function closeOrder(orderId: string, payment: ActionParams['close-order'], ctx: ActionContext): ActionResult {
  const order = ctx.store.closeOrder(orderOf(orderId, ctx).id, payment);
  ctx.notifier.notify('close', order);
  return { orderId: order.id, orderStatus: order.status };
}

function voidOrder(orderId: string, ctx: ActionContext): ActionResult {
  const order = ctx.store.voidOrder(orderOf(orderId, ctx).id);
  ctx.notifier.notify('void', order);
  return { orderId: order.id, orderStatus: order.status, checkNumbers: order.checks.map((c) => c.checkNumber) };
}

function voidCheck(orderId: string, { checkNumber }: ActionParams['void-check'], ctx: ActionContext): ActionResult {
  const order = ctx.store.voidCheck(orderOf(orderId, ctx).id, checkNumber);
  ctx.notifier.notify('void', order);
  return { orderId: order.id, checkNumber, orderStatus: order.status };
}

function openWalkIn({ tables, partySize }: ActionParams['open-walk-in'], ctx: ActionContext): ActionResult {
  const { venue, store, now } = ctx;
  const created = store.createOrder(venue.id, {
    mozrestId: null, tables: knownTables(tables, venue), partySize,
    guestName: null, guestEmail: null, guestTelephone: null, prepayment: 0, openedAt: now(), items: [],
  });
  if (!created.ok) {
    throw new PosStateError('table-occupied', `Table ${created.occupiedTable} already occupied by order ${created.byOrder}`);
  }
  const { order } = created;
  ctx.notifier.notify('create', order);
  return { orderId: order.id, checkNumber: order.checks[0]!.checkNumber };
}

function moveTable(orderId: string, { tables }: ActionParams['move-table'], ctx: ActionContext): ActionResult {
  const order = ctx.store.moveTables(orderOf(orderId, ctx).id, knownTables(tables, ctx.venue));
  ctx.notifier.notify('update', order, 'move-table');
  return { orderId: order.id, tables: [...order.tables] };
}

function setPartySize(orderId: string, { partySize }: ActionParams['set-party-size'], ctx: ActionContext): ActionResult {
  const order = ctx.store.setPartySize(orderOf(orderId, ctx).id, partySize);
  ctx.notifier.notify('update', order);
  return { orderId: order.id, partySize };
}

// --- helpers ------------------------------------------------------------------------------------

/** The venue's order with that id; another venue's order is as unknown here as in E4. */
function orderOf(orderId: string, { venue, store }: ActionContext): Order {
  const order = store.order(venue.id, orderId);
  if (!order) throw new PosStateError('unknown-order', `No order ${orderId} in venue ${venue.id}`);
  return order;
}

function knownTables(tables: string[], venue: Venue): string[] {
  const unknown = tables.filter((id) => !venue.tables.some((t) => t.id === id));
  if (unknown.length > 0) throw new ActionInputError(`Unknown table id(s) ${unknown.join(', ')} in venue ${venue.id}`);
  return tables;
}

/** Lines without an id are numbered on from the order's highest line id. */
function numberLines(lines: LineInput[], order: Order): Item[] {
  let next = nextItemId(order);
  return lines.map(({ id, name, price, quantity }) => ({ id: id ?? next++, name, price, quantity }));
}
