// flags > environment > config file > defaults. Bad values are reported against their source:
// the flag (`--timeout`), the variable (`POS_ACCREDIT_TIMEOUT`) or the file position.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, PosAccreditError } from '../core/errors.js';
import { parseDuration } from '../core/words/duration.js';
import { loadConfigFile, type ConfigFile, type ConfigValues } from './config-file.js';
import { DEFAULT_CALLBACK_TIMEOUT_MS, DEFAULT_TOKEN_RECHECK_AFTER_MS, DEFAULT_CONFIG_FILE, DEFAULT_MOZREST_KEY_ENV, DEFAULT_TIMEOUT_MS, DEFAULT_TOKEN_ENV, ENV, type CapabilityDeclaration, type RunConfig } from './run-config.js';

export interface RunFlags {
  baseUrl?: string;
  venue?: string;
  otherVenue?: string;
  forbiddenVenue?: string;
  tokenEnv?: string;
  tokenFile?: string;
  tag?: string[];
  id?: string[];
  timeout?: string;
  callbackTimeout?: string;
  tokenRecheckAfter?: string;
  out?: string;
  reporter?: string[];
  config?: string;
  strict?: boolean;
  keep?: boolean;
  recheck?: string;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  driver?: string;
  driverUrl?: string;
  driverTokenEnv?: string;
  driverCommand?: string;
  mozrestHost?: string;
  mozrestPort?: string;
  mozrestKeyEnv?: string;
  mozrestPublicUrl?: string;
  mozrestUrl?: string;
  capability?: string[];
  bundle?: string;
  signingKey?: string;
  embeddedTables?: string;
  embeddedCallbackIds?: string;
}

export interface ResolveInput {
  flags: RunFlags;
  suites: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: Date;
  knownReporters: readonly string[];
  /** Colour only on a terminal unless FORCE_COLOR says otherwise. */
  stdoutIsTTY: boolean;
}

type Picked<T> = { value: T; source: string } | undefined;

