// Counting words: `1 case`, `3 cases`, and a run's counts as `12 passed, 1 failed, 2 warnings …`.
import { CASE_STATUSES, type CaseStatus, type StatusCounts } from '../results.js';
import { STATUS_WORDS } from './status.js';

/** `1 case`, `2 cases`; `plural(2, 'entry', 'entries')`. */
export function plural(n: number, singular: string, many = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : many}`;
}

export interface CountPart {
  status: CaseStatus;
  count: number;
  text: string;
}

/**
 * Statuses most runs never have: named only when a run has some, so a passing run does not read
 * `0 blocked, 0 manual`. The other five are always named, zero or not.
 */
const NAMED_WHEN_ANY: ReadonlySet<CaseStatus> = new Set(['blocked', 'manual']);

/** The statuses a line (or a table of columns) of these counts names, in CASE_STATUSES order. */
export function shownStatuses(counts: StatusCounts): CaseStatus[] {
  return CASE_STATUSES.filter((status) => !NAMED_WHEN_ANY.has(status) || counts[status] > 0);
}

/**
 * `12 passed, 1 failed, 2 warnings, 0 skipped, 0 errors` as parts (so a caller can colour them).
 * `blocked` and `manual` are listed only when non-zero.
 */
export function countParts(counts: StatusCounts): CountPart[] {
  return shownStatuses(counts).map((status) => {
    const { one, many } = STATUS_WORDS[status];
    return { status, count: counts[status], text: plural(counts[status], one, many) };
  });
}

export function formatCounts(counts: StatusCounts): string {
  return countParts(counts).map((p) => p.text).join(', ');
}
