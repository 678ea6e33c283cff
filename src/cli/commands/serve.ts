// `pos-accredit serve reference-pos | mozrest`: a component on its own, until Ctrl-C.
import { join } from 'node:path';
import { SchemaRegistry } from '../../suite/schema-registry.js';
import { checkUrl } from '../../config/resolve-config.js';
import { contractCapabilities } from '../../contract/capabilities.js';
import { loadContract, mozrestPaths } from '../../contract/contract.js';
import { startMockMozrest } from '../../mozrest/receiver.js';
import { CALLBACK_ID_MODES, isCallbackIdMode, type CallbackIdMode } from '../../reference-pos/callbacks/path-ids.js';
import { FAULTS, isFaultName } from '../../reference-pos/faults.js';
import { loadFixture } from '../../reference-pos/fixture.js';
import { startReferencePos } from '../../reference-pos/server.js';
import { fullVenueSize } from '../../reference-pos/venue-size.js';
import { Redactor } from '../../core/redactor.js';
import { closest } from '../../core/diagnostic.js';
import { BUILTIN_SUITES_DIR } from '../../suite/load-suites.js';
import { EXIT, PosAccreditError } from '../../core/errors.js';
import { cannotListen } from '../../core/listen-error.js';

export interface ServeOptions {
  port: string;
  host: string;
  tokenEnv: string;
  mozrestUrl?: string;
  mozrestKeyEnv: string;
  fault?: string[];
  /** reference-pos: how many tables the venue has (default all of the fixture's). */
  tables?: string;
  /** reference-pos: which id `{orderId}` carries in M2–M4, pos or mozrest. */
  callbackIds?: string;
}

export async function serveCommand(what: string, options: ServeOptions): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PosAccreditError('bad-port', `--port: "${options.port}" is not a port number`);
  const running = what === 'reference-pos' ? await serveReferencePos(options, port) : what === 'mozrest' ? await serveMozrest(options, port) : undefined;
  if (!running) throw new PosAccreditError('unknown-service', `serve: unknown component "${what}"`, EXIT.usage, 'available: reference-pos, mozrest');
  if (running.listedOnly) return 0;
  process.stdout.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.close();
  return 0;
}

function secretFrom(envName: string, flag: string, purpose: string): string {
  const value = process.env[envName]?.trim();
  if (!value) throw new PosAccreditError('missing-secret', `the environment variable ${envName} is not set`, 2, `export ${envName}=<${purpose}> (${flag} names another variable)`);
  return value;
}

async function serveReferencePos(options: ServeOptions, port: number): Promise<{ close(): Promise<void>; listedOnly?: boolean }> {
  const faults = options.fault ?? [];
  if (faults.includes('list')) {
    // `--fault list`: what can be broken, one per line with what it breaks.
    const width = Math.max(...Object.keys(FAULTS).map((f) => f.length));
    process.stdout.write(`${Object.entries(FAULTS).map(([name, what]) => `${name.padEnd(width)}  ${what}`).join('\n')}\n`);
    return { close: async () => {} , listedOnly: true };
  }
  // Flags first: a wrong value is a usage error whatever the environment holds.
  const venueSize = options.tables === undefined ? undefined : tableCount(options.tables, fullVenueSize(loadFixture()));
  const callbackIds = callbackIdMode(options.callbackIds);
  const token = secretFrom(options.tokenEnv, '--token-env', 'token the reference POS should accept');
  for (const f of faults) {
    if (isFaultName(f)) continue;
    const guess = closest(f, Object.keys(FAULTS));
    throw new PosAccreditError('unknown-fault', `--fault: unknown fault "${f}"`, 2, guess ? `did you mean "${guess}"? (all of them: --fault list)` : 'see them all with: pos-accredit serve reference-pos --fault list');
  }
  if (options.mozrestUrl !== undefined) checkUrl(options.mozrestUrl, '--mozrest-url', 'http://127.0.0.1:4020/v1/pos');
  const mozrest = options.mozrestUrl ? { baseUrl: options.mozrestUrl.replace(/\/+$/, ''), key: secretFrom(options.mozrestKeyEnv, '--mozrest-key-env', 'Mozrest API key') } : undefined;
  let pos;
  try {
    pos = await startReferencePos({
      token, host: options.host, port, faults: faults.filter(isFaultName), mozrest,
      ...(venueSize && { tables: venueSize.tables }), ...(callbackIds !== undefined && { callbackIds }),
    });
  } catch (err) {
    throw cannotListen('the reference POS', options.host, port, err, '--port');
  }
  // Only what differs from the default is named: a plain `serve` prints what it always printed.
  const size = venueSize && venueSize.tables < venueSize.full ? `, ${venueSize.tables} of its ${venueSize.full} tables` : '';
  const ids = callbackIds === 'mozrest' ? '; M2-M4 paths carry the Mozrest order id (the POS id when Mozrest gave none)' : '';
  process.stdout.write(
    `Reference POS listening on ${pos.url}\n  venue ${pos.venueId}${size} (second venue ${pos.otherVenueId}${pos.forbiddenVenueId ? `; ${pos.forbiddenVenueId} refuses this token with 403` : ''})\n  token: the value of $${options.tokenEnv}\n` +
      `  test-automation hook: ${pos.automationUrl} (same token)\n` +
      (mozrest ? `  callbacks to ${mozrest.baseUrl} with the key in $${options.mozrestKeyEnv}${ids}\n` : `  callbacks: none (give --mozrest-url to send M1-M4${ids ? '; --callback-ids has nothing to act on without it' : ''})\n`) +
      (faults.length ? `  faults: ${faults.join(', ')}\n` : '') +
      `Try: ${tryRun(pos, options)}\n`,
  );
  return pos;
}

