// The reference POS: a correct implementation of the POS side of Mozrest's POS API (E1–E4), used
// as the harness's embedded default target and as the model answer vendors can read. Faults can
// be switched on to break single behaviours, which is how the harness proves its suites work.
//
//   const pos = await startReferencePos({ token: 'secret' });
//   await fetch(`${pos.url}/venue/${pos.venueId}/tables`, { headers: { Authorization: 'Bearer secret' } });
//   await pos.close();

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultSet, type FaultName } from './faults.js';
import { defaultFixtureFile, loadFixture } from './fixture.js';
import { createRequestListener } from './router.js';
import { DEFAULT_POLICY, PosStore, type StorePolicy } from './store.js';

export type { FaultName } from './faults.js';

export interface ReferencePosOptions {
  /** The Bearer token it accepts. */
  token: string;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default: <package root>/fixtures/reference-venue.yaml. */
  fixtureFile?: string;
  /** Behaviours to break on purpose (tests prove the suites catch them). */
  faults?: Iterable<FaultName>;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface RunningReferencePos {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  url: string;
  /** The fixture's first venue. */
  venueId: string;
  /** The fixture's second venue (for cross-venue checks). */
  otherVenueId: string;
  close(): Promise<void>;
}

export async function startReferencePos(opts: ReferencePosOptions): Promise<RunningReferencePos> {
  // An empty token would make "Bearer " with nothing after it a valid credential.
  if (opts.token.trim() === '') throw new Error('The reference POS needs a non-empty token');

  const faults = new FaultSet(opts.faults);
  const now = opts.now ?? (() => new Date());
  const fixture = loadFixture(opts.fixtureFile ?? defaultFixtureFile());
  const store = new PosStore(fixture, now, policyFor(faults));

  const server = createServer(createRequestListener({ token: opts.token, store, faults, now }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    venueId: fixture.venues[0]!.id,
    otherVenueId: fixture.venues[1]!.id,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // `close` only stops accepting; idle keep-alive sockets would hold the process open.
        server.closeAllConnections();
      }),
  };
}

/** Faults that change the POS's rules rather than its answers are store policies. */
function policyFor(faults: FaultSet): StorePolicy {
  return {
    closedRetentionMs: faults.has('closed-orders-purged') ? 0 : DEFAULT_POLICY.closedRetentionMs,
    allowDoubleBooking: faults.has('create-allows-double-booking'),
  };
}