export function resolveConfig({ flags, suites, env, cwd, now, knownReporters, stdoutIsTTY }: ResolveInput): RunConfig {
  const configPath = flags.config ?? env[ENV.config] ?? (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (flags.config && !existsSync(resolve(cwd, flags.config))) throw new PosAccreditError('config-not-found', `--config: ${flags.config} does not exist`);
  const file: ConfigFile = configPath ? loadConfigFile(resolve(cwd, configPath), configPath) : { values: {}, posOf: () => '' };
  const f = file.values;
  const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));
  const pick = <T>(flag: T | undefined, flagName: string, envName: string, fromEnv: T | undefined, fromFile: T | undefined, filePath: string): Picked<T> => {
    if (flag !== undefined) return { value: flag, source: flagName };
    if (fromEnv !== undefined) return { value: fromEnv, source: envName };
    if (fromFile !== undefined) return { value: fromFile, source: file.posOf(filePath) };
    return undefined;
  };
  const nonEmpty = (a: string[] | undefined): string[] | undefined => (a && a.length ? a : undefined);

  const baseUrl = pick(flags.baseUrl, '--base-url', ENV.baseUrl, env[ENV.baseUrl], f.target?.baseUrl, 'target.baseUrl');
  if (baseUrl) checkUrl(baseUrl.value, baseUrl.source);
  const timeout = pick<string | number>(flags.timeout, '--timeout', ENV.timeout, env[ENV.timeout], f.run?.timeout, 'run.timeout');
  const timeoutMs = timeout ? parseDuration(timeout.value, DEFAULT_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new PosAccreditError('bad-timeout', `${timeout?.source}: "${String(timeout?.value)}" is not a duration`, EXIT.usage, 'write milliseconds (5000) or a duration: 500ms, 5s, 1m');
  }
  if (timeoutMs < 100 && /^\d+$/.test(String(timeout?.value))) {
    throw new PosAccreditError('bad-timeout', `${timeout?.source}: ${String(timeout?.value)} ms is too short for a request`, 2, `a bare number is milliseconds: did you mean ${String(timeout?.value)}s?`);
  }
  const callbackTimeout = pick<string | number>(flags.callbackTimeout, '--callback-timeout', ENV.callbackTimeout, env[ENV.callbackTimeout], f.run?.callbackTimeout, 'run.callbackTimeout');
  const callbackTimeoutMs = callbackTimeout ? parseDuration(callbackTimeout.value, DEFAULT_CALLBACK_TIMEOUT_MS) : DEFAULT_CALLBACK_TIMEOUT_MS;
  if (!Number.isFinite(callbackTimeoutMs) || callbackTimeoutMs <= 0) {
    throw new PosAccreditError('bad-timeout', `${callbackTimeout?.source}: "${String(callbackTimeout?.value)}" is not a duration`, EXIT.usage, 'write milliseconds (5000) or a duration: 500ms, 5s, 1m');
  }
  const recheck = pick<string | number>(flags.tokenRecheckAfter, '--token-recheck-after', ENV.tokenRecheckAfter, env[ENV.tokenRecheckAfter], f.run?.tokenRecheckAfter, 'run.tokenRecheckAfter');
  const tokenRecheckAfterMs = recheck ? parseDuration(recheck.value, DEFAULT_TOKEN_RECHECK_AFTER_MS) : undefined;
  if (tokenRecheckAfterMs !== undefined && (!Number.isFinite(tokenRecheckAfterMs) || tokenRecheckAfterMs < 0)) {
    throw new PosAccreditError('bad-timeout', `${recheck?.source}: "${String(recheck?.value)}" is not a duration`, EXIT.usage, 'write a duration: 0s (at once), 15s, 10m');
  }
  const reporters = pick(nonEmpty(flags.reporter?.flatMap((r) => list(r) ?? [])), '--reporter', ENV.reporters, list(env[ENV.reporters]), f.report?.reporters, 'report.reporters');
  for (const r of reporters?.value ?? []) {
    if (!knownReporters.includes(r)) throw new PosAccreditError('unknown-reporter', `${reporters?.source}: unknown reporter "${r}"`, 2, `reporters: ${knownReporters.join(', ')}`);
  }
  const strictEnv = env[ENV.strict] === undefined ? undefined : parseBool(env[ENV.strict], ENV.strict);
  const tokenEnv = pick(flags.tokenEnv, '--token-env', ENV.tokenEnv, env[ENV.tokenEnv], f.target?.tokenEnv, 'target.tokenEnv');
  if (tokenEnv && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv.value)) throw new PosAccreditError('bad-token-env', `${tokenEnv.source}: "${tokenEnv.value}" is not an environment variable name`, EXIT.usage, 'give the NAME of the variable that holds the token, not the token itself');
  const out = pick(flags.out, '--out', ENV.out, env[ENV.out], f.report?.out, 'report.out');
  const suitesFromFile = f.run?.suites?.map((s) => resolve(configPath ? resolve(cwd, configPath, '..') : cwd, s));

  const driver = resolveDriver(flags, env, f, pick);
  const mozrestPort = pick<string | number>(flags.mozrestPort, '--mozrest-port', ENV.mozrestPort, env[ENV.mozrestPort], f.mozrest?.port, 'mozrest.port');
  const port = Number(mozrestPort?.value ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PosAccreditError('bad-port', `${mozrestPort?.source}: "${String(mozrestPort?.value)}" is not a port number`);
  const publicUrl = pick(flags.mozrestPublicUrl, '--mozrest-public-url', ENV.mozrestPublicUrl, env[ENV.mozrestPublicUrl], f.mozrest?.publicUrl, 'mozrest.publicUrl');
  if (publicUrl) checkUrl(publicUrl.value, publicUrl.source);
  const sharedMozrest = pick(flags.mozrestUrl, '--mozrest-url', ENV.mozrestUrl, env[ENV.mozrestUrl], f.mozrest?.url, 'mozrest.url');
  if (sharedMozrest) checkUrl(sharedMozrest.value, sharedMozrest.source);
  const keyEnv = pick(flags.mozrestKeyEnv, '--mozrest-key-env', ENV.mozrestKeyEnv, env[ENV.mozrestKeyEnv], f.mozrest?.keyEnv, 'mozrest.keyEnv');
  if (keyEnv && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv.value)) throw new PosAccreditError('bad-key-env', `${keyEnv.source}: "${keyEnv.value}" is not an environment variable name`, EXIT.usage, 'give the NAME of the variable that holds the key, not the key itself');

  return {
    ...resolveEmbedded(flags, baseUrl?.value),
    bundle: resolveBundle(flags, env, f, pick, cwd),
    driver,
    capabilities: resolveCapabilities(flags, env, file),
    mozrest: {
      host: pick(flags.mozrestHost, '--mozrest-host', ENV.mozrestHost, env[ENV.mozrestHost], f.mozrest?.host, 'mozrest.host')?.value ?? '127.0.0.1',
      port,
      ...(mozrestPort ? { portSource: mozrestPort.source } : {}),
      keyEnv: keyEnv?.value ?? DEFAULT_MOZREST_KEY_ENV,
      publicUrl: publicUrl?.value.replace(/\/+$/, ''),
      sharedUrl: sharedMozrest?.value.replace(/\/+$/, ''),
    },
    baseUrl: baseUrl?.value.replace(/\/+$/, ''),
    venue: pick(flags.venue, '--venue', ENV.venue, env[ENV.venue], f.target?.venue, 'target.venue')?.value,
    otherVenue: pick(flags.otherVenue, '--other-venue', ENV.otherVenue, env[ENV.otherVenue], f.target?.otherVenue, 'target.otherVenue')?.value,
    forbiddenVenue: pick(flags.forbiddenVenue, '--forbidden-venue', ENV.forbiddenVenue, env[ENV.forbiddenVenue], f.target?.forbiddenVenue, 'target.forbiddenVenue')?.value,
    tokenEnv: tokenEnv?.value ?? DEFAULT_TOKEN_ENV,
    tokenFile: pick(flags.tokenFile, '--token-file', ENV.tokenFile, env[ENV.tokenFile], f.target?.tokenFile, 'target.tokenFile')?.value,
    suites: suites.length ? suites : suitesFromFile ?? [],
    tags: pick(nonEmpty(flags.tag), '--tag', ENV.tags, list(env[ENV.tags]), f.run?.tags, 'run.tags')?.value ?? [],
    ids: pick(nonEmpty(flags.id), '--id', ENV.ids, list(env[ENV.ids]), f.run?.ids, 'run.ids')?.value ?? [],
    timeoutMs,
    callbackTimeoutMs,
    // A POS of the vendor's: long enough to catch a token that dies after seconds; the embedded one at once.
    tokenRecheckAfterMs: tokenRecheckAfterMs ?? (baseUrl ? DEFAULT_TOKEN_RECHECK_AFTER_MS : 0),
    strict: flags.strict ?? strictEnv ?? f.run?.strict ?? false,
    keep: flags.keep ?? false,
    recheck: flags.recheck === undefined ? undefined : resolve(cwd, flags.recheck),
    // Milliseconds keep two runs started together from sharing (and overwriting) one folder.
    outDir: resolve(cwd, out?.value ?? `reports/${now.toISOString().replace(/[:.]/g, '-')}`),
    ...(out ? { outSource: out.source } : {}),
    reporters: reporters?.value ?? ['console', 'json'],
    // chalk's own convention: NO_COLOR disables, FORCE_COLOR enables.
    color: flags.color !== false && env.NO_COLOR === undefined && (stdoutIsTTY || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0')),
    quiet: flags.quiet ?? false,
    verbose: flags.verbose ?? false,
    configFile: configPath,
  };
}

