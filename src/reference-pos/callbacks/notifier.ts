// Turns "this order just changed" into the callback the contract asks for (§3, BR9–BR11): the
// payload, the path, the headers. The sender does the delivering. Without a Mozrest target the
// notifier does nothing, and the reference POS is the E1–E4 server it always was.

import type { FaultName, FaultSet } from '../faults.js';
import type { Order } from '../model.js';
import { PathOrderIds } from './path-ids.js';
import { faultyPayload, orderPayload, type CallbackKind } from './payload.js';
import { CALLBACK_METHODS, callbackUrl, DEFAULT_PATHS, type MozrestPaths } from './routes.js';
import type { CallbackSender } from './sender.js';

export interface MozrestTarget {
  /** Mozrest's POS API base, e.g. `https://api-sandbox.mozrest.com/v1/pos` or the harness's mock. */
  baseUrl: string;
  /** The key Mozrest issued; sent as `Authorization: Bearer <key>`. */
  key: string;
  /** Path templates with `{venueId}` and `{orderId}`; defaults from the contract (routes.ts). */
  paths?: Partial<MozrestPaths>;
}

/** A fault that keeps one kind of callback from ever being sent. */
const SUPPRESSED_BY: Readonly<Record<CallbackKind, FaultName>> = {
  create: 'walk-in-no-callback',
  update: 'no-update-callback',
  close: 'no-close-callback',
  void: 'no-void-callback',
};

export class CallbackNotifier {
  readonly #paths: MozrestPaths;

  constructor(
    private readonly target: MozrestTarget | undefined,
    private readonly sender: CallbackSender,
    private readonly faults: FaultSet,
    /** Which id `{orderId}` carries in M2–M4 (path-ids.ts); default the POS's own. */
    private readonly ids: PathOrderIds = new PathOrderIds('pos'),
  ) {
    this.#paths = { ...DEFAULT_PATHS, ...target?.paths };
  }

  /** Queues the callback for a change already made to `order`; the payload is taken now. */
  notify(kind: CallbackKind, order: Order): void {
    const { target, faults } = this;
    if (!target || faults.has(SUPPRESSED_BY[kind])) return;

    const payload = faultyPayload(orderPayload(order), kind, faults);
    const queueKey = `${order.venueId}\n${order.id}`;
    const template = this.#template(kind);
    const orderId = this.#pathOrderId(kind, order, queueKey);
    this.sender.enqueue({
      kind,
      queueKey,
      orderId: order.id,
      method: CALLBACK_METHODS[kind],
      // Resolved when the call leaves: a walk-in's M2 may name it by the id M1's answer brings.
      url: () => callbackUrl(target.baseUrl, template, { venueId: order.venueId, orderId: orderId() }),
      headers: {
        ...(!faults.has('callback-no-auth') && { Authorization: `Bearer ${target.key}` }),
        'Content-Type': faults.has('callback-not-json') ? 'text/plain; charset=utf-8' : 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify(payload),
      retry5xx: !faults.has('no-retry-on-5xx'),
      ...(kind === 'create' && { onDelivered: (answer: string) => this.ids.rememberAnswer(queueKey, answer) }),
    });
    // The fault: a stale update, taken before the close or void, leaves after it (§8.6 #75).
    if ((kind === 'close' || kind === 'void') && faults.has('update-after-close')) {
      this.notify('update', { ...order, status: 'open', checks: order.checks.map((c) => ({ ...c, status: 'open' })) });
    }
  }

  #template(kind: CallbackKind): string {
    const template = this.#paths[kind];
    if (kind === 'close' && this.faults.has('close-wrong-path')) return `${template}d`;
    // A POS that reads the unpublished void path differently (A5): PUT …/cancel.
    if (kind === 'void' && this.faults.has('void-other-path')) return template.replace(/\/void$/, '/cancel');
    return template;
  }

  /**
   * The order id in M2–M4, read when the call leaves: the POS's or Mozrest's, as configured (A11,
   * path-ids.ts); the drifting fault uses the check number for M3/M4, taken now like the payload.
   * M1's template has no `{orderId}`.
   */
  #pathOrderId(kind: CallbackKind, order: Order, queueKey: string): () => string {
    const drifts = (kind === 'close' || kind === 'void') && this.faults.has('callback-drifting-order-id');
    if (drifts) {
      const checkNumber = order.checks[0]?.checkNumber ?? order.id;
      return () => checkNumber;
    }
    const ids = { id: order.id, mozrestId: order.mozrestId };
    return () => this.ids.idFor(queueKey, ids);
  }
}
