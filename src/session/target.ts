// Which POS the run talks to: the vendor's (base URL, venue, token from env or file) or, with no
// base URL, the embedded reference POS started in-process with a one-run token, sending its
// callbacks to this run's mock Mozrest.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RunConfig } from '../config/run-config.js';
import { PosAccreditError } from '../core/errors.js';

export interface Target {
  baseUrl: string;
  venue: string;
  otherVenue: string;
  /** A venue the token may not access; the embedded POS's comes from its fixture. */
  forbiddenVenue?: string;
  token: string;
  embedded: boolean;
  tokenSource: string;
  /** The embedded reference POS's test-automation hook (its http driver target). */
  automation?: { url: string; token: string };
  /** Lines for the console before the run (never the token itself). */
  notices: string[];
  close(): Promise<void>;
}

export async function resolveTarget(config: RunConfig, env: NodeJS.ProcessEnv, runId: string, mozrest: { url: string; key: string }): Promise<Target> {
  if (!config.baseUrl) {
    const token = randomBytes(24).toString('base64url');
    // Loaded only when a run accredits it: a run against another POS never pays for it.
    const { startReferencePos } = await import('../reference-pos/server.js');
    const pos = await startReferencePos({ token, mozrest: { baseUrl: mozrest.url, key: mozrest.key } });
    return {
      baseUrl: pos.url, venue: pos.venueId, otherVenue: pos.otherVenueId, ...(pos.forbiddenVenueId ? { forbiddenVenue: pos.forbiddenVenueId } : {}), token, embedded: true, tokenSource: 'the generated one-run token',
      automation: { url: pos.automationUrl, token },
      notices: ['No --base-url given: accrediting the embedded reference POS (a correct implementation, for comparison).'],
      close: () => pos.close(),
    };
  }
  if (!config.venue) {
    throw new PosAccreditError('missing-venue', '--base-url needs a venue: give --venue, POS_ACCREDIT_VENUE or target.venue in the config file');
  }
  return {
    baseUrl: config.baseUrl, venue: config.venue, otherVenue: config.otherVenue ?? `pos-accredit-no-such-venue-${runId}`,
    ...(config.forbiddenVenue ? { forbiddenVenue: config.forbiddenVenue } : {}),
    token: readToken(config, env), embedded: false, notices: [], close: async () => {},
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
    throw new PosAccreditError('missing-token', `no POS token: the environment variable ${config.tokenEnv} is not set`, 2, `export ${config.tokenEnv}=<token> (or use --token-file PATH); the token is never taken on the command line`);
  }
  return token;
}
