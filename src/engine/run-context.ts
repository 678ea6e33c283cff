// What the runner needs to execute steps. Built by the session, consumed by step kinds.
import type { SchemaRegistry } from '../suite/schema-registry.js';
import type { Contract } from '../contract/types.js';
import type { HttpClient } from '../http/client.js';
import type { Redactor } from '../core/redactor.js';
import type { Driver } from '../drivers/driver.js';
import type { CallbackReceiver } from '../mozrest/types.js';
import type { Scope } from '../suite/language/scope.js';
import type { RunEvents } from './events.js';
import type { VenueLedger } from './venue-ledger.js';

export interface RunContext {
  http: HttpClient;
  /** When the run started (ms since the epoch): how old it is, for checks that need it old enough. */
  runStartedAt: number;
  schemas: SchemaRegistry;
  redactor: Redactor;
  /** Variables every step sees (venue, token, contract, runId …). */
  baseScope: Scope;
  strict: boolean;
  /** The contract profile, to explain the inferred details a case rests on. */
  contract?: Contract;
  /** Skip cleanup and teardown steps: leave the run's orders open for inspection. */
  keep?: boolean;
  driver?: Driver;
  receiver?: CallbackReceiver;
  /** How long an await step waits for a callback unless it says otherwise. */
  callbackTimeoutMs: number;
  /** Aborted on Ctrl-C: the runner stops after the current step and reports what it has. */
  signal?: AbortSignal;
  /** The venue's tables and the run's orders on them (leases, what is still open). */
  ledger: VenueLedger;
  /** Who the steps run for: a case id, or `setup of <suite>`; leases and orders are theirs. */
  holder: string;
  /** `cleanup`: the steps close what the case opened, and act only on what is still open. */
  phase: 'steps' | 'cleanup';
  /** Where a step stands in its case, for the operator: `step 3 of 7`. */
  position?: { step: number; of: number; title: string };
  /**
   * Inferred contract details the POS has shown to hold (`paths.getOrder` → the case whose step
   * confirmed it): later checks resting on them are judged at their own level.
   */
  confirmed: Map<string, string>;
  /** Told when a step starts and when the run waits for a callback, for a person watching. */
  events?: Pick<RunEvents, 'onStepStart' | 'onWait'>;
}
