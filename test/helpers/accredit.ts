// Accredits the embedded reference POS in-process, as `pos-accredit run` does — through the same
// session (src/session/): configuration resolved from flags, the reference POS on 127.0.0.1:0
// with behaviours broken on purpose, its callbacks to a mock Mozrest on 127.0.0.1:0, driven
// through its own test-automation hook, report.json written to a temporary folder. Real HTTP,
// real YAML; nothing mocked but Mozrest itself, which the harness plays by design.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { resolveConfig, type RunFlags } from '../../src/config/resolve-config.js';
import { contractCapabilities } from '../../src/contract/capabilities.js';
import type { RunResult } from '../../src/core/results.js';
import { mozrestPaths } from '../../src/contract/contract.js';
import { Redactor } from '../../src/core/redactor.js';
import { startMockMozrest, type RunningMockMozrest } from '../../src/mozrest/receiver.js';
import type { FaultName } from '../../src/reference-pos/faults.js';
import { startReferencePos, type RunningReferencePos } from '../../src/reference-pos/server.js';
import { REPORTER_NAMES } from '../../src/report/registry.js';
import { runSession } from '../../src/session/session.js';
import { loadSuites, type LoadedSuites } from '../../src/suite/load-suites.js';
import { ROOT, tempDir } from './cli.js';
import { noteSecret } from './secret-ledger.js';

let loaded: LoadedSuites | undefined;
export function builtInSuites(): LoadedSuites {
  loaded ??= loadSuites({ paths: [] });
  return loaded;
}

export interface AccreditOptions {
  faults?: FaultName[];
  /** The reference POS's venue size (its first N tables) and the id it puts in M2-M4 paths. */
  tables?: number;
  callbackIds?: 'pos' | 'mozrest';
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
  /** --recheck: an earlier run's report.json whose closed orders are checked again. */
  recheck?: string;
  /** Looks at the reference POS after the run, before it stops (e.g. which orders are open). */
  afterRun?: (pos: { url: string; venueId: string; token: string }) => Promise<void>;
}

/** Discards what the console reporter would print (the tests read the result). */
const nowhere = (): Writable => new Writable({ write: (_chunk, _enc, done) => done() });

export interface ExternalOptions {
  /** The POS under test: its base URL, venues and token, as a vendor gives them. */
  baseUrl: string;
  venue: string;
  otherVenue?: string;
  forbiddenVenue?: string;
  token: string;
  /** Its test-automation hook (the http driver), called with the same token. */
  driverUrl?: string;
  /** A mock Mozrest several runs share (what `serve mozrest` starts) and its key. */
  mozrestUrl: string;
  key: string;
  callbackTimeoutMs?: number;
  ids?: string[];
  /** What the POS declares; default: every capability (the reference POS implements them all). */
  capabilities?: string[];
  /** Collects what the run says before its first case (the venue's notices). */
  notices?: string[];
  /** --token-recheck-after; `0s` unless a test is about the token's lifetime (the default 15 s only slows the suite). */
  tokenRecheckAfter?: string;
  /** --timeout (default 5s). */
  timeout?: string;
}

/** Accredits a POS served on its own, as `pos-accredit run --base-url … --mozrest-url …` does. */
export async function accreditExternal(options: ExternalOptions): Promise<RunResult> {
  noteSecret(options.token);
  noteSecret(options.key);
  const flags: RunFlags = {
    baseUrl: options.baseUrl, venue: options.venue, ...(options.otherVenue ? { otherVenue: options.otherVenue } : {}), ...(options.forbiddenVenue ? { forbiddenVenue: options.forbiddenVenue } : {}),
    timeout: options.timeout ?? '5s', callbackTimeout: String(options.callbackTimeoutMs ?? 3000), out: tempDir('pos-accredit-accredit-'), reporter: ['json'], mozrestUrl: options.mozrestUrl,
    ...(options.tokenRecheckAfter === 'default' ? {} : { tokenRecheckAfter: options.tokenRecheckAfter ?? '0s' }),
    ...(options.driverUrl ? { driver: 'http', driverUrl: options.driverUrl, driverTokenEnv: 'POS_ACCREDIT_TOKEN' } : {}),
    ...(options.ids ? { id: options.ids } : {}),
    capability: options.capabilities ?? contractCapabilities(builtInSuites().contract).map((c) => c.name),
  };
  const env = { POS_ACCREDIT_TOKEN: options.token, POS_ACCREDIT_MOZREST_KEY: options.key };
  const config = resolveConfig({ flags, suites: [], env, cwd: ROOT, now: new Date(), knownReporters: REPORTER_NAMES, stdoutIsTTY: false });
  const { result } = await runSession({
    config, env, cwd: ROOT, version: 'test', stdout: nowhere(), stderr: nowhere(), interactive: false, loaded: builtInSuites(), reviewChecklist: false,
    ...(options.notices ? { listen: { onNotice: (lines: string[]) => void options.notices!.push(...lines) } } : {}),
  });
  return result;
}

