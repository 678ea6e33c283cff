// config.json of a bundle: the run's resolved configuration, field by field (a new RunConfig field
// does not reach the bundle unless added here). Secrets appear only as where they came from — a
// variable NAME, a file path — never as values; the caller also redacts the text.
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
      strict: config.strict,
      keep: config.keep,
      recheck: config.recheck ?? null,
      capabilities: config.capabilities?.names ?? null,
    },
    driver: config.driver ?? null,
    mozrest: { host: config.mozrest.host, port: config.mozrest.port, keyEnv: config.mozrest.keyEnv, publicUrl: config.mozrest.publicUrl ?? null, sharedUrl: config.mozrest.sharedUrl ?? null },
    report: { outDir: config.outDir, reporters: config.reporters },
    bundle: config.bundle ? { path: config.bundle.dir, signingKey: config.bundle.signingKey?.path ?? null } : null,
    configFile: config.configFile ?? null,
  };
}
