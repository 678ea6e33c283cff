// The reference POS: a correct implementation of the POS side of Mozrest's POS API (E1–E4), used
// as the harness's embedded default target and as the model answer vendors can read. Faults can
// be switched on to break single behaviours, which is how the harness proves its suites work.
//
//   const pos = await startReferencePos({ token: 'secret' });
//   await fetch(`${pos.url}/venue/${pos.venueId}/tables`, { headers: { Authorization: 'Bearer secret' } });
//   await pos.close();
//
// It also plays the order lifecycle: `POST ${pos.automationUrl}` does what an operator does at the
// till (automation/route.ts), and with a `mozrest` target each change is reported to Mozrest as
// M1–M4 callbacks (callbacks/), which `pos.callbacks()` lists.
//
// It comes in the shapes a real POS comes in: a venue of a vendor's size (`tables`, venue-size.ts)
// and either id in the callback paths (`callbackIds`, callbacks/path-ids.ts); both are correct.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTOMATION_PATH, handleAutomation } from './automation/route.js';
import { CallbackNotifier, type MozrestTarget } from './callbacks/notifier.js';
import { PathOrderIds, type CallbackIdMode } from './callbacks/path-ids.js';
import { CallbackSender, DEFAULT_RETRY, type CallbackRecord, type RetryPolicy } from './callbacks/sender.js';
import { FaultSet, type FaultName } from './faults.js';
import { defaultFixtureFile, fixtureVenues, loadFixture } from './fixture.js';
import { createRequestListener } from './router.js';
import { DEFAULT_POLICY, PosStore, type StorePolicy } from './store.js';
import { DEFAULT_TOKEN_REQUESTS, TOKEN_LIFETIME_MS, TokenLifetime } from './token-lifetime.js';
import { DAY_MS } from './dates.js';
import { withVenueSize } from './venue-size.js';

export type { FaultName } from './faults.js';
export type { MozrestTarget } from './callbacks/notifier.js';
export type { CallbackRecord, RetryPolicy } from './callbacks/sender.js';
export type { CallbackIdMode } from './callbacks/path-ids.js';

