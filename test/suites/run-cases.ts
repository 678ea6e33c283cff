// Runs chosen built-in cases against a reference POS on 127.0.0.1:0 — like helpers/accredit.ts,
// but with the run's variables open to the test: what the outside world would otherwise supply
// (a base URL on another host, a venue the token may not access, a stricter latency threshold)
// is set in the scope, while every request still goes to the reference POS on loopback.
import { randomBytes } from 'node:crypto';
import { contractCapabilities } from '../../src/contract/capabilities.js';
import { mozrestPaths } from '../../src/contract/contract.js';
import type { Driver } from '../../src/drivers/driver.js';
import { createHttpDriver } from '../../src/drivers/http-driver.js';
import { runScope } from '../../src/engine/execute-run.js';
import { makePlan } from '../../src/engine/plan.js';
import type { CaseResult } from '../../src/core/results.js';
import { runPlan } from '../../src/engine/runner.js';
import { prepareVenue } from '../../src/engine/venue-plan.js';
import { HttpClient } from '../../src/http/client.js';
import { startMockMozrest } from '../../src/mozrest/receiver.js';
import type { FaultName } from '../../src/reference-pos/faults.js';
import { startReferencePos, type RunningReferencePos } from '../../src/reference-pos/server.js';
import { Redactor } from '../../src/core/redactor.js';
import { builtInSuites } from '../helpers/accredit.js';

export interface RunCasesOptions {
  ids: string[];
  faults?: FaultName[];
  /** Run variables to set or replace (`target`, `forbiddenVenue` …); `contract` is merged section by section. */
  scope?: Record<string, unknown>;
  /** Leave the forbidden venue unconfigured, as for a vendor's POS run without --forbidden-venue. */
  embedded?: boolean;
  noDriver?: boolean;
  /** Wraps the driver (e.g. to record every action it is asked for). */
  driver?: (inner: Driver) => Driver;
  /** --keep: leave what the cases opened (their cleanup is not run). */
  keep?: boolean;
  /** Before the run, with the reference POS up (e.g. to seat a guest on a table). */
  before?: (pos: RunningReferencePos, token: string) => Promise<void>;
  /** After the run, before the reference POS stops. */
  after?: (pos: RunningReferencePos, token: string) => Promise<void>;
}

export async function runCases(o: RunCasesOptions): Promise<CaseResult[]> {
  const suites = builtInSuites();
  const token = randomBytes(12).toString('hex');
  const key = randomBytes(12).toString('hex');
  const redactor = new Redactor();
  const mock = await startMockMozrest({ key, schemas: suites.schemas, redactor, paths: mozrestPaths(suites.contract) });
  const pos = await startReferencePos({ token, faults: o.faults ?? [], mozrest: { baseUrl: mock.localUrl, key }, callbackRetry: { attempts: 3, baseDelayMs: 20 } });
  const http = new HttpClient({ baseUrl: pos.url, token, timeoutMs: 5000, maxBodyBytes: 5 * 1024 * 1024, redactor });
  try {
    await o.before?.(pos, token);
    const baseScope = runScope({ baseUrl: pos.url, venue: pos.venueId, otherVenue: pos.otherVenueId, ...(o.embedded === false ? {} : { forbiddenVenue: pos.forbiddenVenueId }), token, embedded: o.embedded ?? true }, randomBytes(4).toString('hex'), suites.contract);
    for (const [name, value] of Object.entries(o.scope ?? {})) {
      if (name !== 'contract') baseScope.set(name, value);
      else {
        const contract = baseScope.get('contract') as Record<string, Record<string, unknown>>;
        const overrides = value as Record<string, Record<string, unknown>>;
        baseScope.set('contract', Object.fromEntries(Object.entries(contract).map(([section, entries]) => [section, { ...entries, ...overrides[section] }])));
      }
    }
    const catalogue = contractCapabilities(suites.contract);
    const plan = makePlan(suites.suites, { tags: [], ids: o.ids }, { catalogue, declared: catalogue.map((c) => c.name) });
    // The venue as a run finds it (its free tables, what the plan needs), as executeRun does.
    const venue = await prepareVenue({ plan, http, contract: suites.contract, venue: pos.venueId, baseUrl: pos.url, driver: !o.noDriver, keep: !!o.keep });
    const run = await runPlan(plan, {
      http, runStartedAt: Date.now(), schemas: suites.schemas, redactor, baseScope, strict: false, contract: suites.contract, callbackTimeoutMs: 1500, keep: o.keep,
      driver: o.noDriver ? undefined : (o.driver ?? ((d: Driver) => d))(createHttpDriver({ url: pos.automationUrl, token, venueId: pos.venueId, redactor })),
      receiver: mock, ledger: venue.ledger, confirmed: new Map(),
    }, {}, { skips: venue.skips, ...(venue.aborted ? { aborted: venue.aborted } : {}) });
    await pos.callbacksSettled();
    await o.after?.(pos, token);
    return run.cases;
  } finally {
    await http.close();
    await pos.close();
    await mock.close();
  }
}

/** The venue's open orders, as Mozrest would see them through List Orders. */
export async function openOrders(pos: RunningReferencePos, token: string): Promise<{ id: string; tables: string[] }[]> {
  const res = await fetch(`${pos.url}/venue/${pos.venueId}/orders?status=open`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as { id: string; tables: string[] }[];
}

/**
 * Served on plain http to 127.0.0.1, the reference POS is a local-development set-up: the one
 * warning a correct POS gets there (TRANSPORT-HTTPS), with the reason that says so.
 */
export function expectedOnLoopback(c: { id: string; status: string; reason?: string }): boolean {
  return c.id === 'TRANSPORT-HTTPS' && c.status === 'warn' && (c.reason ?? '').startsWith('plain http is fine for local development, but the URL given to Mozrest must be https');
}
