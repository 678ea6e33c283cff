// The mock Mozrest receiver's data: every call the POS makes to it, kept as evidence, and what
// Mozrest would forward to the restaurant's reservation system (RMS) for each.
import type { SchemaIssue } from '../assert/schema-registry.js';

/** M1 create (walk-in), M2 update, M3 close, M4 void (contract §3). */
export type CallbackKind = 'create' | 'update' | 'close' | 'void';

export interface ReceivedCall {
  /** 1-based arrival order on this receiver. */
  seq: number;
  receivedAt: string;
  method: string;
  /** Path as received, including the `/v1/pos` prefix and any query string. */
  path: string;
  /** The endpoint it matched; undefined when it matched none (wrong path or method). */
  route?: { kind: CallbackKind; venueId: string; orderId?: string };
  /** Lower-case names; the Authorization credential masked. */
  headers: Record<string, string>;
  /** Carried `Authorization: Bearer <the mock Mozrest key>`. */
  authorized: boolean;
  bodyText: string;
  bodyTruncated?: boolean;
  /** Parsed JSON body, when it was JSON. */
  body?: unknown;
  jsonError?: string;
  /** Problems against the order-payload schema; empty when valid. */
  schemaIssues: SchemaIssue[];
  /** What the mock answered. */
  response: { status: number; body: unknown };
  /** The webhooks Mozrest would send the RMS for this call: one per check. */
  rms: RmsWebhook[];
}

/** Contract §3.2 (R1): Mozrest → RMS webhook, one per check. Times are Unix seconds (UTC). */
export interface RmsWebhook {
  type: 'create' | 'update' | 'void';
  venueId: string;
  bookingId: string | null;
  checkNumber: string | null;
  partySize: number | null;
  date: number | null;
  status: 'OPEN' | 'CLOSE' | 'VOID';
  tables: string[];
  openedAt: number | null;
  updatedAt: number;
  closedAt: number | null;
  voidedAt: number | null;
  commercials: {
    totalAmount: number | null;
    tax: number | null;
    tip: number | null;
    discount: number | null;
    prepayment: number | null;
    paymentType: string | null;
  };
  items: { id: unknown; name: unknown; price: unknown; quantity: unknown }[];
}

export interface CallMatch {
  method: string;
  /** Contract path template relative to the `/v1/pos` base, e.g. `/{venueId}/order/{orderId}/close`. */
  path: string;
  venueId: string;
  /**
   * The ids `{orderId}` may carry: the contract leaves open whether the POS uses its own id or
   * the Mozrest id sent at creation (A11), so either matches and the outcome says which. Neither
   * given: any order.
   */
  order: { posId?: string; mozrestId?: string };
  /** Extra condition on the call (the await step's `where` block). */
  where?: (call: ReceivedCall) => boolean;
  /** Look without taking: the call stays available to later waits. */
  peek?: boolean;
}

export type WaitOutcome =
  | { ok: true; call: ReceivedCall; matchedBy: 'pos-id' | 'mozrest-id' | 'any' }
  | { ok: false; code: 'timeout' | 'aborted'; message: string; related: ReceivedCall[] };
