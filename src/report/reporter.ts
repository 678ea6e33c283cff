// Reporters consume what the runner emits; they never run anything. Every hook is optional.
import type { CaseResult, RunResult } from '../core/results.js';
import type { Level } from '../core/results.js';

export interface PlannedCase {
  id: string;
  title: string;
  suite: string;
  level: Level;
}

export interface RunStartInfo {
  target: RunResult['target'];
  startedAt: string;
  cases: PlannedCase[];
  /** Where file reports go. */
  outDir: string;
  /** Lines to show before the run starts (e.g. what the vendor must configure). Already redacted. */
  notices: string[];
}

export interface Reporter {
  onRunStart?(info: RunStartInfo): void | Promise<void>;
  onCaseStart?(planned: PlannedCase): void | Promise<void>;
  onCaseResult?(result: CaseResult): void | Promise<void>;
  /** Receives the final result; file reporters write here and return the paths written. */
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
