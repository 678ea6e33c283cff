// Words and small fragments the HTML report repeats: status badges (text, never colour alone),
// level names, areas, times and values.
import type { CaseStatus, StatusCounts, StepStatus } from '../../core/results.js';
import type { Level } from '../../core/results.js';
import { compactValue, countParts } from '../format.js';
import { html, type Html } from './escape.js';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', error: 'ERROR', manual: 'MANUAL',
};

const STATUS_SYMBOLS: Record<CaseStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '–', error: '⚠', manual: '?' };

/** Column headings of the counts table, in `StatusCounts` order. */
export const STATUS_HEADINGS: Record<CaseStatus, string> = {
  pass: 'Passed', fail: 'Failed', warn: 'Warnings', skip: 'Skipped', error: 'Errors', manual: 'Manual',
};

export const LEVELS: readonly Level[] = ['must', 'should', 'may'];

export const LEVEL_MEANING: Record<Level, string> = {
  must: 'MUST — a failure blocks accreditation',
  should: 'SHOULD — a failure is a warning',
  may: 'MAY — optional behaviour; a failure is a warning',
};

/** A status as a labelled badge: symbol and word, coloured by class. */
export function badge(status: CaseStatus | StepStatus, label = STATUS_LABELS[status]): Html {
  return html`<span class="badge b-${status}"><span aria-hidden="true">${STATUS_SYMBOLS[status]} </span>${label}</span>`;
}

/** `40-create-order` or `create-order` → `Create order`. */
export function areaName(suite: string): string {
  const words = suite.replace(/^\d+[-_ ]*/, '').replace(/[-_]+/g, ' ').trim();
  if (words === '') return suite;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `2025-01-15T10:00:03.420Z` → `2025-01-15 10:00:03 UTC`; anything else as given. */
export function formatTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** A JSON value as compact code (`"201"` and `201` differ). */
export function valueCode(value: unknown, max = 400): Html {
  return html`<code>${compactValue(value, max)}</code>`;
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** `12 passed, 1 failed`: only the statuses that occur. */
export function shortCounts(counts: StatusCounts): string {
  return countParts(counts).filter((p) => p.count > 0).map((p) => p.text).join(', ') || 'no cases';
}
