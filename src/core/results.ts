// Results are plain data: the runner produces them, reporters read them. Nothing here throws.
import type { Exchange, ReceivedCall, RmsWebhook } from './evidence.js';
import type { SourcePos } from './words/position.js';

/** How much a check matters (design §3): a failed MUST blocks accreditation, SHOULD and MAY warn. */
export type Level = 'must' | 'should' | 'may';
export const LEVELS: readonly Level[] = ['must', 'should', 'may'];
/** Whether a check rests on what the contract states or on a detail inferred from it. */
export type Basis = 'documented' | 'inferred';
/** The step kinds of the suite format (suite/types.ts checks that its Step union agrees). */
export type StepKind = 'request' | 'poll' | 'action' | 'await' | 'mozrest' | 'check' | 'forEach';

/**
 * `blocked`: not run because a case it rests on (its `after:`) failed or errored; the failure is
 * reported once, at that root case. Counted apart from skips (which say nothing about the POS).
 */
export type CaseStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error' | 'blocked' | 'manual';
export const CASE_STATUSES: readonly CaseStatus[] = ['pass', 'fail', 'warn', 'skip', 'error', 'blocked', 'manual'];
export type StepStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skip';
export type Verdict = 'pass' | 'fail';

export interface AssertionResult {
  /** What was checked: `status`, `header content-type`, `schema order.json`, `$.id eq` … */
  check: string;
  ok: boolean;
  /** From a `should` block: a failure only warns. */
  soft: boolean;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** JSON Pointer into the response body, for schema and body assertions. */
  pointer?: string;
  pos: SourcePos;
}

export interface StepResult {
  kind: StepKind;
  name: string;
  /** Set when the step rests on an inferred detail its case does not (its failures warn). */
  basis?: Basis;
  status: StepStatus;
  pos: SourcePos;
  durationMs: number;
  assertions: AssertionResult[];
  exchanges: Exchange[];
  /** Why the step errored or was skipped (harness, network, invalid JSON, missing driver …). */
  error?: { code: string; message: string };
  /** Poll steps: how many requests were sent. */
  attempts?: number;
  /** Action steps: what the driver was asked to do and what it answered. */
  action?: { name: string; driver: string; orderId: string | null; params: unknown; result?: unknown };
  /** Await steps: the POS callback that matched, which order id it used, and the RMS view. */
  callback?: { seq: number; method: string; path: string; matchedBy: 'pos-id' | 'mozrest-id' | 'any'; rms: RmsWebhook[] };
}

export interface CaseResult {
  id: string;
  title: string;
  suite: string;
  level: Level;
  basis: Basis;
  spec: string[];
  tags: string[];
  status: CaseStatus;
  /** One line saying why the case did not pass (the deciding assertion or error). */
  reason?: string;
  /** The assertion or step error that decided the status, when one did (none for `pass`). */
  decidedBy?: DecidedBy;
  /** Set when none of the case's steps ran: left out by the plan, or the run stopped first. */
  notRun?: NotRun;
  /**
   * Status `blocked`: the root cases whose failure kept this one from running (a prerequisite
   * that was itself blocked is followed to its roots), in plan order.
   */
  blockedBy?: string[];
  /** A cleanup step that failed or errored: what the case opened may still be open on the POS. */
  cleanupFailed?: { step: number; message: string };
  pos: SourcePos;
  startedAt: string;
  durationMs: number;
  steps: StepResult[];
  cleanup: StepResult[];
  /** The inferred contract details the case relies on, with where each inference comes from. */
  assumptions?: { entry: string; value: unknown; source: string; note?: string; confirmedBy?: string }[];
}

/**
 * Where the engine found what decided a case's status: a step of the case (or of its cleanup),
 * and the failed assertion of that step — or, without `assertion`, the step's own error or skip.
 * `decidingDetail` resolves it; reporters show it and never look for another.
 */
export interface DecidedBy {
  phase: 'steps' | 'cleanup';
  step: number;
  assertion?: number;
}

/**
 * Why none of the case's steps ran. `plan`: not applicable (a capability the POS does not
 * declare, a setting not given) — never blocks. `needs-driver`: it needs operator actions and
 * there is no driver; `needs-table`: no free table was left for it (without a driver the orders
 * of earlier cases stay open) — a MUST not run this way blocks. `aborted`: the run stopped first.
 */
export type NotRun = 'plan' | 'needs-driver' | 'needs-table' | 'aborted';

