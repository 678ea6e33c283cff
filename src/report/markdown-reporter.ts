// Writes `<outDir>/summary.md`: a compact GitHub-flavoured Markdown summary for a pull request
// comment or `$GITHUB_STEP_SUMMARY`. The verdict, the counts, what blocks (expected, actual,
// where), then warnings and skips folded away, the manual checklist and the hints. Every value
// from the run is one line, capped, HTML-escaped and Markdown-escaped, so a POS answer cannot
// break a table or inject markup; tables and the whole text are capped too.
import { mapStrings } from '../core/redactor.js';
import { CASE_STATUSES, decidingDetail, LEVELS, type CaseResult, type CaseStatus, type RunResult, type StatusCounts } from '../core/results.js';
import { safeFor } from '../core/words/control-chars.js';
import { formatDuration } from '../core/words/duration.js';
import { formatPos } from '../core/words/position.js';
import { preview, truncate } from '../core/words/preview.js';
import { leftOpenLine } from '../core/words/order.js';
import { LEVEL_WORDS, STATUS_WORDS, VERDICT_LABELS } from '../core/words/status.js';
import { selectionNote } from './format.js';
import { writeReportFile } from './report-file.js';
import type { Reporter, ReporterContext } from './reporter.js';

export const MARKDOWN_FILE_NAME = 'summary.md';

/** Rows per table or list before `… and K more`. */
export const MARKDOWN_MAX_ROWS = 50;
/** Whole-text cap: under GitHub's 65,536-character comment limit (step summaries allow 1 MiB). */
export const MARKDOWN_MAX_CHARS = 60_000;

const TITLE_MAX = 80;
const REASON_MAX = 160;
const VALUE_MAX = 60;


/**
 * One line of run data made inert inside GitHub Markdown: control characters and line breaks
 * become spaces, the text is capped (before escaping, so a cut never splits an escape), `&`, `<`,
 * `>` become entities (no HTML, no autolink), the characters that open emphasis, code, links,
 * strikethrough or math and the table's `|` are backslash-escaped, `@` cannot mention, and a
 * bare URL (`https://…`, `www.…`) cannot become a link: a zero-width joiner entity breaks it.
 */
export function mdInline(value: string, max = REASON_MAX): string {
  const flat = truncate(safeFor('markdown', value).replace(/ {2,}/g, ' ').trim(), max);
  return flat
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, '\\$&')
    .replace(/@/g, '@&#8203;')
    .replace(/:\/\//g, ':&#8203;//')
    .replace(/\b(www)\./gi, '$1&#8203;.');
}

