// Typed, validated suite model. Everything here has been checked against the suite-format
// schema by the loader; every node keeps the position it came from so results can point back.
import type { Basis, Level, StepKind } from '../core/results.js';
import type { SourcePos } from '../core/words/position.js';

/**
 * A template is any YAML value; strings may contain `{{ expression }}` placeholders.
 * A string that is exactly one placeholder keeps the type of the value it resolves to.
 */
export type Template = unknown;

export type CompareOp =
  | 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'
  | 'in' | 'contains' | 'notContains' | 'matches'
  | 'exists' | 'type' | 'unique' | 'length';

export const COMPARE_OPS: readonly CompareOp[] = [
  'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'notContains', 'matches',
  'exists', 'type', 'unique', 'length',
];

/** One comparison on a value selected from a body (JSONPath `$…` or JSON Pointer `/…`). */
export interface BodyAssertion {
  path: string;
  op: CompareOp;
  /** Template; resolved at run time. */
  value: Template;
  /** Apply the comparison to every selected node instead of to the selection as a whole. */
  each: boolean;
  /** With `each`: an empty selection holds. Without it, "every X of nothing" fails (no vacuous pass). */
  allowEmpty?: boolean;
  pos: SourcePos;
}

/** One comparison on a response header (case-insensitive name). */
export interface HeaderAssertion {
  name: string;
  op: CompareOp;
  value: Template;
  pos: SourcePos;
}

export interface Expectation {
  /** Accepted status codes (one or several). */
  status?: { codes: number[]; pos: SourcePos };
  /**
   * Request and poll steps: the longest the answer may take, in ms (a number, a duration such as
   * `2s`, or a template giving either, e.g. `{{ contract.limits.slowResponseMs }}`).
   */
  maxDuration?: { value: Template; pos: SourcePos };
  headers: HeaderAssertion[];
  /** Schema file name under suites/schemas/, resolved and compiled at load time. */
  schema?: { ref: string; pos: SourcePos };
  body: BodyAssertion[];
  pos: SourcePos;
}

export interface Capture {
  name: string;
  /**
   * `body` / `header` of the response (for await steps: of the POS's callback); `answer`: the
   * mock Mozrest's answer to an awaited callback; `callback`: facts about it (orderId — the id the
   * POS put in the path —, matchedBy, mozrestId).
   */
  from: 'body' | 'header' | 'answer' | 'callback';
  /** JSONPath / JSON Pointer for body and answer; header name; callback fact name. */
  path: string;
  /** Values captured from a field marked secret are redacted in every output. */
  secret: boolean;
  /** Nothing there is fine (the variable stays unset) instead of a failed check. */
  optional?: boolean;
  pos: SourcePos;
}

export interface RequestSpec {
  method: string;
  path: Template;
  query: Record<string, Template>;
  headers: Record<string, Template>;
  /** `token`: send the target's Bearer token (default); `none`: send no Authorization. */
  auth: 'token' | 'none';
  body?: Template;
  /** A literal body sent as-is (for malformed-JSON cases). */
  rawBody?: Template;
  pos: SourcePos;
}

interface StepCommon {
  name?: string;
  /** Hard expectations: a failure fails the step at the case's level. */
  expect?: Expectation;
  /** Soft expectations: a failure only warns, whatever the case's level. */
  should?: Expectation;
  capture: Capture[];
  /**
   * A step that rests on an inferred contract detail (e.g. the void path) when its case does
   * not: its failures warn unless --strict, the rest of the case keeps its own basis.
   */
  basis?: Basis;
  /** Variables computed after captures, e.g. `freeTables: "{{ without(tableIds, busyTables) }}"`. */
  set: Record<string, Template>;
  /** Variables computed before the step (again before each retry), e.g. `mozrestId: "{{ uuid() }}"`. */
  let: Record<string, Template>;
  /**
   * Tables taken from the venue's free tables before the step (again before each retry), each
   * bound to its name: `{ table: 1 }` binds one id, `{ tables: 2 }` a list. Request steps (a create
   * that opens an order keeps them until it is closed or voided; a refused one gives them back)
   * and the actions that seat an order (`open-walk-in`, `move-table`) only.
   */
  lease?: Record<string, LeaseSpec>;
  /**
   * Inferred contract details (`paths.getOrder`) this step shows to hold when it passes: later
   * checks resting on them are judged at their own level, as the POS itself confirmed them.
   */
  confirms?: string[];
  pos: SourcePos;
}