export interface DecidingDetail {
  step: StepResult;
  assertion?: AssertionResult;
  /** The assertion's message, or the step's error as `code: message`. */
  message: string;
  pos: SourcePos;
  /** When the assertion recorded expected and/or actual values. */
  values?: { expected: unknown; actual: unknown };
}

/** What `decidedBy` points at, with the message, position and values to show. */
export function decidingDetail(c: Pick<CaseResult, 'decidedBy' | 'steps' | 'cleanup'>): DecidingDetail | undefined {
  if (!c.decidedBy) return undefined;
  const step = (c.decidedBy.phase === 'steps' ? c.steps : c.cleanup)[c.decidedBy.step];
  if (!step) return undefined;
  if (c.decidedBy.assertion === undefined) {
    return { step, message: step.error ? `${step.error.code}: ${step.error.message}` : step.name, pos: step.pos };
  }
  const a = step.assertions[c.decidedBy.assertion];
  if (!a) return undefined;
  const values = a.expected !== undefined || a.actual !== undefined ? { values: { expected: a.expected, actual: a.actual } } : {};
  return { step, assertion: a, message: a.message, pos: a.pos, ...values };
}

export interface StatusCounts {
  pass: number; fail: number; warn: number; skip: number; error: number; blocked: number; manual: number;
}

export interface BlockingFailure {
  id: string;
  title: string;
  status: CaseStatus;
  reason: string;
  /** Status `blocked`: the root cases (they come first in the list). */
  blockedBy?: string[];
  /** A root: how many cases (any level) it kept from running; the blocked MUST ones follow in the list. */
  blocks?: number;
  expected?: unknown;
  actual?: unknown;
  pos: SourcePos;
}

export interface RunResult {
  tool: { name: string; version: string };
  contract: { version: string; file: string };
  target: { baseUrl: string; venue: string; embedded: boolean };
  options: { strict: boolean; tags: string[]; ids: string[]; timeoutMs: number; keep?: boolean };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  verdict: Verdict;
  /** Set when the run stopped early (target unreachable, interrupted). */
  aborted?: { code: string; message: string };
  counts: {
    total: number;
    byStatus: StatusCounts;
    byLevel: Record<Level, StatusCounts>;
  };
  blocking: BlockingFailure[];
  /** The mock Mozrest of this run: where the POS had to send callbacks, and every call it received. */
  mozrest?: { url: string; calls: ReceivedCall[] };
  /**
   * The capabilities the POS declared and those the contract requires or leaves optional. Cases
   * needing an optional capability it did not declare are `skip`ped. Absent when not planned with any.
   */
  capabilities?: RunCapabilities;
  /** How operator actions were performed (prompt, http, exec), or absent when none was configured. */
  driver?: { kind: string };
  /** The venue as the run found it and left it: its tables, what the plan needed, what stays open. */
  venue?: VenueReport;
  /** Inferred contract details this POS showed to hold, and the case that showed it. */
  confirmed?: { entry: string; by: string }[];
  /** What the failures suggest, in plain words (e.g. the token was refused). */
  hints: string[];
  cases: CaseResult[];
}

/** `RunResult.capabilities`; each list sorted by name. */
export interface RunCapabilities {
  /** What the POS declared it supports (the embedded reference POS declares every capability). */
  declared: string[];
  /** Tested whatever the POS declares. */
  required: string[];
  /** Tested only when declared; otherwise the cases needing them are skipped. */
  optional: string[];
}

/** An order the run opened on the POS, as the run last saw it. */
export interface LedgerOrder {
  /** The POS's id (E2's answer, or the walk-in's M1 payload); absent for a walk-in not yet announced. */
  posId?: string;
  /** Mozrest's id (sent in E2, or answered to the walk-in's M1). */
  mozrestId?: string;
  tables: string[];
  /** The case that opened it, or `setup of <suite>`. */
  openedBy: string;
  state: 'open' | 'closed' | 'voided';
}

export interface VenueReport {
  venue: string;
  /** What the run found before opening anything: the tables of E1, those free (no open order in E3). Absent when it could not tell. */
  tables?: string[];
  free?: string[];
  /** Why the free tables are not known (E1 did not answer a list of tables …). */
  problem?: string;
  /** From the plan: the most tables held at once with a driver, and the orders a run without a driver leaves open. */
  needs: { peakTables: number; leftOpenWithoutDriver: number };
  /** Orders this run opened that are still open on the POS (`--keep`: kept on purpose). */
  leftOpen: LedgerOrder[];
  kept?: boolean;
}

export function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, blocked: 0, manual: 0 };
}