/** `mdInline` for text that starts a list item: a leading `-`, `+`, `#` or `1.` stays text. */
export function mdLineStart(value: string, max = REASON_MAX): string {
  return mdInline(value, max).replace(/^([-+#])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

const cell = (value: string, max?: number): string => mdInline(value, max) || ' ';

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], align: string[], rows: string[][]): string[] {
  const shown = rows.slice(0, MARKDOWN_MAX_ROWS).map(row);
  const lines = [row(header), row(align), ...shown];
  if (rows.length > shown.length) lines.push('', `… and ${rows.length - shown.length} more (see report.json)`);
  return lines;
}

function list(items: string[]): string[] {
  const lines = items.slice(0, MARKDOWN_MAX_ROWS);
  if (items.length > lines.length) lines.push(`- … and ${items.length - lines.length} more (see report.json)`);
  return lines;
}

function folded(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function countsTable(result: RunResult): string[] {
  const { counts } = result;
  const columns = CASE_STATUSES.filter((s) => s !== 'manual' || counts.byStatus.manual > 0);
  const line = (label: string, c: StatusCounts, total: number): string[] => [label, ...columns.map((s) => String(c[s])), String(total)];
  const sum = (c: StatusCounts): number => CASE_STATUSES.reduce((n, s) => n + c[s], 0);
  return table(
    ['Level', ...columns, 'total'],
    [':--', ...columns.map(() => '--:'), '--:'],
    [
      ...LEVELS.map((l) => line(LEVEL_WORDS[l].label, counts.byLevel[l], sum(counts.byLevel[l]))),
      line('**Total**', counts.byStatus, counts.total),
    ],
  );
}

function where(c: CaseResult): string {
  return formatPos(decidingDetail(c)?.pos ?? c.pos);
}

function casesWith(result: RunResult, status: CaseStatus): CaseResult[] {
  return result.cases.filter((c) => c.status === status);
}

function target(result: RunResult): string {
  const pos = result.target.embedded ? `embedded reference POS (${result.target.baseUrl})` : result.target.baseUrl;
  return [
    `**POS** ${mdInline(pos)}`,
    `**venue** ${mdInline(result.target.venue)}`,
    `**contract** ${mdInline(result.contract.version)}`,
    `**${mdInline(result.tool.name)}** ${mdInline(result.tool.version)}`,
    `**date** ${mdInline(when(result.startedAt))}`,
    `**duration** ${formatDuration(result.durationMs)}`,
  ].join(' · ');
}

/** The summary as GitHub-flavoured Markdown (pure: no clock, no I/O). */
export function renderMarkdown(result: RunResult): string {
  const pass = result.verdict === 'pass';
  const out: string[] = [`## ${pass ? '✅' : '❌'} ${VERDICT_LABELS[result.verdict]}: POS accreditation`, '', target(result), ''];

  const selection = selectionNote(result.options);
  if (selection) out.push('> [!NOTE]', `> ${mdInline(selection.charAt(0).toUpperCase() + selection.slice(1))}.`, '');

  if (result.aborted) {
    out.push('> [!WARNING]', `> **Run aborted** (${mdInline(result.aborted.code, TITLE_MAX)}): ${mdInline(result.aborted.message)}`, '');
  }

  out.push(...countsTable(result), '');

  if (result.blocking.length > 0) {
    out.push(`### Blocking failures (${result.blocking.length})`, '');
    out.push(...table(
      ['ID', 'Title', 'Status', 'Reason', 'Expected', 'Actual', 'Where'],
      ['---', '---', '---', '---', '---', '---', '---'],
      result.blocking.map((b) => [
        cell(b.id, TITLE_MAX), cell(b.title, TITLE_MAX), cell(STATUS_WORDS[b.status].label), cell(b.reason),
        b.expected === undefined ? ' ' : cell(preview(b.expected, VALUE_MAX)),
        b.actual === undefined ? ' ' : cell(preview(b.actual, VALUE_MAX)),
        cell(formatPos(b.pos)),
      ]),
    ), '');
  }

  const warnings = casesWith(result, 'warn');
  if (warnings.length > 0) {
    out.push(...folded(`⚠️ Warnings (${warnings.length})`, table(
      ['ID', 'Level', 'Title', 'Reason', 'Where'],
      ['---', '---', '---', '---', '---'],
      warnings.map((c) => [cell(c.id, TITLE_MAX), LEVEL_WORDS[c.level].label, cell(c.title, TITLE_MAX), cell(c.reason ?? ''), cell(where(c))]),
    )));
  }

  const skipped = casesWith(result, 'skip');
  if (skipped.length > 0) {
    out.push(...folded(`⏭️ Skipped (${skipped.length})`, table(
      ['ID', 'Level', 'Reason'],
      ['---', '---', '---'],
      skipped.map((c) => [cell(c.id, TITLE_MAX), LEVEL_WORDS[c.level].label, cell(c.reason ?? '(no reason given)')]),
    )));
  }

  const manual = casesWith(result, 'manual');
  if (manual.length > 0) {
    out.push(`### Manual checks for a reviewer (${manual.length})`, '');
    // What to confirm is the point of the item: never cut (it comes from the contract's check list).
    out.push(...list(manual.map((c) => `- [ ] **${mdInline(c.id, TITLE_MAX)}** ${mdInline(c.title, TITLE_MAX)} — confirm: ${mdInline(c.reason ?? '', 2000)}`)), '');
  }

  const cleanups = result.cases.filter((c) => c.cleanupFailed);
  if (result.venue || cleanups.length > 0) {
    out.push('### Venue', '');
    if (result.venue) out.push(mdLineStart(leftOpenLine(result.venue), 2000), '');
    if (cleanups.length > 0) out.push(...list(cleanups.map((c) => `- cleanup failed in **${mdInline(c.id, TITLE_MAX)}**: ${mdInline(c.cleanupFailed!.message)}`)), '');
  }

  if (result.hints.length > 0) {
    out.push('### Hints', '');
    out.push(...list(result.hints.map((h) => `- ${mdLineStart(h, 300)}`)), '');
  }

  out.push(`<sub>Evidence: report.json in the run's report folder.</sub>`);
  return `${capLines(out, MARKDOWN_MAX_CHARS).join('\n')}\n`;
}

/** Keeps whole lines up to `max` characters, closing a `<details>` the cut left open. */
function capLines(lines: string[], max: number): string[] {
  if (lines.reduce((n, l) => n + l.length + 1, 0) <= max) return lines;
  const notice = '**… summary truncated; the full results are in report.json.**';
  const budget = max - notice.length - 32;
  const kept: string[] = [];
  let size = 0;
  let open = 0;
  for (const line of lines) {
    if (size + line.length + 1 > budget) break;
    kept.push(line);
    size += line.length + 1;
    if (line === '<details>') open += 1;
    if (line === '</details>') open -= 1;
  }
  for (; open > 0; open -= 1) kept.push('', '</details>');
  kept.push('', notice);
  return kept;
}

export function createMarkdownReporter(ctx: ReporterContext): Reporter {
  return {
    async onRunEnd(result: RunResult): Promise<string[]> {
      // Redact the values before escaping changes them, then the text (writeReportFile).
      return [await writeReportFile(ctx, MARKDOWN_FILE_NAME, renderMarkdown(mapStrings(result, ctx.redact)))];
    },
  };
}
