// The second fault catalogue: bugs real POS integrations ship with, written blind — by someone
// given only the contract (docs/mozrest-pos-api.md) and this reference POS's code, never the
// suites or the first catalogue (faults.ts) — so that what they break is what real POSes break,
// not what the checks already look for. Each entry: the name, then what it breaks and the clause.
// Switched on like any fault (`startReferencePos({ faults })`, `serve reference-pos --fault`).
export const BLIND_FAULTS = {
  // --- authentication near-misses -------------------------------------------------------------
  'auth-token-prefix-match':
    'The header is checked with startsWith("Bearer " + token): the real token with anything appended is accepted (MUST, §8.1 #4)',
  'auth-token-case-insensitive':
    'The Bearer token is compared case-insensitively: an upper- or lower-cased copy of the token is accepted (MUST, §8.1 #4)',
  'auth-token-in-query':
    'A request with no Authorization header is served when the token comes as ?access_token=, ?token= or ?api_key= (MUST, §8.1 #3, §1.3)',
  'auth-basic-accepted':
    'Authorization: Basic is accepted when its credentials carry the token (raw, as user or as password) (SHOULD, §8.1 #5)',
  'auth-tables-unprotected':
    'E1 Get Tables is served without any authentication (the auth middleware is mounted on /orders only) (MUST, §8.1 #3)',

  // --- the bill -------------------------------------------------------------------------------
  'pay-drops-tip':
    'The tip entered at payment is not stored: closed checks report tip 0 in M3, E3 and E4 (MUST, §8.6 #60, §8.7 #77)',
  'total-ignores-quantity':
    'totalAmount and tax add up unit prices and ignore quantities (2 × 24.50 counts as 24.50) (SHOULD, §8.6 #69)',
  'split-copies-lines':
    'Splitting a check copies every line onto each new check instead of dividing them: the bill is counted twice (MUST, §8.5 #57, §8.7 #79)',
  'tax-reported-as-rate':
    '`tax` carries the tax rate (10) instead of the tax amount of the check (SHOULD, §8.6 #69, §3.1 "tax on the bill")',
  'payment-method-not-stored':
    'The tender type is not recorded: paid checks carry paymentMethod null in M3, E3 and E4 (MUST, §8.6 #60)',
  'payment-method-display-name':
    'Callbacks carry the till\'s tender label ("Credit Card", "Cash") instead of a lower-case token (SHOULD, §8.6 #70)',
  'callback-item-line-total':
    'Callback items carry the line total (price × quantity) in `price` instead of the unit price (SHOULD, §8.6 #69)',

  // --- closed orders --------------------------------------------------------------------------
  'order-status-always-open':
    'The E3/E4 mapper writes order status "open" whatever the order\'s state; ?status=closed lists orders that say "open" (MUST, §8.4 #44, §8.5 #55)',
  'closed-checks-stay-open':
    'The check mapper knows only void/open: paid checks are reported "open" in M3, E3 and E4 (MUST, §8.6 #60, §8.5 #55)',
  'closed-tables-emptied':
    'Closing an order releases its tables by clearing `tables`: M3 and E3/E4 show the closed order with tables [] (MUST, §8.4 #40, §8.6 #60)',
  'closed-checks-archived':
    'Once an order is closed its checks move to the archive: E3/E4 show closed orders with checks [] and no final amounts (MUST, §8.5 #55)',
  'retention-44-days':
    'The 45-day retention counts started days: an order closed 44 days and a few seconds ago is already purged (MUST, §8.4 #51, BR7)',
  'closed-filter-today-only':
    '?status=closed reads the current business day\'s journal: orders closed on earlier days are not listed (still in E4) (MUST, §8.4 #51, #44)',

  // --- isolation between venues -----------------------------------------------------------------
  'list-status-ignores-venue':
    'E3 with a `status` filter drops the venue condition: orders of every venue of the POS are listed (MUST, §8.1 #2, §8.4 #43)',
  'callback-other-venue-path':
    'Callbacks go under the venue id of the last site configured in the POS, not the order\'s venue (MUST, §8.6 #58, §8.1 #2)',
  'callback-venue-id-uppercase':
    'Callbacks put the venue id upper-cased in the path (/VENUE-REF-1/order/…) (MUST, §8.6 #58)',
  'create-accepts-other-venue-table':
    'E2 looks table ids up across the whole POS: a table of another venue is accepted (SHOULD, §8.3 #34)',

  // --- callbacks ------------------------------------------------------------------------------
  'walk-in-create-sent-twice':
    'A walk-in\'s M1 is sent twice (order-opened and table-assigned hooks both fire): Mozrest creates two orders (MUST, §8.6 #62–63, §8.7 #82)',
  'close-resent-tip-in-total':
    'After M3 a "tip adjust" sends a second M3 whose totalAmount has the tip folded in (MAY, §8.6 #75)',
  'retry-on-4xx':
    'A 4xx answer from Mozrest is retried with backoff like a 5xx (SHOULD, §8.6 #72, BR14)',
  'm1-for-mozrest-order':
    'An order Mozrest opened (E2) is announced with an M1 walk-in create on its first change, before its M2/M3 (MUST, §3 M1, BR9, §8.6 #63)',
  'callback-uses-pos-token':
    'Callbacks authenticate with the POS\'s own token (the one Mozrest uses for E1–E4) instead of Mozrest\'s key (MUST, §8.6 #58)',
  'callback-table-names':
    'Callbacks carry table names ("Table 12") in `tables` instead of POS table ids (MUST, §3.1, §8.7 #80)',
  'table-move-no-update':
    'Moving an order to another table sends no M2 (only item changes are synchronised) (SHOULD, §8.6 #71)',
  'void-sent-as-close':
    'A void is reported as a close: PUT …/close with status closed and no void call (MUST, §8.6 #61, §8.7 #78)',
  'void-reported-as-closed':
    'Voided checks are reported with status "closed" (legacy doc\'s open/closed only) in M4, E3 and E4 (MUST, §8.6 #61, SHOULD §8.5 #56)',
  'update-omits-settled-checks':
    'M2 carries only the still-open checks: a paid or voided check of a split order disappears from updates (MUST, §8.6 #59, SHOULD #68)',
  'partial-payment-sends-close':
    'Paying one check of a split order sends M3 close although the order stays open with another check (SHOULD, §8.6 #68)',

  // --- edges ----------------------------------------------------------------------------------
  'list-z-as-local':
    'E3 reads a `Z` from/until as the venue\'s local time (UTC+1): the window is shifted by an hour (MUST, §8.4 #45)',
  'list-unknown-param-500':
    'E3 answers 500 to any query parameter other than status, from, until (MUST, §8.1 #10, P1 Forward Compatibility)',
  'create-check-number-padded':
    'E2 answers the check number in receipt format (zero-padded to 10 digits) while E3/E4/callbacks use the bare number (MUST, §8.4 #50, §2.2)',
  'create-date-not-stored':
    'E2 validates `date` but opens the order at the time of the request (SHOULD, §8.3 #24)',
  'create-party-size-clamped':
    'E2 stores partySize clamped to 12 covers (the POS\'s largest table) (SHOULD, §8.3 #20, §2.2)',
  'create-guest-name-truncated':
    'E2 stores guestName cut to the POS field\'s 20 characters (SHOULD, §8.4 #41)',
  'merged-occupancy-first-table':
    'The occupied-table check looks only at the first of the requested tables: a merge onto an occupied second table opens a silent duplicate (SHOULD, §8.3 #35)',
  'html-404':
    'Every 404 is the web framework\'s HTML page (text/html) instead of a JSON error body (SHOULD, §8.1 #11, #9)',
  'create-returns-mozrest-id':
    'E2 echoes the Mozrest `id` it was sent as the order id; E4 with it is 404 (MUST, §8.3 #22)',
} as const satisfies Record<string, string>;