/** How many free tables to take, or which ones (a template giving an id or a list of ids). */
export type LeaseSpec = { count: number } | { tables: Template };

export interface RequestStep extends StepCommon {
  kind: 'request';
  request: RequestSpec;
  /** Send again (its `let` evaluated anew) when the answer has one of these statuses. */
  retry?: { status: number[]; attempts: number };
}

export interface PollStep extends StepCommon {
  kind: 'poll';
  request: RequestSpec;
  /** Send again until it holds (a POS that records something a moment later). */
  until?: Expectation;
  /**
   * Or keep the request going until the run is this old (ms) and has sent this many requests
   * with the token: every answer is judged by `expect`, and the first that fails ends the step
   * (a token that stops working during a long accreditation).
   */
  keepUp?: { runAge?: Template; runRequests?: Template };
  intervalMs: number;
  timeoutMs: number;
}

export interface ActionStep extends StepCommon {
  kind: 'action';
  action: string;
  /** The order the action applies to (none for open-walk-in). */
  order?: Template;
  params: Record<string, Template>;
  timeoutMs?: number;
}

export interface AwaitStep extends StepCommon {
  kind: 'await';
  method: string;
  /** Contract path template relative to `/v1/pos`, e.g. `/{venueId}/order/{orderId}/close`. */
  path: Template;
  /**
   * The ids `{orderId}` may carry; the contract leaves open which one a POS uses (A11). For an
   * order the run opened, the other id is accepted too. `exactly`: only that id.
   */
  order: { posId?: Template; mozrestId?: Template; exactly?: Template };
  /** Body conditions a call must meet to be the one awaited (others are left for later steps). */
  where: BodyAssertion[];
  /** Default: the run's --callback-timeout. */
  timeoutMs?: number;
  /** Look without taking: the call stays available to later await steps. */
  peek: boolean;
  /** Expect no such call: the step waits the whole timeout and fails if one arrives. */
  none?: boolean;
}

/** Sets up the mock Mozrest's next answers, e.g. a 503 to see whether the POS retries (8.6/72). */
export interface MozrestStep extends StepCommon {
  kind: 'mozrest';
  /**
   * `order`: only callbacks about this order (its POS or Mozrest id) are refused, so a late
   * callback of another order (a previous case's cleanup, a concurrent run) cannot take the failure.
   */
  failNext: { count: number; status: number; order?: Template };
}

/** Evaluates `expect` / `should` against a templated value instead of an answer (e.g. `{{ target }}`). */
export interface CheckStep extends StepCommon {
  kind: 'check';
  value: Template;
}

/**
 * Runs `steps` once per element of a list (rendered when the step starts, so the loop is bounded
 * by its length), with the element bound to `as`, then the iteration's `cleanup`. Iterations see
 * the outer variables; what they capture stays inside the iteration.
 */
export interface ForEachStep extends StepCommon {
  kind: 'forEach';
  items: Template;
  as: string;
  steps: Step[];
  cleanup: Step[];
}

export type Step = RequestStep | PollStep | ActionStep | AwaitStep | MozrestStep | CheckStep | ForEachStep;
// The result model names step kinds without knowing the suite types: the two lists must agree.
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const kindsAgree: SameKinds<Step['kind'], StepKind> = true;
void kindsAgree;

export interface Case {
  id: string;
  title: string;
  description?: string;
  level: Level;
  basis: Basis;
  spec: string[];
  tags: string[];
  requires: string[];
  /**
   * Optional run settings the case needs (e.g. `forbiddenVenue`); when one is not configured the
   * case is skipped with the reason, and never blocks.
   */
  needs?: string[];
  /**
   * Prerequisites (`after:` of the case and of its suite): cases it rests on. They run first; when
   * one fails, errors or is blocked, this case is not run and is reported blocked by its root.
   */
  after: Prerequisite[];
  /** Contract profile entries the case's templates read, e.g. `paths.getOrder`. */
  contractRefs: string[];
  steps: Step[];
  cleanup: Step[];
  /** Name of the suite the case belongs to. */
  suite: string;
  pos: SourcePos;
}

export interface Prerequisite {
  id: string;
  /** Where it is named (the case's or the suite's `after:`), for load errors. */
  pos: SourcePos;
}

export interface Suite {
  name: string;
  title: string;
  description?: string;
  file: string;
  /** Steps run once before the suite's cases; their captures are visible to every case. */
  setup: Step[];
  /** Steps run once after the suite's cases, whatever happened (closing what setup opened). */
  teardown: Step[];
  cases: Case[];
  pos: SourcePos;
}
