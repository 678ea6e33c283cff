// Which drivers exist and how a configuration becomes one. Adding a driver = one file + one entry.
import type { Readable, Writable } from 'node:stream';
import { EXIT, PosAccreditError } from '../core/errors.js';
import type { Driver } from './driver.js';
import type { Redactor } from '../core/redactor.js';
import { createExecDriver } from './exec-driver.js';
import { createHttpDriver } from './http-driver.js';
import { createPromptDriver } from './prompt-driver.js';

export const DRIVER_KINDS = ['prompt', 'http', 'exec'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

/** One line each, for --help and `list`. */
export const DRIVER_DESCRIPTIONS: Readonly<Record<DriverKind, string>> = {
  prompt: 'a person at this terminal performs each action on the POS and presses Enter',
  http: "each action is POSTed as JSON to the vendor's test-automation URL",
  exec: 'each action is written as JSON to the stdin of a command, which answers JSON on stdout',
};

export type DriverConfig =
  | { kind: 'http'; url: string; /** Name of the environment variable holding the hook's bearer token. */ tokenEnv?: string }
  | {
      kind: 'exec';
      /** Without `args`, split like a simple shell line (quotes group words; nothing is expanded). */
      command: string;
      args?: string[];
      cwd?: string;
    }
  | { kind: 'prompt' };

export interface DriverDeps {
  venueId: string;
  redactor: Redactor;
  /** Where tokenEnv is looked up; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** prompt only: defaults to process.stdin / process.stdout. */
  input?: Readable;
  output?: Writable;
  isTTY?: boolean;
  /** Environment variables the exec driver's command must not see (the POS token, the Mozrest key). */
  hiddenEnv?: readonly string[];
  /** The run's interrupt signal (Ctrl-C): an action in flight stops with `driver-aborted`. */
  signal?: AbortSignal;
}

/** A driver configuration that cannot work (a missing command, a bad URL): a usage error. */
export class DriverConfigError extends PosAccreditError {
  constructor(message: string) {
    super('driver-config', message, EXIT.usage);
    this.name = 'DriverConfigError';
  }
}

export function isDriverKind(value: string): value is DriverKind {
  return (DRIVER_KINDS as readonly string[]).includes(value);
}

export function createDriver(config: DriverConfig, deps: DriverDeps): Driver {
  switch (config.kind) {
    case 'http': {
      const env = deps.env ?? process.env;
      let token: string | undefined;
      if (config.tokenEnv !== undefined) {
        token = env[config.tokenEnv]?.trim();
        if (token === undefined || token.trim() === '') {
          throw new DriverConfigError(`the http driver's token variable ${config.tokenEnv} is not set (or empty)`);
        }
        // Read here, so masked from here on: the one place this secret enters the run.
        deps.redactor.add(token);
      }
      checkHookUrl(config.url, token !== undefined);
      return createHttpDriver({ url: config.url, token, venueId: deps.venueId, redactor: deps.redactor, signal: deps.signal });
    }
    case 'exec': {
      const [command, ...rest] = config.args === undefined ? splitCommandLine(config.command) : [config.command];
      if (command === undefined || command === '') throw new DriverConfigError('the exec driver needs a command');
      // The vendor's command gets the harness's environment minus the run's own secrets.
      const env = Object.fromEntries((deps.hiddenEnv ?? []).map((name) => [name, undefined]));
      return createExecDriver({ command, args: config.args ?? rest, cwd: config.cwd, env, venueId: deps.venueId, redactor: deps.redactor, signal: deps.signal });
    }
    case 'prompt': {
      const input = deps.input ?? process.stdin;
      const output = deps.output ?? process.stdout;
      const isTTY = deps.isTTY ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
      return createPromptDriver({ input, output, venueId: deps.venueId, isTTY, signal: deps.signal });
    }
  }
}

/** http(s) only; a token travels only over HTTPS, except to this machine (the embedded hook, tests). */
function checkHookUrl(url: string, withToken: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DriverConfigError(`the http driver's URL is not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DriverConfigError(`the http driver's URL must be http:// or https://, got ${parsed.protocol}`);
  }
  if (withToken && parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw new DriverConfigError(
      `refusing to send the automation hook's token over plain http to ${parsed.host}; use https:// (plain http is allowed only to localhost)`,
    );
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** `node "my script.js" --fast` → ['node', 'my script.js', '--fast']. No variables, globs or escapes beyond quotes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new DriverConfigError(`unbalanced ${quote} in the exec driver's command: ${line}`);
  if (inWord) words.push(current);
  return words;
}
