// What Mozrest would forward to the restaurant's reservation system for one POS call (§3.2, R1):
// one webhook per check. Built best-effort from whatever the POS sent, so a payload with wrong
// types still shows what would reach the RMS (fields that cannot be read become null).

import type { CallbackKind, RmsWebhook } from '../core/evidence.js';
import { isObject } from './json-values.js';
import type { OrderRecord } from './order-book.js';

export interface RmsContext {
  kind: CallbackKind;
  venueId: string;
  receivedAt: Date;
  /** The order as known before/at this call; absent for an order never accepted. */
  order?: OrderRecord;
}

/** Empty when the body is no object or carries no checks. */
export function toRmsWebhooks(body: unknown, ctx: RmsContext): RmsWebhook[] {
  if (!isObject(body) || !Array.isArray(body.checks)) return [];
  const updatedAt = unixSeconds(ctx.receivedAt);
  const openedAt = unixSeconds(ctx.order?.openedAt ?? ctx.receivedAt);
  const tables = Array.isArray(body.tables) ? body.tables.filter((t): t is string => typeof t === 'string') : [];
  const partySize = typeof body.partySize === 'number' && Number.isInteger(body.partySize) ? body.partySize : null;

  return body.checks.map((raw): RmsWebhook => {
    const check = isObject(raw) ? raw : {};
    const checkNumber = typeof check.checkNumber === 'string' ? check.checkNumber : typeof check.checkNumber === 'number' ? String(check.checkNumber) : null;
    const status = rmsStatus(ctx.kind, check.status);
    const at = (times: Map<string, Date> | undefined): number =>
      unixSeconds((checkNumber !== null && times?.get(checkNumber)) || ctx.receivedAt);
    return {
      type: ctx.kind === 'void' || status === 'VOID' ? 'void' : ctx.kind === 'create' ? 'create' : 'update',
      venueId: ctx.venueId,
      // A walk-in has no reservation; afterwards Mozrest refers to the order by its own id.
      bookingId: ctx.kind === 'create' ? null : (ctx.order?.mozrestId ?? null),
      checkNumber,
      partySize,
      date: openedAt,
      status,
      tables,
      openedAt,
      updatedAt,
      closedAt: status === 'CLOSE' ? at(ctx.order?.checkClosedAt) : null,
      voidedAt: status === 'VOID' ? at(ctx.order?.checkVoidedAt) : null,
      commercials: {
        totalAmount: money(check.totalAmount),
        tax: money(check.tax),
        tip: money(check.tip),
        discount: money(check.discount),
        prepayment: money(check.prepayment) ?? money(body.prepayment),
        paymentType: paymentType(check.paymentMethod),
      },
      items: Array.isArray(check.items)
        ? check.items.filter(isObject).map((item) => ({ id: item.id, name: item.name, price: item.price, quantity: item.quantity }))
        : [],
    };
  });
}

/** After an accepted call: the first time each check was reported closed / void is kept. */
export function rememberCheckTimes(order: OrderRecord, webhooks: readonly RmsWebhook[], at: Date): void {
  for (const w of webhooks) {
    if (w.checkNumber === null) continue;
    if (w.status === 'CLOSE' && !order.checkClosedAt.has(w.checkNumber)) order.checkClosedAt.set(w.checkNumber, at);
    if (w.status === 'VOID' && !order.checkVoidedAt.has(w.checkNumber)) order.checkVoidedAt.set(w.checkNumber, at);
  }
}

function rmsStatus(kind: CallbackKind, checkStatus: unknown): RmsWebhook['status'] {
  if (kind === 'void') return 'VOID';
  const status = typeof checkStatus === 'string' ? checkStatus.toLowerCase() : '';
  if (status === 'void') return 'VOID';
  if (status === 'closed') return 'CLOSE';
  if (status === 'open') return 'OPEN';
  // Unreadable check status: the endpoint says what the POS meant.
  return kind === 'close' ? 'CLOSE' : 'OPEN';
}

/** P1 uses `card` / `cash`; the RMS side names the card case `credit_card` (R1). */
function paymentType(method: unknown): string | null {
  if (typeof method !== 'string') return null;
  const normalized = method.trim().toLowerCase();
  if (normalized === 'card') return 'credit_card';
  if (normalized === 'cash') return 'cash';
  return method;
}

function money(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