export async function accreditReferencePos(options: AccreditOptions = {}): Promise<RunResult> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const key = options.key ?? randomBytes(18).toString('base64url');
  noteSecret(token);
  noteSecret(key);
  const flags: RunFlags = {
    timeout: '5s', callbackTimeout: String(options.callbackTimeoutMs ?? 1500), out: tempDir('pos-accredit-accredit-'), reporter: ['json'],
    ...(options.ids ? { id: options.ids } : {}), ...(options.tags ? { tag: options.tags } : {}),
    ...(options.strict ? { strict: true } : {}), ...(options.keep ? { keep: true } : {}), ...(options.recheck ? { recheck: options.recheck } : {}),
    ...(options.capabilities ? { capability: options.capabilities } : {}),
  };
  const env = { POS_ACCREDIT_MOZREST_KEY: key };
  const config = resolveConfig({ flags, suites: [], env, cwd: ROOT, now: new Date(), knownReporters: REPORTER_NAMES, stdoutIsTTY: false });
  const { result } = await runSession({
    config, env, cwd: ROOT, version: 'test', stdout: nowhere(), stderr: nowhere(), interactive: false,
    loaded: builtInSuites(),
    referencePos: {
      token, faults: options.faults ?? [], callbackRetry: { attempts: 3, baseDelayMs: 20 },
      ...(options.tables !== undefined ? { tables: options.tables } : {}),
      ...(options.callbackIds !== undefined ? { callbackIds: options.callbackIds } : {}),
      ...(options.tokenExpiresAfterRequests !== undefined ? { tokenExpiresAfterRequests: options.tokenExpiresAfterRequests } : {}),
      ...(options.noDriver ? { automation: false } : {}),
    },
    reviewChecklist: options.review ?? false,
    beforeClose: async (target) => {
      await options.afterRun?.({ url: target.baseUrl, venueId: target.venue, token: target.token });
    },
  });
  return result;
}

/** A reference POS served on its own with its mock Mozrest, as `serve reference-pos` + `serve mozrest` run them. */
export interface ServedPos {
  pos: RunningReferencePos;
  mock: RunningMockMozrest;
  token: string;
  key: string;
  /** The accreditExternal options that point a run at them (the http driver on its hook). */
  target: Pick<ExternalOptions, 'baseUrl' | 'venue' | 'otherVenue' | 'token' | 'key' | 'driverUrl' | 'mozrestUrl'>;
  close(): Promise<void>;
}

export async function serveReferencePos(options: { faults?: FaultName[] } = {}): Promise<ServedPos> {
  const suites = builtInSuites();
  const token = randomBytes(12).toString('hex');
  const key = randomBytes(12).toString('hex');
  noteSecret(token);
  noteSecret(key);
  const redactor = new Redactor();
  redactor.add(key);
  const mock = await startMockMozrest({ key, schemas: suites.schemas, redactor, paths: mozrestPaths(suites.contract) });
  const pos = await startReferencePos({ token, faults: options.faults ?? [], mozrest: { baseUrl: mock.localUrl, key }, callbackRetry: { attempts: 3, baseDelayMs: 20 } });
  return {
    pos, mock, token, key,
    target: { baseUrl: pos.url, venue: pos.venueId, otherVenue: pos.otherVenueId, token, key, driverUrl: pos.automationUrl, mozrestUrl: mock.url },
    close: async () => {
      await pos.close();
      await mock.close();
    },
  };
}