export interface ReferencePosOptions {
  /** The Bearer token it accepts. */
  token: string;
  /** The Bearer token of the test-automation hook. Default: `token`. */
  automationToken?: string;
  /** Where to send M1–M4 callbacks; without it the POS sends none. */
  mozrest?: MozrestTarget;
  /** Callback retries on network errors and 5xx. Default 4 attempts, 100 ms doubling (100, 200, 400). */
  callbackRetry?: RetryPolicy;
  /** With fault `token-dies-after-200-requests`: the token stops working after this many requests instead. */
  tokenExpiresAfterRequests?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default: <package root>/fixtures/reference-venue.yaml. */
  fixtureFile?: string;
  /**
   * How many tables the accredited venue (`venueId`) has: its first N tables in the fixture, from
   * 1 to all of them (the default; 60 in the shipped fixture). Seed orders on tables it loses are
   * moved onto kept ones (venue-size.ts). Other venues keep theirs.
   */
  tables?: number;
  /**
   * The id in `{orderId}` of M2–M4 (A11): 'pos' (default) the POS's own order id; 'mozrest' the
   * id Mozrest gave the order (E2's `id`, or its answer to a walk-in's M1), the POS id when there
   * is none (callbacks/path-ids.ts). The payload's `id` is the POS's own in both.
   */
  callbackIds?: CallbackIdMode;
  /** Behaviours to break on purpose (tests prove the suites catch them). */
  faults?: Iterable<FaultName>;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface RunningReferencePos {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  url: string;
  /** The fixture's first venue the token may access. */
  venueId: string;
  /** The fixture's second venue (for cross-venue checks). */
  otherVenueId: string;
  /** A venue the POS knows but the token may not access (every E-endpoint answers 403), if the fixture has one. */
  forbiddenVenueId?: string;
  /** `${url}/_automation/actions`. */
  automationUrl: string;
  /** The callbacks sent (or being sent) to Mozrest, oldest first. */
  callbacks(): CallbackRecord[];
  /** Resolves once every queued callback is delivered, refused or given up on. */
  callbacksSettled(): Promise<void>;
  /** Stops the server and cancels pending callbacks and their retries. */
  close(): Promise<void>;
}

export async function startReferencePos(opts: ReferencePosOptions): Promise<RunningReferencePos> {
  // An empty token would make "Bearer " with nothing after it a valid credential.
  if (opts.token.trim() === '') throw new Error('The reference POS needs a non-empty token');

  const faults = new FaultSet(opts.faults);
  const now = opts.now ?? (() => new Date());
  const loaded = loadFixture(opts.fixtureFile ?? defaultFixtureFile());
  const fixture = opts.tables === undefined ? loaded : withVenueSize(loaded, opts.tables);
  const pathIds = new PathOrderIds(opts.callbackIds ?? 'pos');
  const store = new PosStore(fixture, now, policyFor(faults));
  const sender = new CallbackSender(opts.callbackRetry ?? DEFAULT_RETRY, faults.has('strict-mozrest-answers'));
  // Blind fault `callback-uses-pos-token`: the callbacks carry the POS's own token, not Mozrest's key.
  const mozrest = opts.mozrest && faults.has('callback-uses-pos-token') ? { ...opts.mozrest, key: opts.token } : opts.mozrest;
  const notifier = new CallbackNotifier(mozrest, sender, faults, pathIds, store.venues);
  const automationToken = opts.automationToken ?? opts.token;
  if (automationToken.trim() === '') throw new Error('The reference POS needs a non-empty automation token');

  const server = createServer(
    createRequestListener({
      token: opts.token, store, faults, now,
      ...(faults.has('token-dies-after-10s') && { tokenLifetime: new TokenLifetime(now, { kind: 'time', ms: TOKEN_LIFETIME_MS }) }),
      ...(faults.has('token-dies-after-200-requests') && { tokenLifetime: new TokenLifetime(now, { kind: 'requests', count: opts.tokenExpiresAfterRequests ?? DEFAULT_TOKEN_REQUESTS }) }),
      automation: (req) => handleAutomation(req, { token: automationToken, store, notifier, now }),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  return {
    url,
    ...fixtureVenues(fixture),
    automationUrl: `${url}${AUTOMATION_PATH}`,
    callbacks: () => sender.log(),
    callbacksSettled: () => sender.idle(),
    close: async () => {
      await sender.close();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // `close` only stops accepting; idle keep-alive sockets would hold the process open.
        server.closeAllConnections();
      });
    },
  };
}

/** Faults that change the POS's rules rather than its answers are store policies. */
function policyFor(faults: FaultSet): StorePolicy {
  return {
    // Blind fault `retention-44-days`: the 45 days are counted as started days (an off-by-one).
    closedRetentionMs: faults.has('closed-orders-purged') ? 0 : faults.has('retention-44-days') ? 44 * DAY_MS : DEFAULT_POLICY.closedRetentionMs,
    allowDoubleBooking: faults.has('create-allows-double-booking'),
    splitReusesCheckNumber: faults.has('split-duplicate-check-number'),
    payCheckClosesOrder: faults.has('pay-check-closes-order'),
    forgetOperatorClosed: faults.has('closed-order-not-listed'),
    recordVoids: !faults.has('void-not-recorded'),
    replayOpensSecondOrder: faults.has('replay-opens-second-order'),
    dropTipOnPayment: faults.has('pay-drops-tip'),
    forgetPaymentMethod: faults.has('payment-method-not-stored'),
    splitCopiesLines: faults.has('split-copies-lines'),
    clearTablesOnClose: faults.has('closed-tables-emptied'),
    occupancyFirstTableOnly: faults.has('merged-occupancy-first-table'),
  };
}
