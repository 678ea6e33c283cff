// Which POS the run talks to: the vendor's (base URL, venue, token from env or file) or, with no
// base URL, the embedded reference POS started in-process with a one-run token, sending its
// callbacks to this run's mock Mozrest. The token is read (or made) here and registered with the
// run's redactor once.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RunConfig } from '../config/run-config.js';
import { EXIT, PosAccreditError } from '../core/errors.js';
import type { Redactor } from '../core/redactor.js';
import type { RunTarget } from '../engine/execute-run.js';
import type { CallbackIdMode, FaultName, RetryPolicy } from '../reference-pos/server.js';

/** What the engine needs of the target (the embedded POS's forbidden venue comes from its fixture), and how to start and stop it. */
export interface Target extends RunTarget {
  tokenSource: string;
  /** The embedded reference POS's test-automation hook (its http driver target). */
  automation?: { url: string; token: string };
  /** Lines for the console before the run (never the token itself). */
  notices: string[];
  /** Resolves when the embedded reference POS has sent its last callbacks (bounded); at once for a vendor's POS. */
  settle(): Promise<void>;
  /** Stops the embedded reference POS; nothing for a vendor's POS. */
  close(): Promise<void>;
}

/** The shape of the embedded reference POS (tests break it on purpose; the CLI takes the default). */
export interface EmbeddedPosOptions {
  faults?: FaultName[];
  /** The venue's size: its first N tables (default: all of the fixture's). */
  tables?: number;
  /** The id the POS puts in the M2-M4 paths: its own (default) or Mozrest's. */
  callbackIds?: CallbackIdMode;
  /** Default: a random one-run token. */
  token?: string;
  /** With fault `token-dies-after-200-requests`: how many requests the token lasts instead. */
  tokenExpiresAfterRequests?: number;
  callbackRetry?: RetryPolicy;
  /** Drive it through its test-automation hook (default true); false: as a POS with no driver. */
  automation?: boolean;
}

/** How long closing waits for the embedded POS's callbacks still on their way (retries included). */
const SETTLE_MS = 2000;

export async function resolveTarget(config: RunConfig, env: NodeJS.ProcessEnv, runId: string, redactor: Redactor, mozrest: { url: string; key: string }, embedded: EmbeddedPosOptions = {}): Promise<Target> {
  if (!config.baseUrl) {
    const token = embedded.token ?? randomBytes(24).toString('base64url');
    redactor.add(token);
    // Loaded only when a run accredits it: a run against another POS never pays for it.
    const { startReferencePos } = await import('../reference-pos/server.js');
    const pos = await startReferencePos({
      token, mozrest: { baseUrl: mozrest.url, key: mozrest.key }, faults: embedded.faults ?? [],
      ...(embedded.tables !== undefined ? { tables: embedded.tables } : {}),
      ...(embedded.callbackIds !== undefined ? { callbackIds: embedded.callbackIds } : {}),
      ...(embedded.callbackRetry ? { callbackRetry: embedded.callbackRetry } : {}),
      ...(embedded.tokenExpiresAfterRequests !== undefined ? { tokenExpiresAfterRequests: embedded.tokenExpiresAfterRequests } : {}),
    });
    return {
      baseUrl: pos.url, venue: pos.venueId, otherVenue: pos.otherVenueId, ...(pos.forbiddenVenueId ? { forbiddenVenue: pos.forbiddenVenueId } : {}), token, embedded: true, tokenSource: 'the generated one-run token',
      ...(embedded.automation === false ? {} : { automation: { url: pos.automationUrl, token } }),
      notices: ['No --base-url given: accrediting the embedded reference POS (a correct implementation, for comparison).'],
      // A callback still on its way (a retry after a 503) reaches the mock before both stop.
      settle: async () => {
        await Promise.race([pos.callbacksSettled(), new Promise((resolve) => setTimeout(resolve, SETTLE_MS).unref())]);
      },
      close: () => pos.close(),
    };
  }
  return externalTarget({ ...config, baseUrl: config.baseUrl }, env, runId, redactor);
}

/** The vendor's POS (`--base-url`): its venues and its token, read (and registered) here. */
export function externalTarget(config: RunConfig & { baseUrl: string }, env: NodeJS.ProcessEnv, runId: string, redactor: Redactor): Target {
  if (!config.venue) {
    throw new PosAccreditError('missing-venue', '--base-url needs a venue: give --venue, POS_ACCREDIT_VENUE or target.venue in the config file');
  }
  const token = readToken(config, env);
  redactor.add(token);
  return {
    baseUrl: config.baseUrl, venue: config.venue, otherVenue: config.otherVenue ?? `pos-accredit-no-such-venue-${runId}`,
    ...(config.forbiddenVenue ? { forbiddenVenue: config.forbiddenVenue } : {}),
    token, embedded: false, notices: [], settle: async () => {}, close: async () => {},
    tokenSource: config.tokenFile ? `the file ${config.tokenFile}` : `$${config.tokenEnv}`,
  };
}

function readToken(config: RunConfig, env: NodeJS.ProcessEnv): string {
  if (config.tokenFile) {
    let text: string;
    try {
      text = readFileSync(config.tokenFile, 'utf8');
    } catch (err) {
      throw new PosAccreditError('token-file', `--token-file: cannot read ${config.tokenFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const token = text.trim();
    if (!token) throw new PosAccreditError('token-file', `--token-file: ${config.tokenFile} is empty`);
    return token;
  }
  const token = env[config.tokenEnv]?.trim();
  if (!token) {
    throw new PosAccreditError('missing-token', `no POS token: the environment variable ${config.tokenEnv} is not set`, EXIT.usage, `export ${config.tokenEnv}=<token> (or use --token-file PATH); the token is never taken on the command line`);
  }
  return token;
}
