// What the runner needs to execute steps. Built by the CLI (or a test), consumed by step kinds.
import type { SchemaRegistry } from '../assert/schema-registry.js';
import type { Contract } from '../contract/contract.js';
import type { HttpClient } from '../http/client.js';
import type { Redactor } from '../report/redactor.js';
import type { CallMatch, WaitOutcome } from '../mozrest/types.js';
import type { Scope } from './template.js';

/** Makes the POS do what an operator does (add items, pay, void …). Implemented by src/drivers/. */
export interface Driver {
  readonly name: string;
  perform(action: string, params: Record<string, unknown>, timeoutMs: number): Promise<DriverOutcome>;
}

export type DriverOutcome =
  | { ok: true; result: unknown }
  | { ok: false; code: string; message: string };

/** Receives the POS's callbacks (mock Mozrest). Implemented by src/mozrest/. */
export interface CallbackReceiver {
  waitFor(match: CallMatch, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
  /** Answer the next `count` callbacks with `status` (to see whether the POS retries). */
  /** Refuse the next `count` callbacks (about one of `orders`, when given) with `status`. */
  failNext(count: number, status: number, orders?: string[]): void | Promise<void>;
}

export interface RunContext {
  http: HttpClient;
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
}
