// Which id a callback's `{orderId}` carries in M2–M4 (`startReferencePos({ callbackIds })`). The
// contract leaves it open (A11): Mozrest hands out its own id (in E2's body, in its answer to M1)
// and says the POS *can* store it, while the payload's `id` looks like the POS's. Real POSes do
// both, so the reference POS can be either, and the harness must accept either:
//
//   'pos'      the POS's own order id (the default): every order has one, walk-ins included.
//   'mozrest'  the id Mozrest gave the order: E2's `id` for an order Mozrest created; for a
//              walk-in, the `id` Mozrest answered to its M1.
//
// Fallbacks in 'mozrest' mode, where an order has no Mozrest id, use the POS's own id: an order
// created with E2 without an `id` (the field is optional, §2.2); a walk-in whose M1 was never
// answered with a usable id (not sent, refused, given up on, or an answer without `id`). A POS
// that knows no Mozrest id can only name the order by its own.
//
// A walk-in's M2–M4 are queued behind its M1 (one queue per order, sender.ts), and their paths are
// resolved only when they leave, so they always see M1's answer when there was one.

import type { Order } from '../model.js';

export type CallbackIdMode = 'pos' | 'mozrest';

export const CALLBACK_ID_MODES: readonly CallbackIdMode[] = ['pos', 'mozrest'];

export function isCallbackIdMode(value: unknown): value is CallbackIdMode {
  return (CALLBACK_ID_MODES as readonly unknown[]).includes(value);
}

export class PathOrderIds {
  /** By order key (`venueId\norderId`): the id Mozrest answered to the walk-in's M1. */
  readonly #answered = new Map<string, string>();

  constructor(readonly mode: CallbackIdMode = 'pos') {
    if (!isCallbackIdMode(mode)) throw new Error(`The reference POS's callbackIds must be one of ${CALLBACK_ID_MODES.join(', ')}, not ${JSON.stringify(mode)}`);
  }

  /** Keeps the id from a 2xx answer to an M1 (`{ id, status }`, §3.1); only 'mozrest' mode needs it. */
  rememberAnswer(orderKey: string, answerBody: string): void {
    if (this.mode !== 'mozrest') return;
    const id = idIn(answerBody);
    if (id !== undefined) this.#answered.set(orderKey, id);
  }

  /** The `{orderId}` for this order's M2–M4, as things stand now. */
  idFor(orderKey: string, order: Pick<Order, 'id' | 'mozrestId'>): string {
    if (this.mode === 'pos') return order.id;
    return order.mozrestId ?? this.#answered.get(orderKey) ?? order.id;
  }
}

/** The answer's `id`, when it is one (a non-empty string, or a number written as one). */
function idIn(body: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as Record<string, unknown>).id;
  if (typeof id === 'string' && id.trim() !== '') return id;
  return typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
}
