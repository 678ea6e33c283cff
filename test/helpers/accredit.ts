// Runs the built-in suites in-process against a reference POS on 127.0.0.1:0, optionally with
// behaviours broken on purpose: the POS sends its callbacks to a mock Mozrest on 127.0.0.1:0
// and is driven through its own test-automation hook. Real HTTP, real YAML; nothing mocked
// but Mozrest itself, which the harness plays by design.
import { randomBytes } from 'node:crypto';
import { contractCapabilities } from '../../src/contract/capabilities.js';
import { createHttpDriver } from '../../src/drivers/http-driver.js';
import { mozrestPaths } from '../../src/contract/contract.js';
import { executeRun } from '../../src/engine/execute-run.js';
import { makePlan } from '../../src/engine/plan.js';
import type { RunResult } from '../../src/core/results.js';
import { startMockMozrest } from '../../src/mozrest/receiver.js';
import type { FaultName } from '../../src/reference-pos/faults.js';
import { startReferencePos } from '../../src/reference-pos/server.js';
import { Redactor } from '../../src/core/redactor.js';
import { loadSuites, type LoadedSuites } from '../../src/suite/load-suites.js';
import { noteSecret } from './secret-ledger.js';

let loaded: LoadedSuites | undefined;
export function builtInSuites(): LoadedSuites {
  loaded ??= loadSuites({ paths: [] });
  return loaded;
}

export interface AccreditOptions {
  faults?: FaultName[];
  ids?: string[];
  tags?: string[];
  strict?: boolean;
  token?: string;
  /** The Mozrest API key the POS must send (default: random). */
  key?: string;
  /** Append the reviewer's checklist (manual cases), as a full CLI run does. */
  review?: boolean;
  /** Without a driver, action steps skip their cases (an unattended run with no hook). */
  noDriver?: boolean;
  /** Short by default: a fault that suppresses a callback should not cost 30 s of test time. */
  callbackTimeoutMs?: number;
  tokenExpiresAfterRequests?: number;
  /** What the POS declares; default: every capability (the reference POS implements them all). */
  capabilities?: string[];
  /** Skip cleanup and teardown (--keep). */
  keep?: boolean;
  /** Looks at the reference POS after the run, before it stops (e.g. which orders are open). */
  afterRun?: (pos: { url: string; venueId: string; token: string }) => Promise<void>;
}

export async function accreditReferencePos(options: AccreditOptions = {}): Promise<RunResult> {
  const suites = builtInSuites();
  const token = options.token ?? randomBytes(18).toString('base64url');
  const key = options.key ?? randomBytes(18).toString('base64url');
  noteSecret(token);
  noteSecret(key);
  const redactor = new Redactor();
  const catalogue = contractCapabilities(suites.contract);
  const mock = await startMockMozrest({
    key, schemas: suites.schemas, redactor,
    paths: mozrestPaths(suites.contract),
  });
  const pos = await startReferencePos({
    token, faults: options.faults ?? [], mozrest: { baseUrl: mock.localUrl, key },
    callbackRetry: { attempts: 3, baseDelayMs: 20 }, tokenExpiresAfterRequests: options.tokenExpiresAfterRequests,
  });
  try {
    const result = await executeRun({
      loaded: suites,
      plan: makePlan(suites.suites, { tags: options.tags ?? [], ids: options.ids ?? [] }, { catalogue, declared: options.capabilities ?? catalogue.map((c) => c.name) }),
      target: { baseUrl: pos.url, venue: pos.venueId, otherVenue: pos.otherVenueId, forbiddenVenue: pos.forbiddenVenueId, token, embedded: true },
      runId: randomBytes(4).toString('hex'),
      timeoutMs: 5000,
      callbackTimeoutMs: options.callbackTimeoutMs ?? 1500,
      strict: options.strict ?? false,
      version: 'test',
      redactor,
      driver: options.noDriver ? undefined : createHttpDriver({ url: pos.automationUrl, token, venueId: pos.venueId, redactor }),
      mozrest: { url: mock.url, receiver: mock, calls: () => mock.calls() },
      keep: options.keep,
      reviewChecklist: options.review,
    });
    await pos.callbacksSettled();
    await options.afterRun?.({ url: pos.url, venueId: pos.venueId, token });
    return result;
  } finally {
    await pos.close();
    await mock.close();
  }
}
