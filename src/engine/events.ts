// What a run tells its listeners, in order: the run starts (with the plan), what it learnt of the
// venue, each case starts and ends, the run ends. The engine emits all four; reporters (src/report/) listen. Nothing here
// prints.
import type { CaseResult, Level, RunResult, StepKind } from '../core/results.js';

export interface PlannedCase {
  id: string;
  title: string;
  suite: string;
  level: Level;
}

export interface RunStartInfo {
  target: RunResult['target'];
  startedAt: string;
  /** Every case of the plan, in run order. */
  cases: PlannedCase[];
  /** Lines to show before the run starts (e.g. what the vendor must configure). Already redacted. */
  notices: string[];
}

export interface RunEvents {
  onRunStart?(info: RunStartInfo): void | Promise<void>;
  /** What the run learns before its first case (the venue's free tables, what it will leave open). Already redacted. */
  onNotice?(lines: string[]): void | Promise<void>;
  onCaseStart?(planned: PlannedCase): void | Promise<void>;
  /** A step of a case starts (an operator action, a wait for a callback …): for a person watching. */
  onStepStart?(step: StepStartInfo): void | Promise<void>;
  /** The run waits for something outside it: a POS callback, for at most `timeoutMs`. */
  onWait?(wait: WaitInfo): void | Promise<void>;
  onCaseResult?(result: CaseResult): void | Promise<void>;
  onRunEnd?(result: RunResult): void | Promise<unknown>;
}

export interface StepStartInfo {
  caseId: string;
  /** 1-based, among the case's steps (or its cleanup's). */
  step: number;
  of: number;
  kind: StepKind;
  name: string;
  phase: 'steps' | 'cleanup';
}

export interface WaitInfo {
  caseId: string;
  /** What is awaited, in words: `the POS's close callback (PUT /v1/pos/…/close) for order 1080`. */
  what: string;
  timeoutMs: number;
}

export function plannedCase(c: PlannedCase): PlannedCase {
  return { id: c.id, title: c.title, suite: c.suite, level: c.level };
}
