// The resolved configuration of a run: flags win over environment, environment over the config
// file, the file over defaults. Every value remembers where it came from, for error messages.
export interface RunConfig {
  /** Undefined: accredit the embedded reference POS. */
  baseUrl?: string;
  /** The embedded reference POS's shape (--embedded-tables, --embedded-callback-ids); defaults otherwise. */
  embedded?: { tables?: number; callbackIds?: 'pos' | 'mozrest' };
  venue?: string;
  otherVenue?: string;
  /** A venue the token may NOT access (the 403 check, 8.1/7); the case skips without it. */
  forbiddenVenue?: string;
  /** Name of the environment variable holding the POS token. */
  tokenEnv: string;
  tokenFile?: string;
  suites: string[];
  tags: string[];
  ids: string[];
  timeoutMs: number;
  /** How long an await step waits for a POS callback. */
  callbackTimeoutMs: number;
  /** How old the run must be when AUTH-TOKEN-STILL-VALID checks the token the last time. */
  tokenRecheckAfterMs: number;
  strict: boolean;
  /** --keep: leave the orders the run opened, for inspection. */
  keep: boolean;
  /** --recheck REPORT: an earlier report whose closed orders are checked again. */
  recheck?: string;
  outDir: string;
  /** Where outDir was given (`--out`, `POS_ACCREDIT_OUT`, `pos-accredit.yaml:7:8`), for errors. */
  outSource?: string;
  reporters: string[];
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Config file used, if any. */
  configFile?: string;
  /** How operator actions are performed; undefined: decided by the target (see resolve-target). */
  driver?: { kind: 'prompt' } | { kind: 'http'; url: string; tokenEnv?: string } | { kind: 'exec'; command: string };
  /** The mock Mozrest the POS sends its callbacks to. */
  /** `sharedUrl`: follow a `serve mozrest` instead of starting one (several runs, one POS). */
  /** portSource: where the port was given (`--mozrest-port`, `POS_ACCREDIT_MOZREST_PORT`, file:line:col). */
  mozrest: { host: string; port: number; portSource?: string; keyEnv: string; publicUrl?: string; sharedUrl?: string };
  /**
   * The capabilities the POS declares, each with where it was declared (`--capability`, the
   * variable, `pos-accredit.yaml:12:5`) for errors; undefined when nothing declares any.
   */
  capabilities?: CapabilityDeclaration;
  /**
   * --bundle PATH [--signing-key KEY]: also write an accreditation bundle (docs/bundle.md). Paths
   * are absolute; each source (`--bundle`, the variable, `pos-accredit.yaml:9:9`) names it in errors.
   */
  bundle?: { dir: string; source: string; signingKey?: { path: string; source: string } };
}

export interface CapabilityDeclaration {
  names: string[];
  /** One per name. */
  sources: string[];
}

export const DEFAULT_TOKEN_ENV = 'POS_ACCREDIT_TOKEN';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CALLBACK_TIMEOUT_MS = 30_000;
/**
 * How old a run against a POS (--base-url) must be before its token is checked the last time:
 * long enough to outlive a token that dies after seconds, short enough for a vendor's CI. The
 * embedded reference POS, whose token never dies, is checked at once (the run stays fast).
 * Mozrest staff accrediting a POS use more (docs: the long form).
 */
export const DEFAULT_TOKEN_RECHECK_AFTER_MS = 15_000;
export const DEFAULT_CONFIG_FILE = 'pos-accredit.yaml';
export const DEFAULT_MOZREST_KEY_ENV = 'POS_ACCREDIT_MOZREST_KEY';

/** Environment variables, one per setting; documented in the README. */
export const ENV = {
  config: 'POS_ACCREDIT_CONFIG',
  baseUrl: 'POS_ACCREDIT_BASE_URL',
  venue: 'POS_ACCREDIT_VENUE',
  otherVenue: 'POS_ACCREDIT_OTHER_VENUE',
  forbiddenVenue: 'POS_ACCREDIT_FORBIDDEN_VENUE',
  tokenEnv: 'POS_ACCREDIT_TOKEN_ENV',
  tokenFile: 'POS_ACCREDIT_TOKEN_FILE',
  tags: 'POS_ACCREDIT_TAGS',
  ids: 'POS_ACCREDIT_IDS',
  timeout: 'POS_ACCREDIT_TIMEOUT',
  callbackTimeout: 'POS_ACCREDIT_CALLBACK_TIMEOUT',
  tokenRecheckAfter: 'POS_ACCREDIT_TOKEN_RECHECK_AFTER',
  strict: 'POS_ACCREDIT_STRICT',
  out: 'POS_ACCREDIT_OUT',
  reporters: 'POS_ACCREDIT_REPORTERS',
  driver: 'POS_ACCREDIT_DRIVER',
  driverUrl: 'POS_ACCREDIT_DRIVER_URL',
  driverTokenEnv: 'POS_ACCREDIT_DRIVER_TOKEN_ENV',
  driverCommand: 'POS_ACCREDIT_DRIVER_COMMAND',
  mozrestHost: 'POS_ACCREDIT_MOZREST_HOST',
  mozrestPort: 'POS_ACCREDIT_MOZREST_PORT',
  mozrestKeyEnv: 'POS_ACCREDIT_MOZREST_KEY_ENV',
  mozrestPublicUrl: 'POS_ACCREDIT_MOZREST_PUBLIC_URL',
  mozrestUrl: 'POS_ACCREDIT_MOZREST_URL',
  capabilities: 'POS_ACCREDIT_CAPABILITIES',
  bundle: 'POS_ACCREDIT_BUNDLE',
  /** A PATH to the PEM private key, not the key itself. */
  signingKey: 'POS_ACCREDIT_SIGNING_KEY',
} as const;
