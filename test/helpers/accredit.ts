// Runs the built-in suites in-process against a reference POS on 127.0.0.1:0, optionally with
// behaviours broken on purpose. Real HTTP, real YAML; nothing mocked.
import { randomBytes } from 'node:crypto';
import { executeRun } from '../../src/engine/execute-run.js';
import { makePlan } from '../../src/engine/plan.js';
import type { RunResult } from '../../src/engine/results.js';
import type { FaultName } from '../../src/reference-pos/faults.js';
import { startReferencePos } from '../../src/reference-pos/server.js';
import { Redactor } from '../../src/report/redactor.js';
import { loadSuites, type LoadedSuites } from '../../src/suite/load-suites.js';

let loaded: LoadedSuites | undefined;
export function builtInSuites(): LoadedSuites {
  loaded ??= loadSuites({ paths: [] });
  return loaded;
}

export interface AccreditOptions {
  faults?: FaultName[];
  ids?: string[];
  tags?: string[];
  strict?: boolean;
  token?: string;
}

export async function accreditReferencePos(options: AccreditOptions = {}): Promise<RunResult> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const pos = await startReferencePos({ token, faults: options.faults ?? [] });
  try {
    const suites = builtInSuites();
    return await executeRun({
      loaded: suites,
      plan: makePlan(suites.suites, { tags: options.tags ?? [], ids: options.ids ?? [] }),
      target: { baseUrl: pos.url, venue: pos.venueId, otherVenue: pos.otherVenueId, token, embedded: true },
      runId: randomBytes(4).toString('hex'),
      timeoutMs: 5000,
      strict: options.strict ?? false,
      version: 'test',
      redactor: new Redactor(),
    });
  } finally {
    await pos.close();
  }
}
