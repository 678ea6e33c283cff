// Fault injection: each name breaks exactly one behaviour of the reference POS on purpose, while
// everything else stays correct. The harness's own tests start the reference POS with one fault and
// prove that the suites notice — a suite that passes against a broken POS is a broken suite.
//
// Keys are the names accepted by `startReferencePos({ faults })` and the CLI; values are the
// one-line descriptions printed in help and reports. Adding a fault = one entry here + one `has()`
// check where the behaviour lives.

import { BLIND_FAULTS } from './blind-faults.js';

/** Faults of the order lifecycle: the automation hook, the M1–M4 callbacks, the token's lifetime. */
export const LIFECYCLE_FAULTS = {
  // Callbacks that never leave (§8.6 #59–62, BR9–BR11)
  'no-update-callback': 'M2 (PUT /{venueId}/order/{orderId}) is never sent',
  'no-close-callback': 'M3 (PUT …/close) is never sent',
  'no-void-callback': 'M4 (PUT …/void) is never sent',
  'strict-mozrest-answers': "an answer from Mozrest with undocumented fields stops the order's later callbacks",
  'void-other-path': 'M4 is sent to /{venueId}/order/{orderId}/cancel instead of the inferred …/void',
  'walk-in-no-callback': 'M1 (POST /{venueId}/order) is never sent for a walk-in',

  // Callbacks that leave wrong (§8.6 #58, #63–67, #72)
  'close-wrong-path': 'M3 is sent to /{venueId}/order/{orderId}/closed',
  'callback-uppercase-status': 'order and check statuses are upper case (OPEN, CLOSED, VOID) in callback payloads',
  'callback-string-amounts': 'money in callback payloads is sent as strings ("12.50")',
  'callback-no-auth': 'callbacks carry no Authorization header',
  'callback-drifting-order-id': 'M3/M4 paths carry the first check number instead of the order id used in M2',
  'callback-table-id': 'callback payloads carry a deprecated tableId string instead of tables',
  'callback-blank-check-number': 'checkNumber is "" in callback payloads',
  'callback-drops-items': 'M2/M3 payloads carry items [] even when the check has lines',
  'merged-tables-first-only': 'callback payloads list only the first of merged tables',
  'no-retry-on-5xx': 'a 5xx answer from Mozrest is not retried',
  'callback-not-json': 'callbacks are sent with Content-Type text/plain',

  // Lifecycle rules in the POS itself (§8.5 #55–57, §8.7)
  'split-duplicate-check-number': 'the checks made by a split share one checkNumber',
  'pay-check-closes-order': 'paying one of several checks closes the whole order and sends M3',
  'closed-order-not-listed': 'an order closed through the POS vanishes from E3 status=closed and E4',
  'void-not-recorded': 'a void is reported in M4 but E3/E4 still show the check open',
  'update-after-close': 'after M3 close or M4 void, one more M2 update follows that still says the order is open (§8.6 #75)',
  'token-dies-after-10s': 'the POS token stops working 10 s after the POS started (§8.1 #6)',
  'token-dies-after-200-requests': 'the POS token stops working after 200 requests (§8.1 #6)',
} as const;

