// The resolved configuration of a run: flags win over environment, environment over the config
// file, the file over defaults. Every value remembers where it came from, for error messages.
export interface RunConfig {
  /** Undefined: accredit the embedded reference POS. */
  baseUrl?: string;
  venue?: string;
  otherVenue?: string;
  /** Name of the environment variable holding the POS token. */
  tokenEnv: string;
  tokenFile?: string;
  suites: string[];
  tags: string[];
  ids: string[];
  timeoutMs: number;
  strict: boolean;
  outDir: string;
  reporters: string[];
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Config file used, if any. */
  configFile?: string;
}

export const DEFAULT_TOKEN_ENV = 'POS_ACCREDIT_TOKEN';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONFIG_FILE = 'pos-accredit.yaml';

/** Environment variables, one per setting; documented in the README. */
export const ENV = {
  config: 'POS_ACCREDIT_CONFIG',
  baseUrl: 'POS_ACCREDIT_BASE_URL',
  venue: 'POS_ACCREDIT_VENUE',
  otherVenue: 'POS_ACCREDIT_OTHER_VENUE',
  tokenEnv: 'POS_ACCREDIT_TOKEN_ENV',
  tokenFile: 'POS_ACCREDIT_TOKEN_FILE',
  tags: 'POS_ACCREDIT_TAGS',
  ids: 'POS_ACCREDIT_IDS',
  timeout: 'POS_ACCREDIT_TIMEOUT',
  strict: 'POS_ACCREDIT_STRICT',
  out: 'POS_ACCREDIT_OUT',
  reporters: 'POS_ACCREDIT_REPORTERS',
} as const;
