// Writes `<outDir>/summary.md`: a compact GitHub-flavoured Markdown summary for a pull request
// comment or `$GITHUB_STEP_SUMMARY`. The verdict, the counts, what blocks (expected, actual,
// where; each cause once, the checks it blocked under it), then blocked checks, warnings and
// skips folded away, the manual checklist and the hints. Every value from the run is one line,
// capped, HTML-escaped and Markdown-escaped, so a POS answer cannot break a table or inject
// markup; tables and the whole text are capped too.
import { mapStrings } from '../core/redactor.js';
import { CASE_STATUSES, LEVELS, type RunResult, type StatusCounts } from '../core/results.js';
import { shownStatuses } from '../core/words/counts.js';
import { formatDuration } from '../core/words/duration.js';
import { leftOpenLine } from '../core/words/order.js';
import { LEVEL_WORDS, VERDICT_LABELS } from '../core/words/status.js';
import { selectionNote } from './format.js';
import { blockedSection, blockingSection, skippedSection, warningsSection } from './markdown-failures.js';
import { list, mdInline, mdLineStart, table, TITLE_MAX } from './markdown-text.js';
import { writeReportFile } from './report-file.js';
import type { Reporter, ReporterContext } from './reporter.js';

export const MARKDOWN_FILE_NAME = 'summary.md';
export { MARKDOWN_MAX_ROWS, mdInline, mdLineStart } from './markdown-text.js';

/** Whole-text cap: under GitHub's 65,536-character comment limit (step summaries allow 1 MiB). */
export const MARKDOWN_MAX_CHARS = 60_000;

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function countsTable(result: RunResult): string[] {
  const { counts } = result;
  // `blocked` and `manual` columns only when the run has some, as the console names them.
  const columns = shownStatuses(counts.byStatus);
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

  out.push(...blockingSection(result), ...blockedSection(result), ...warningsSection(result), ...skippedSection(result));

  const manual = result.cases.filter((c) => c.status === 'manual');
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
