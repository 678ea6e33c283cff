// Turns "this order just changed" into the callback the contract asks for (§3, BR9–BR11): the
// payload, the path, the headers. The sender does the delivering. Without a Mozrest target the
// notifier does nothing, and the reference POS is the E1–E4 server it always was.

import type { FaultName, FaultSet } from '../faults.js';
import type { Order, Venue } from '../model.js';
import { round2 } from '../model.js';
import { amountRules } from '../wire.js';
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

/** What the operator did, when the callback's kind alone does not say it (blind faults use it). */
export type NotifyCause = 'move-table' | 'pay-check';

export class CallbackNotifier {
  readonly #paths: MozrestPaths;
  /** Orders announced to Mozrest with an M1 (fault `m1-for-mozrest-order`). */
  readonly #announced = new Set<string>();

  constructor(
    private readonly target: MozrestTarget | undefined,
    private readonly sender: CallbackSender,
    private readonly faults: FaultSet,
    /** Which id `{orderId}` carries in M2–M4 (path-ids.ts); default the POS's own. */
    private readonly ids: PathOrderIds = new PathOrderIds('pos'),
    /** The POS's venues (table names, the venue list): used only by blind faults. */
    private readonly venues: readonly Venue[] = [],
  ) {
    this.#paths = { ...DEFAULT_PATHS, ...target?.paths };
  }

  /** Queues the callback for a change already made to `order`; the payload is taken now. */
  notify(kind: CallbackKind, order: Order, cause?: NotifyCause): void {
    const { target, faults } = this;
    // Blind fault: only item changes are synchronised; a table move is not.
    if (cause === 'move-table' && faults.has('table-move-no-update')) return;
    // Blind fault: any payment is reported as the close of the order.
    if (kind === 'update' && cause === 'pay-check' && faults.has('partial-payment-sends-close')) kind = 'close';
    // Blind fault: the POS has no void integration; a void goes out as a close.
    if (kind === 'void' && faults.has('void-sent-as-close')) kind = 'close';
    if (!target || faults.has(SUPPRESSED_BY[kind])) return;

    const queueKey = `${order.venueId}\n${order.id}`;
    // Blind fault: an order not yet announced is announced with M1 first, even one Mozrest opened.
    if (faults.has('m1-for-mozrest-order')) {
      if (kind !== 'create' && !this.#announced.has(queueKey)) this.notify('create', order);
      this.#announced.add(queueKey);
    }
    const payload = faultyPayload(orderPayload(order, amountRules(faults)), kind, faults, (id) => this.#tableName(order, id));
    const template = this.#template(kind);
    const orderId = this.#pathOrderId(kind, order, queueKey);
    const venueId = this.#venuePathId(order);
    const send = (body: Record<string, unknown>): void => this.sender.enqueue({
      kind,
      queueKey,
      orderId: order.id,
      method: CALLBACK_METHODS[kind],
      // Resolved when the call leaves: a walk-in's M2 may name it by the id M1's answer brings.
      url: () => callbackUrl(target.baseUrl, template, { venueId, orderId: orderId() }),
      headers: {
        ...(!faults.has('callback-no-auth') && { Authorization: `Bearer ${target.key}` }),
        'Content-Type': faults.has('callback-not-json') ? 'text/plain; charset=utf-8' : 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify(body),
      retry5xx: !faults.has('no-retry-on-5xx'),
      // Blind fault: 4xx answers are retried like 5xx.
      retry4xx: faults.has('retry-on-4xx'),
      ...(kind === 'create' && { onDelivered: (answer: string) => this.ids.rememberAnswer(queueKey, answer) }),
    });
    send(payload);
    // Blind fault: the order-opened and table-assigned hooks both send the walk-in's M1.
    if (kind === 'create' && faults.has('walk-in-create-sent-twice')) send(payload);
    // Blind fault: a "tip adjust" re-sends the close with the tip folded into the total.
    if (kind === 'close' && faults.has('close-resent-tip-in-total')) send(withTipInTotal(payload));
    // The fault: a stale update, taken before the close or void, leaves after it (§8.6 #75).
    if ((kind === 'close' || kind === 'void') && faults.has('update-after-close')) {
      this.notify('update', { ...order, status: 'open', checks: order.checks.map((c) => ({ ...c, status: 'open' })) });
    }
  }

  /** The `{venueId}` of the callback path; the order's own venue unless a blind fault says otherwise. */
  #venuePathId(order: Order): string {
    let id = order.venueId;
    // Blind fault: one Mozrest venue id per installation — the last site configured wins.
    if (this.faults.has('callback-other-venue-path')) id = this.venues.filter((v) => !v.forbidden).at(-1)?.id ?? id;
    // Blind fault: the venue id is upper-cased on its way into the path.
    if (this.faults.has('callback-venue-id-uppercase')) id = id.toUpperCase();
    return id;
  }

  /** Fault `callback-table-names`: a table's display name, or its id when the POS does not know it. */
  #tableName(order: Order, tableId: string): string {
    const venue = this.venues.find((v) => v.id === order.venueId);
    return venue?.tables.find((t) => t.id === tableId)?.name ?? tableId;
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

/** Fault `close-resent-tip-in-total`: the close payload with each check's tip added to its total. */
function withTipInTotal(payload: Record<string, unknown>): Record<string, unknown> {
  const checks = payload.checks as Record<string, unknown>[];
  return {
    ...payload,
    checks: checks.map((c) => ({ ...c, totalAmount: round2(Number(c.totalAmount) + Number(c.tip)) })),
  };
}