export const FAULTS = {
  // Authentication (§8.1)
  'auth-ignore-missing': 'requests without an Authorization header are served',
  'auth-accept-any-token': 'any Bearer token is accepted',
  'auth-accept-no-scheme': 'the raw token without "Bearer " is accepted, and so is "Bearer" with an empty token',
  'wrong-token-403': 'a wrong token gets 403 instead of 401',
  'forbidden-venue-served': 'a venue the token may not access is served (200) instead of refused with 403',
  'slow-get-order': 'E4 Get Order answers only after 300 ms',

  // E1 Get Tables (§8.2)
  'tables-wrapped': 'E1 returns { "tables": [...] } instead of a bare array',
  'tables-numeric-ids': 'E1 table ids are numbers, not strings',
  'tables-area-number': 'E1 table areas are numbers, not names',
  'tables-duplicate-ids': 'E1 returns two tables sharing one id',
  'create-refuses-some-tables': 'E2 refuses the table ids E1 lists that contain a 7 (T7, T17 …) as unknown (400)',
  'unknown-venue-200': 'an unknown venue id is served as the first venue, on every endpoint',
  'json-content-type-text': 'responses are sent with Content-Type text/plain',

  // E2 Create Order (§8.3)
  'create-returns-201': 'E2 answers 201 instead of 200',
  'create-omits-check-number': 'the E2 response has no checkNumber',
  'create-numeric-ids': 'the E2 response carries id and checkNumber as numbers',
  'create-rejects-full-body': 'E2 answers 400 when guestEmail, prepayment or date is present',
  'create-not-persisted': 'E2 answers with ids but never stores the order',
  'merged-keeps-first-table': 'only the first of several tables is stored on the order',
  'preorder-rejects-items': 'E2 answers 400 when items are present',
  'preorder-drops-items': 'pre-order items are accepted but not put on the check',
  'strict-unknown-fields': 'E2 answers 400 on any unknown field',
  'create-missing-tables-500': 'a body without tables crashes with 500',
  'legacy-table-id-500': 'a body with only the deprecated tableId crashes with 500',
  'legacy-table-id-wins': 'with both tables and tableId, the deprecated tableId wins',
  'create-accepts-invalid-fields': 'tables [] / tables as a string / partySize 2.5 are accepted with 200',
  'create-accepts-bad-date': 'an unparsable date is accepted',
  'malformed-json-500': 'a malformed JSON body crashes with 500',
  'create-accepts-unknown-table': 'an unknown table id is accepted',
  'create-allows-double-booking': 'no 409: a second open order is opened on an occupied table',
  'mozrest-id-not-kept': 'the Mozrest id sent in E2 is not stored: E3 and E4 never show it',
  'replay-opens-second-order': 'an identical create replayed with the same Mozrest id opens a second order on the same table',

  // E3 List Orders / E4 Get Order (§8.4, §8.5)
  'list-omits-party-size': 'orders in E3/E4 have no partySize',
  'list-omits-checks': 'orders in E3/E4 have no checks',
  'list-ignores-status': 'the E3 status filter is ignored',
  'uppercase-statuses': 'order and check statuses are upper case in E3/E4',
  'list-ignores-window': 'the E3 from/until filters are ignored',
  'list-window-drops-status': 'when from or until is given, the E3 status filter is ignored',
  'list-ignores-offset': 'numeric offsets in from/until (e.g. +02:00) are treated as Z',
  'list-accepts-bad-params': 'an invalid status or from/until is ignored (200) instead of 400',
  'list-empty-404': 'E3 answers 404 when nothing matches',
  'list-first-page-only': 'E3 silently answers only the first five orders',
  'list-wrapped': 'E3 returns { "orders": [...] } instead of a bare array',
  'get-order-404': 'E4 always answers 404',
  'get-unknown-200': 'E4 answers an unknown order id with 200 and some other order',
  'get-closed-404': 'closed orders cannot be retrieved through E4',
  'get-ignores-venue': "E4 serves an order through any venue's path",
  'get-differs-from-list': 'E4 returns a different guestName and partySize than E3',
  'closed-orders-purged': 'closed orders vanish from E3 and E4 immediately instead of after 45 days',

  // Errors (§2.5)
  'error-body-plain': 'error responses have a plain-text body instead of the JSON error envelope',

  ...LIFECYCLE_FAULTS,
  ...BLIND_FAULTS,
} as const;

export type FaultName = keyof typeof FAULTS;

export function isFaultName(s: string): s is FaultName {
  return Object.hasOwn(FAULTS, s);
}

/** The set of faults switched on for one server; `has` reads better at the call sites than `Set`. */
export class FaultSet {
  readonly #active: ReadonlySet<FaultName>;

  constructor(faults: Iterable<FaultName> = []) {
    const active = new Set<FaultName>();
    for (const name of faults) {
      // Callers may pass strings from a CLI flag or a config file; fail loudly on a typo rather
      // than silently running a correct POS where a broken one was intended.
      if (!isFaultName(name)) throw new Error(`Unknown reference-POS fault "${String(name)}"`);
      active.add(name);
    }
    this.#active = active;
  }

  has(name: FaultName): boolean {
    return this.#active.has(name);
  }

  get names(): FaultName[] {
    return [...this.#active];
  }
}
