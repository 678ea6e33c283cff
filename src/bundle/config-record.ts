// config.json of a bundle: the run's resolved configuration, field by field (a new RunConfig field
// does not reach the bundle unless added here). Secrets appear only as where they came from — a
// variable NAME, a file path — never as values; the caller also redacts the text. What may carry a
// credential inline is left out: an exec driver's arguments, a URL's userinfo, query and fragment.
import type { RunConfig } from '../config/run-config.js';

export interface TargetFacts {
  baseUrl: string;
  venue: string;
  otherVenue?: string;
  forbiddenVenue?: string;
  embedded: boolean;
  /** `$POS_ACCREDIT_TOKEN`, `the file …`, `the generated one-run token`. */
  tokenSource: string;
  /** Whether the Mozrest key came from its variable (else it was generated for the run). */
  mozrestKeyFromEnv: boolean;
}

export function configRecord(config: RunConfig, target: TargetFacts): Record<string, unknown> {
  return {
    note: 'The resolved configuration of this run. Secrets are named by their source, never by value.',
    target: { baseUrl: target.baseUrl, venue: target.venue, otherVenue: target.otherVenue ?? null, forbiddenVenue: target.forbiddenVenue ?? null, embedded: target.embedded },
    secrets: {
      posToken: target.tokenSource,
      mozrestKey: target.mozrestKeyFromEnv ? `$${config.mozrest.keyEnv}` : `generated for the run ($${config.mozrest.keyEnv} was not set)`,
      ...(config.driver?.kind === 'http' && config.driver.tokenEnv ? { driverToken: `$${config.driver.tokenEnv}` } : {}),
    },
    run: {
      suites: config.suites,
      tags: config.tags,
      ids: config.ids,
      timeoutMs: config.timeoutMs,
      callbackTimeoutMs: config.callbackTimeoutMs,
      tokenRecheckAfterMs: config.tokenRecheckAfterMs,
      strict: config.strict,
      keep: config.keep,
      recheck: config.recheck ?? null,
      capabilities: config.capabilities?.names ?? null,
    },
    driver: driverRecord(config.driver),
    mozrest: { host: config.mozrest.host, port: config.mozrest.port, keyEnv: config.mozrest.keyEnv, publicUrl: urlRecord(config.mozrest.publicUrl), sharedUrl: urlRecord(config.mozrest.sharedUrl) },
    report: { outDir: config.outDir, reporters: config.reporters },
    bundle: config.bundle ? { path: config.bundle.dir, signingKey: config.bundle.signingKey?.path ?? null } : null,
    configFile: config.configFile ?? null,
  };
}

export const ARGUMENTS_NOT_RECORDED = '(arguments not recorded: they may hold credentials)';

/**
 * The driver without what may hold a credential: its kind, an http driver's URL without userinfo,
 * query and fragment, an exec driver's program name only.
 */
function driverRecord(driver: RunConfig['driver']): Record<string, unknown> | null {
  if (!driver) return null;
  switch (driver.kind) {
    case 'prompt':
      return { kind: 'prompt' };
    case 'http':
      return { kind: 'http', url: urlRecord(driver.url), ...(driver.tokenEnv ? { tokenEnv: driver.tokenEnv } : {}) };
    case 'exec':
      return { kind: 'exec', command: `${programName(driver.command)} ${ARGUMENTS_NOT_RECORDED}` };
  }
}

/** A URL without `user:pass@`, `?query` and `#fragment`; text that is not a URL is not recorded. */
export function urlRecord(url: string | undefined): string | null {
  if (url === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a URL; not recorded)';
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** The first word of a command line (quotes around it removed); a path stays a path. */
function programName(command: string): string {
  const text = command.trim();
  const quoted = /^(["'])(.*?)\1/.exec(text);
  return quoted ? quoted[2]! : (text.split(/\s+/)[0] ?? '');
}