/**
 * The declared capabilities, flags > environment > file, each name with its source. An explicit
 * empty declaration (`POS_ACCREDIT_CAPABILITIES=`, `capabilities: []`) declares none; checked
 * against the contract once the suites are loaded (config/declared-capabilities.ts).
 */
function resolveCapabilities(flags: RunFlags, env: NodeJS.ProcessEnv, file: ConfigFile): CapabilityDeclaration | undefined {
  const split = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);
  if (flags.capability !== undefined) {
    const names = flags.capability.flatMap(split);
    return { names, sources: names.map(() => '--capability') };
  }
  const fromEnv = env[ENV.capabilities];
  if (fromEnv !== undefined) {
    const names = split(fromEnv);
    return { names, sources: names.map(() => ENV.capabilities) };
  }
  const fromFile = file.values.capabilities;
  if (fromFile !== undefined) return { names: [...fromFile], sources: fromFile.map((_, i) => file.posOf(`capabilities.${i}`)) };
  return undefined;
}

/** --bundle and --signing-key; a signing key given on the command line without a bundle is a mistake. */
function resolveBundle(flags: RunFlags, env: NodeJS.ProcessEnv, f: ConfigValues, pick: Pick, cwd: string): RunConfig['bundle'] {
  // `bundle:` in the config file (docs/schemas/config.schema.json); read here with its own type.
  const fromFile = (f as ConfigValues & { bundle?: { path?: string; signingKey?: string } }).bundle;
  const dir = pick(flags.bundle, '--bundle', ENV.bundle, nonBlank(env[ENV.bundle]), fromFile?.path, 'bundle.path');
  const key = pick(flags.signingKey, '--signing-key', ENV.signingKey, nonBlank(env[ENV.signingKey]), fromFile?.signingKey, 'bundle.signingKey');
  if (!dir) {
    if (flags.signingKey !== undefined) throw new PosAccreditError('signing-key-without-bundle', '--signing-key signs a bundle, but no --bundle PATH was given', EXIT.usage, 'add --bundle PATH (a new folder) to write a signed accreditation bundle');
    return undefined;
  }
  if (!dir.value.trim()) throw new PosAccreditError('bad-bundle-path', `${dir.source}: the bundle path is empty`);
  if (key && !key.value.trim()) throw new PosAccreditError('bad-signing-key', `${key.source}: the signing key path is empty`);
  return { dir: resolve(cwd, dir.value), source: dir.source, ...(key ? { signingKey: { path: resolve(cwd, key.value), source: key.source } } : {}) };
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

type Pick = <T>(flag: T | undefined, flagName: string, envName: string, fromEnv: T | undefined, fromFile: T | undefined, filePath: string) => { value: T; source: string } | undefined;

const DRIVER_KINDS = ['prompt', 'http', 'exec'];

/** --driver and its companions; each kind needs its own setting. */
function resolveDriver(flags: RunFlags, env: NodeJS.ProcessEnv, f: ConfigValues, pick: Pick): RunConfig['driver'] {
  const kind = pick(flags.driver, '--driver', ENV.driver, env[ENV.driver], f.driver?.kind, 'driver.kind');
  if (!kind) return undefined;
  if (!DRIVER_KINDS.includes(kind.value)) {
    throw new PosAccreditError('unknown-driver', `${kind.source}: unknown driver "${kind.value}"`, 2, `drivers: ${DRIVER_KINDS.join(', ')} (docs/drivers.md)`);
  }
  if (kind.value === 'prompt') return { kind: 'prompt' };
  if (kind.value === 'http') {
    const url = pick(flags.driverUrl, '--driver-url', ENV.driverUrl, env[ENV.driverUrl], f.driver?.url, 'driver.url');
    if (!url) throw new PosAccreditError('missing-driver-url', `${kind.source}: the http driver needs the URL of your test-automation hook`, EXIT.usage, 'give --driver-url https://… (or driver.url in the config file)');
    checkUrl(url.value, url.source);
    const tokenEnv = pick(flags.driverTokenEnv, '--driver-token-env', ENV.driverTokenEnv, env[ENV.driverTokenEnv], f.driver?.tokenEnv, 'driver.tokenEnv');
    return { kind: 'http', url: url.value, ...(tokenEnv ? { tokenEnv: tokenEnv.value } : {}) };
  }
  const command = pick(flags.driverCommand, '--driver-command', ENV.driverCommand, env[ENV.driverCommand], f.driver?.command, 'driver.command');
  if (!command) throw new PosAccreditError('missing-driver-command', `${kind.source}: the exec driver needs a command`, EXIT.usage, 'give --driver-command "node my-hook.js" (or driver.command in the config file)');
  return { kind: 'exec', command: command.value };
}

/** An http(s) URL without credentials, or a usage error naming where it came from. */
export function checkUrl(value: string, source: string, example = 'https://pos.example.com/api'): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PosAccreditError('bad-base-url', `${source}: "${value}" is not a URL`, 2, `write it like ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PosAccreditError('bad-base-url', `${source}: "${value}" must be http:// or https://`);
  if (url.username || url.password) throw new PosAccreditError('bad-base-url', `${source}: the base URL must not carry credentials`, EXIT.usage, 'put the token in an environment variable (--token-env) or a file (--token-file)');
}

function parseBool(value: string | undefined, source: string): boolean {
  if (value === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  throw new PosAccreditError('bad-boolean', `${source}: "${value}" is not true or false`);
}

/** --embedded-tables N, --embedded-callback-ids pos|mozrest: the embedded reference POS in a vendor's shape. */
function resolveEmbedded(flags: RunFlags, baseUrl: string | undefined): { embedded?: RunConfig['embedded'] } {
  if (flags.embeddedTables === undefined && flags.embeddedCallbackIds === undefined) return {};
  const flag = flags.embeddedTables !== undefined ? '--embedded-tables' : '--embedded-callback-ids';
  if (baseUrl !== undefined) throw new PosAccreditError('embedded-only', `${flag} shapes the embedded reference POS; it does not apply with --base-url`, EXIT.usage, 'drop it, or drop --base-url to accredit the embedded reference POS');
  const tables = flags.embeddedTables === undefined ? undefined : Number(flags.embeddedTables);
  if (tables !== undefined && (!Number.isInteger(tables) || tables < 1)) {
    throw new PosAccreditError('bad-tables', `--embedded-tables: "${flags.embeddedTables}" is not a table count`, EXIT.usage, 'a whole number of tables, e.g. --embedded-tables 8');
  }
  const ids = flags.embeddedCallbackIds;
  if (ids !== undefined && ids !== 'pos' && ids !== 'mozrest') {
    throw new PosAccreditError('bad-callback-ids', `--embedded-callback-ids: "${ids}" is not one of pos, mozrest`, EXIT.usage, 'pos: the POS puts its own order id in the M2-M4 paths; mozrest: the id Mozrest gave it');
  }
  return { embedded: { ...(tables === undefined ? {} : { tables }), ...(ids === undefined ? {} : { callbackIds: ids }) } };
}
