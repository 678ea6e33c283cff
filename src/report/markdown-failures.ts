// The sections of summary.md about what did not pass: the blocking failures (each cause once,
// the root first, the checks it blocked under it), the blocked checks by root, then warnings and
// skips folded away. A reason shared by many cases is one row, and the next row names every
// other case it applies to: `… and 52 more` with their ids, never a count alone.
import { decidingDetail, type CaseResult, type CaseStatus, type RunResult } from '../core/results.js';
import { plural } from '../core/words/counts.js';
import { formatPos } from '../core/words/position.js';
import { preview } from '../core/words/preview.js';
import { LEVEL_WORDS, STATUS_WORDS } from '../core/words/status.js';
import { cell, folded, IDS_MAX, mdInline, mdStrong, table, TITLE_MAX, VALUE_MAX } from './markdown-text.js';
import { caseReasonKey, groupBlocking, groupBy, idList, splitBlocking, type BlockingGroup } from './repeated-reasons.js';

const SAME_REASON = '(the same reason)';

function casesWith(result: RunResult, status: CaseStatus): CaseResult[] {
  return result.cases.filter((c) => c.status === status);
}

/** `MUST, SHOULD`: the levels of some cases, each once. */
function levels(cases: CaseResult[]): string {
  return [...new Set(cases.map((c) => LEVEL_WORDS[c.level].label))].join(', ');
}

function where(c: CaseResult): string {
  return formatPos(decidingDetail(c)?.pos ?? c.pos);
}

/** Cases grouped by their reason (the same key the console uses), in order of their first case. */
function byReason(cases: CaseResult[]): CaseResult[][] {
  return groupBy(cases, (c) => caseReasonKey(c, decidingDetail(c)?.values) ?? c.id);
}

/** `### Blocking failures (…)` with its table; nothing when nothing blocks. */
export function blockingSection(result: RunResult): string[] {
  if (result.blocking.length === 0) return [];
  const { roots, blocked } = splitBlocking(result.blocking);
  const count = blocked.length > 0 ? `${roots.length} to fix; ${plural(blocked.length, 'check')} blocked by them` : String(roots.length);
  return [`### Blocking failures (${count})`, '', ...table(
    ['ID', 'Title', 'Status', 'Reason', 'Expected', 'Actual', 'Where'],
    ['---', '---', '---', '---', '---', '---', '---'],
    groupBlocking(result.blocking).flatMap(blockingRows),
  ), ''];
}

/** The cause in full; `… and N more` with the other ids; `⊘ blocks N checks` with theirs. */
function blockingRows(group: BlockingGroup): string[][] {
  const [b, ...others] = group.entries;
  const rows = [[
    cell(b!.id, TITLE_MAX), cell(b!.title, TITLE_MAX), cell(STATUS_WORDS[b!.status].label), cell(b!.reason),
    b!.expected === undefined ? ' ' : cell(preview(b!.expected, VALUE_MAX)),
    b!.actual === undefined ? ' ' : cell(preview(b!.actual, VALUE_MAX)),
    // A blocked entry did not run: its root has the position.
    b!.status === 'blocked' ? ' ' : cell(formatPos(b!.pos)),
  ]];
  if (others.length > 0) {
    rows.push([`… and ${others.length} more`, cell(idList(others), IDS_MAX), cell(STATUS_WORDS[b!.status].label), SAME_REASON, ' ', ' ', ' ']);
  }
  if (group.blocks > 0) {
    const roots = group.entries.map((e) => mdStrong(e.id)).join(', ');
    rows.push([
      `${STATUS_WORDS.blocked.symbol} blocks ${group.blocks}`, group.blocked.length > 0 ? cell(idList(group.blocked), IDS_MAX) : ' ', cell(STATUS_WORDS.blocked.label),
      `not run: ${group.blocked.length === 1 ? 'it rests' : 'they rest'} on ${roots} (fix ${group.entries.length > 1 ? 'them' : 'it'} first)`, ' ', ' ', ' ',
    ]);
  }
  return rows;
}

/** Every blocked check, whatever its level, by the root cases that kept it from running. */
export function blockedSection(result: RunResult): string[] {
  const blocked = casesWith(result, 'blocked');
  if (blocked.length === 0) return [];
  const groups = groupBy(blocked, (c) => (c.blockedBy ?? []).join(', '));
  return folded(`${STATUS_WORDS.blocked.symbol} Blocked (${blocked.length})`, table(
    ['Blocked by', 'Level', 'Checks not run'],
    ['---', '---', '---'],
    groups.map((g) => [(g[0]!.blockedBy ?? []).map(mdStrong).join(', ') || '(not recorded)', levels(g), cell(`${g.length}: ${idList(g)}`, IDS_MAX)]),
  ));
}

export function warningsSection(result: RunResult): string[] {
  const warnings = casesWith(result, 'warn');
  if (warnings.length === 0) return [];
  return folded(`⚠️ Warnings (${warnings.length})`, table(
    ['ID', 'Level', 'Title', 'Reason', 'Where'],
    ['---', '---', '---', '---', '---'],
    byReason(warnings).flatMap(([c, ...others]) => [
      [cell(c!.id, TITLE_MAX), LEVEL_WORDS[c!.level].label, cell(c!.title, TITLE_MAX), cell(c!.reason ?? ''), cell(where(c!))],
      ...(others.length > 0 ? [[`… and ${others.length} more`, levels(others), cell(idList(others), IDS_MAX), SAME_REASON, ' ']] : []),
    ]),
  ));
}

export function skippedSection(result: RunResult): string[] {
  const skipped = casesWith(result, 'skip');
  if (skipped.length === 0) return [];
  return folded(`⏭️ Skipped (${skipped.length})`, table(
    ['ID', 'Level', 'Reason'],
    ['---', '---', '---'],
    byReason(skipped).flatMap(([c, ...others]) => [
      [cell(c!.id, TITLE_MAX), LEVEL_WORDS[c!.level].label, cell(c!.reason ?? '(no reason given)')],
      ...(others.length > 0 ? [[`… and ${others.length} more`, levels(others), `${SAME_REASON}: ${mdInline(idList(others), IDS_MAX)}`]] : []),
    ]),
  ));
}
