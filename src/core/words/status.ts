// The words for what the engine decided, one table for every output: the console, HTML, Markdown,
// JUnit, transcripts and `verify`. A symbol is never shown alone: a label or the case line goes
// with it, so colour and symbol are never the only signal.
import type { CaseStatus, Level, Verdict } from '../results.js';

export interface StatusWords {
  /** Before the case line and in badges. */
  symbol: string;
  /** Upper case, where a status is named (badges, tables, transcripts). */
  label: string;
  /** A column of counts. */
  heading: string;
  /** `1 warning`, `2 warnings`. */
  one: string;
  many: string;
}

/** Case statuses; steps use the same words (a step's status is one of these). */
export const STATUS_WORDS: Readonly<Record<CaseStatus, StatusWords>> = {
  pass: { symbol: '✓', label: 'PASS', heading: 'Passed', one: 'passed', many: 'passed' },
  fail: { symbol: '✗', label: 'FAIL', heading: 'Failed', one: 'failed', many: 'failed' },
  warn: { symbol: '!', label: 'WARN', heading: 'Warnings', one: 'warning', many: 'warnings' },
  skip: { symbol: '-', label: 'SKIP', heading: 'Skipped', one: 'skipped', many: 'skipped' },
  error: { symbol: '✗', label: 'ERROR', heading: 'Errors', one: 'error', many: 'errors' },
  blocked: { symbol: '⊘', label: 'BLOCKED', heading: 'Blocked', one: 'blocked', many: 'blocked' },
  manual: { symbol: '?', label: 'MANUAL', heading: 'Manual', one: 'manual', many: 'manual' },
};

/** One check inside a step: it held, it failed, or it failed in a `should` block (a warning). */
export type AssertionOutcome = 'pass' | 'fail' | 'warn';

export function assertionOutcome(a: { ok: boolean; soft: boolean }): AssertionOutcome {
  return a.ok ? 'pass' : a.soft ? 'warn' : 'fail';
}

export const ASSERTION_LABELS: Readonly<Record<AssertionOutcome, string>> = { pass: 'OK', fail: 'FAIL', warn: 'WARN' };

export const LEVEL_WORDS: Readonly<Record<Level, { label: string; meaning: string }>> = {
  must: { label: 'MUST', meaning: 'MUST — a failure blocks accreditation' },
  should: { label: 'SHOULD', meaning: 'SHOULD — a failure is a warning' },
  may: { label: 'MAY', meaning: 'MAY — optional behaviour; a failure is a warning' },
};

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = { pass: 'PASS', fail: 'FAIL' };
