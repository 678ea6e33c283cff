// Small, colour-free text helpers shared by the text reporters (console now; Markdown, JUnit later).
import type { AssertionResult, CaseResult, StatusCounts, StepResult } from '../core/results.js';
import type { Exchange } from '../core/evidence.js';
import type { SourcePos } from '../core/words/position.js';

export const VALUE_MAX_CHARS = 120;

/** `suites/orders.yaml:12:7` */
export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

/** `850ms`, `3.42s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  if (rounded < 1000) return `${rounded}ms`;
  if (rounded < 60_000) return `${(rounded / 1000).toFixed(2)}s`;
  const totalSeconds = Math.round(rounded / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** Cuts `text` to `max` characters, marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * A value as compact JSON on one line (strings keep their quotes, so `"201"` and `201` differ),
 * truncated to `max` characters. `undefined` prints as `(none)`.
 */
export function compactValue(value: unknown, max = VALUE_MAX_CHARS): string {
  if (value === undefined) return '(none)';
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(text.replace(/\s*\n\s*/g, ' '), max);
}

/** First line of a possibly multi-line message. */
export function firstLine(text: string): string {
  const index = text.indexOf('\n');
  return index === -1 ? text : text.slice(0, index);
}

const STATUS_WORDS: Array<[keyof StatusCounts, string, string]> = [
  ['pass', 'passed', 'passed'],
  ['fail', 'failed', 'failed'],
  ['warn', 'warning', 'warnings'],
  ['skip', 'skipped', 'skipped'],
  ['error', 'error', 'errors'],
  ['manual', 'manual', 'manual'],
];

export interface CountPart {
  status: keyof StatusCounts;
  count: number;
  text: string;
}

/**
 * `12 passed, 1 failed, 2 warnings, 0 skipped, 0 errors` as parts (so a caller can colour them).
 * `manual` is listed only when non-zero.
 */
export function countParts(counts: StatusCounts): CountPart[] {
  const parts: CountPart[] = [];
  for (const [status, singular, plural] of STATUS_WORDS) {
    const count = counts[status];
    if (status === 'manual' && count === 0) continue;
    parts.push({ status, count, text: `${count} ${count === 1 ? singular : plural}` });
  }
  return parts;
}

export function formatCounts(counts: StatusCounts): string {
  return countParts(counts).map((p) => p.text).join(', ');
}

/** Why a case did not pass, as found in its steps: the assertion or step error that decided it. */
export interface FailureDetail {
  message: string;
  pos: SourcePos;
  /** Present when the failure is an assertion that recorded expected and/or actual values. */
  values?: { expected: unknown; actual: unknown };
  step: StepResult;
  assertion?: AssertionResult;
}

function assertionDetail(step: StepResult, a: AssertionResult): FailureDetail {
  const detail: FailureDetail = { message: a.message, pos: a.pos, step, assertion: a };
  if (a.expected !== undefined || a.actual !== undefined) {
    detail.values = { expected: a.expected, actual: a.actual };
  }
  return detail;
}

/**
 * The failure that best explains a case's status: for `error`, the first step error; for `fail`,
 * the first hard failing assertion; otherwise (and as a fallback) the first failing assertion,
 * then the first step error. Steps are searched before cleanup steps.
 */
export function firstFailure(c: CaseResult): FailureDetail | undefined {
  const steps = [...c.steps, ...c.cleanup];
  const stepError = (): FailureDetail | undefined => {
    for (const step of steps) {
      if (step.error && step.status === 'error') {
        return { message: `${step.error.code}: ${step.error.message}`, pos: step.pos, step };
      }
    }
    return undefined;
  };
  const assertion = (hardOnly: boolean): FailureDetail | undefined => {
    for (const step of steps) {
      const a = step.assertions.find((x) => !x.ok && (!hardOnly || !x.soft));
      if (a) return assertionDetail(step, a);
    }
    return undefined;
  };
  if (c.status === 'error') return stepError() ?? assertion(false);
  if (c.status === 'fail') return assertion(true) ?? assertion(false) ?? stepError();
  return assertion(false) ?? stepError();
}

/** All exchanges of a case, steps first, then cleanup. */
export function caseExchanges(c: CaseResult): Exchange[] {
  return [...c.steps, ...c.cleanup].flatMap((s) => s.exchanges);
}

/**
 * A response body for display: JSON is re-indented; at most `maxLines` lines, each cut to
 * `maxLineChars`. Returns the lines and how many were left out.
 */
export function bodyPreview(body: string, maxLines = 20, maxLineChars = 200): { lines: string[]; omitted: number } {
  let text = body;
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      text = JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      // Not JSON after all (or truncated): show as received.
    }
  }
  const all = text.replace(/\r\n/g, '\n').split('\n');
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  const lines = all.slice(0, maxLines).map((l) => truncate(l, maxLineChars));
  return { lines, omitted: Math.max(0, all.length - maxLines) };
}

/**
 * `filtered run (--tag auth, --id 'ORD-*'): not a full accreditation`, or undefined for a run of
 * every case. Every format says it, so a passing subset is never mistaken for an accreditation.
 */
export function selectionNote(options: { tags: string[]; ids: string[] }): string | undefined {
  const filters = [...options.tags.map((t) => `--tag ${t}`), ...options.ids.map((i) => `--id ${i}`)];
  return filters.length ? `filtered run (${filters.join(', ')}): not a full accreditation` : undefined;
}