/** `--tables`: a whole number from 1 to the fixture venue's table count (`full`). */
function tableCount(value: string, full: number): { tables: number; full: number } {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (n >= 1 && n <= full) return { tables: n, full };
  throw new PosAccreditError(
    'bad-tables', `--tables: "${value}" is not a table count between 1 and ${full}`, EXIT.usage,
    `the reference venue has ${full} tables; --tables 8 keeps its first 8`,
  );
}

/** `--callback-ids`: pos or mozrest; undefined when not given. */
function callbackIdMode(value: string | undefined): CallbackIdMode | undefined {
  if (value === undefined || isCallbackIdMode(value)) return value;
  throw new PosAccreditError(
    'bad-callback-ids', `--callback-ids: "${value}" is not one of ${CALLBACK_ID_MODES.join(', ')}`, EXIT.usage,
    "pos: M2-M4 paths carry the POS's own order id (the default); mozrest: the id Mozrest gave the order",
  );
}

async function serveMozrest(options: ServeOptions, port: number): Promise<{ close(): Promise<void>; listedOnly?: boolean }> {
  const key = secretFrom(options.mozrestKeyEnv, '--mozrest-key-env', 'Mozrest API key your POS will send');
  const contract = loadContract(join(BUILTIN_SUITES_DIR, 'contract.yaml'));
  const schemas = new SchemaRegistry(join(BUILTIN_SUITES_DIR, 'schemas'));
  schemas.loadAll();
  const redactor = new Redactor();
  redactor.add(key);
  const mock = await startMockMozrest({
    key, host: options.host, port, schemas, redactor,
    paths: mozrestPaths(contract),
  }).catch((err: unknown) => {
    throw cannotListen('the mock Mozrest', options.host, port, err, '--port');
  });
  mock.onCall((call) => {
    const problems = [!call.authorized && 'no/wrong key', call.jsonError && 'not JSON', call.schemaIssues.length > 0 && `${call.schemaIssues.length} payload problem(s)`].filter(Boolean);
    process.stdout.write(`${call.receivedAt} ${call.method} ${call.path} → ${call.response.status}${call.route ? ` (${call.route.kind})` : ''}${problems.length ? `  ${problems.join(', ')}` : ''}\n`);
  });
  process.stdout.write(`Mock Mozrest listening on ${mock.url}\n  key: the value of $${options.mozrestKeyEnv}\n`);
  return mock;
}

/** The run command that accredits this reference POS as it is served: every flag it needs. */
function tryRun(pos: { url: string; venueId: string; otherVenueId: string; forbiddenVenueId?: string; automationUrl: string }, options: ServeOptions): string {
  const optional = contractCapabilities(loadContract(join(BUILTIN_SUITES_DIR, 'contract.yaml'))).filter((c) => c.level === 'optional').map((c) => c.name);
  // The run's own mock Mozrest must listen where this POS sends its callbacks.
  const url = options.mozrestUrl === undefined ? undefined : new URL(options.mozrestUrl);
  const mozrestPort = url ? url.port || (url.protocol === 'https:' ? '443' : '80') : '';
  return [
    `pos-accredit run --base-url ${pos.url} --venue ${pos.venueId} --other-venue ${pos.otherVenueId}`,
    ...(pos.forbiddenVenueId ? [`--forbidden-venue ${pos.forbiddenVenueId}`] : []),
    `--driver http --driver-url ${pos.automationUrl} --driver-token-env ${options.tokenEnv}`,
    ...(mozrestPort ? [`--mozrest-port ${mozrestPort} --mozrest-key-env ${options.mozrestKeyEnv}`] : []),
    ...(optional.length ? [`--capability ${optional.join(',')}`] : []),
  ].join(' ');
}
