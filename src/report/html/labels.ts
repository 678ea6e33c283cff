// Small fragments the HTML report repeats: status badges (text, never colour alone), areas,
// times and values. The words themselves come from core/words/.
import type { CaseStatus, StatusCounts, StepStatus } from '../../core/results.js';
import { countParts } from '../../core/words/counts.js';
import { preview } from '../../core/words/preview.js';
import { STATUS_WORDS } from '../../core/words/status.js';
import { html, type Html } from './escape.js';

/** A status as a labelled badge: symbol and word, coloured by class. */
export function badge(status: CaseStatus | StepStatus, label = STATUS_WORDS[status].label): Html {
  return html`<span class="badge b-${status}"><span aria-hidden="true">${STATUS_WORDS[status].symbol} </span>${label}</span>`;
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
  return html`<code>${preview(value, max)}</code>`;
}

/** `12 passed, 1 failed`: only the statuses that occur. */
export function shortCounts(counts: StatusCounts): string {
  return countParts(counts).filter((p) => p.count > 0).map((p) => p.text).join(', ') || 'no cases';
}
