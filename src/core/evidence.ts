// Evidence: what was sent and received, recorded as it happened, with secrets already masked —
// the harness's own requests to the POS (Exchange), and the POS's calls to the mock Mozrest
// (ReceivedCall) with the webhooks Mozrest would forward to the RMS for each.

/** One HTTP exchange as evidence. Secrets are already replaced by `***`. */
export interface Exchange {
  startedAt: string;
  durationMs: number;
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    bodyTruncated?: boolean;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    body?: string;
    bodyBytes: number;
    bodyTruncated?: boolean;
  };
  /** Set when no response arrived (refused, timeout, body too large …). */
  error?: { code: string; message: string };
}

/** One problem found validating a value against a JSON Schema. */
export interface SchemaIssue {
  /** JSON Pointer into the validated value. */
  pointer: string;
  /** The property the issue is about, when there is one. */
  property?: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

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
