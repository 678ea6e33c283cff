// The lifecycle side of a run: the mock Mozrest the POS calls back, and the driver that makes
// the POS do what an operator does. Both are chosen here from the configuration and the target.
import { randomBytes } from 'node:crypto';
import type { RunConfig } from '../config/run-config.js';
import { createDriver } from '../drivers/registry.js';
import { createHttpDriver } from '../drivers/http-driver.js';
import type { Driver } from '../drivers/driver.js';
import { mozrestPaths } from '../contract/contract.js';
import { type Contract } from '../contract/types.js';
import type { SchemaRegistry } from '../suite/schema-registry.js';
import { startMockMozrest, type RunningMockMozrest } from '../mozrest/receiver.js';
import { connectMockMozrest } from '../mozrest/remote-receiver.js';
import type { ReceivedCall } from '../core/evidence.js';
import type { CallbackReceiver } from '../mozrest/types.js';
import type { Redactor } from '../core/redactor.js';
import { EXIT, PosAccreditError } from '../core/errors.js';
import type { Target } from './target.js';

/** The run's view of a mock Mozrest, its own or a shared one (`serve mozrest`). */
export interface MockMozrest extends CallbackReceiver {
  /** What the POS must call (`…/v1/pos`). */
  url: string;
  /** Where an in-process POS on this machine reaches it. */
  localUrl: string;
  calls(): ReceivedCall[];
  close(): Promise<void>;
}

export interface MockMozrestSetup {
  mock: MockMozrest;
  key: string;
  notices: string[];
}

export async function startMozrestFor(config: RunConfig, env: NodeJS.ProcessEnv, contract: Contract, schemas: SchemaRegistry, redactor: Redactor, external: boolean): Promise<MockMozrestSetup> {
  const given = env[config.mozrest.keyEnv]?.trim();
  if (config.mozrest.sharedUrl) return connectShared(config, given, redactor);
  const key = given || randomBytes(24).toString('base64url');
  const paths = mozrestPaths(contract);
  let mock: RunningMockMozrest;
  try {
    mock = await startMockMozrest({ key, host: config.mozrest.host, port: config.mozrest.port, publicUrl: config.mozrest.publicUrl, paths, schemas, redactor });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PosAccreditError('mozrest-listen', `cannot start the mock Mozrest on ${config.mozrest.host}:${config.mozrest.port}: ${code ?? (err as Error).message}`, EXIT.usage, 'choose another --mozrest-port');
  }
  const notices = external
    ? [
        `Mock Mozrest: configure your POS to send order callbacks to ${mock.url}`,
        given
          ? `  with the Mozrest API key set to the value of $${config.mozrest.keyEnv}.`
          : `  with a Mozrest API key: export ${config.mozrest.keyEnv}=<key> before the run and give your POS the same value (none is set, so callbacks will be refused).`,
      ]
    : [];
  return { mock, key, notices };
}

/** Two runs against one POS share its one Mozrest URL: follow a `serve mozrest` instead. */
async function connectShared(config: RunConfig, key: string | undefined, redactor: Redactor): Promise<MockMozrestSetup> {
  const url = config.mozrest.sharedUrl!;
  if (!key) throw new PosAccreditError('missing-secret', `--mozrest-url needs the shared mock's key: the environment variable ${config.mozrest.keyEnv} is not set`);
  let remote;
  try {
    remote = await connectMockMozrest(url, key, redactor);
  } catch (err) {
    throw new PosAccreditError('mozrest-unreachable', `cannot follow the shared mock Mozrest at ${url}: ${(err as Error).message}`, EXIT.incomplete, 'start it with: pos-accredit serve mozrest --port N');
  }
  return {
    key,
    mock: { ...remote, localUrl: remote.url },
    notices: [`Mock Mozrest: following the shared one at ${remote.url} (your POS must send its callbacks there).`],
  };
}


export interface DriverChoice {
  driver?: Driver;
  kind?: string;
  notices: string[];
}

/** The configured driver; otherwise the embedded POS's own hook, a person at a terminal, or none. */
export function chooseDriver(config: RunConfig, target: Target, redactor: Redactor, interactive: boolean, signal: AbortSignal): DriverChoice {
  const deps = { venueId: target.venue, redactor, signal, hiddenEnv: [config.tokenEnv, config.mozrest.keyEnv] };
  if (config.driver) {
    return { driver: createDriver(config.driver, deps), kind: config.driver.kind, notices: [`Operator actions: ${config.driver.kind} driver.`] };
  }
  if (target.automation) {
    return { driver: createHttpDriver({ url: target.automation.url, token: target.automation.token, venueId: target.venue, redactor, signal }), kind: 'http', notices: [] };
  }
  if (interactive) {
    return {
      driver: createDriver({ kind: 'prompt' }, deps), kind: 'prompt',
      notices: ['Operator actions: you will be asked to act on the POS at this terminal (use --driver http|exec to automate, or --tag to run only API checks).'],
    };
  }
  return { notices: ['Operator actions: no driver (no terminal to ask): the lifecycle checks are skipped and the verdict cannot be pass. See docs/drivers.md.'] };
}
