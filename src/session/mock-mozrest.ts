// The mock Mozrest of a run: its own, started on the configured interface and port, or a shared
// one (`serve mozrest`) that several runs follow. The Mozrest key is read (or made) here, and
// registered with the run's redactor once.
import { randomBytes } from 'node:crypto';
import type { RunConfig } from '../config/run-config.js';
import { mozrestPaths } from '../contract/contract.js';
import { type Contract } from '../contract/types.js';
import type { SchemaRegistry } from '../suite/schema-registry.js';
import { startMockMozrest, type RunningMockMozrest } from '../mozrest/receiver.js';
import { connectMockMozrest } from '../mozrest/remote-receiver.js';
import type { ReceivedCall } from '../core/evidence.js';
import type { CallbackReceiver } from '../mozrest/types.js';
import type { Redactor } from '../core/redactor.js';
import { EXIT, PosAccreditError } from '../core/errors.js';
import { cannotListen } from '../core/listen-error.js';

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
  redactor.add(key);
  const paths = mozrestPaths(contract);
  let mock: RunningMockMozrest;
  try {
    mock = await startMockMozrest({ key, host: config.mozrest.host, port: config.mozrest.port, publicUrl: config.mozrest.publicUrl, paths, schemas, redactor });
  } catch (err) {
    throw cannotListen('the mock Mozrest', config.mozrest.host, config.mozrest.port, err, config.mozrest.portSource ?? '--mozrest-port');
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
  redactor.add(key);
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

