// Reporters consume what the runner emits; they never run anything. Every hook is optional.
import type { RunResult } from '../core/results.js';
import type { RunEvents } from '../engine/events.js';

/** A listener of the run's events (engine/events.ts); file reporters return the paths they wrote. */
export interface Reporter extends Omit<RunEvents, 'onRunEnd'> {
  onRunEnd?(result: RunResult): void | Promise<string[] | void>;
}

export interface ReporterContext {
  outDir: string;
  /** Console output stream (stdout unless a test injects one). */
  stream: NodeJS.WritableStream;
  color: boolean;
  /** Spinner only when the stream is a TTY. */
  isTTY: boolean;
  quiet: boolean;
  verbose: boolean;
  /** The run's redactor: applied to every line and file a reporter writes (absent in unit tests). */
  redact?: (text: string) => string;
}
