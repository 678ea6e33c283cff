// The building blocks of summary.md: run data made inert inside GitHub Markdown, and the capped
// tables, lists and folds every section is made of.
import { safeFor } from '../core/words/control-chars.js';
import { truncate } from '../core/words/preview.js';

/** Rows per table or list before `… and K more`. */
export const MARKDOWN_MAX_ROWS = 50;

export const TITLE_MAX = 80;
export const REASON_MAX = 160;
export const VALUE_MAX = 60;
/** A list of ids is never cut in practice: it is how a vendor finds each case one cause failed. */
export const IDS_MAX = 8000;

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

export const cell = (value: string, max?: number): string => mdInline(value, max) || ' ';

/** `**TABLES-LIST**`: a case named in bold (the id escaped inside). */
export const mdStrong = (value: string): string => `**${mdInline(value, TITLE_MAX)}**`;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function table(header: string[], align: string[], rows: string[][]): string[] {
  const shown = rows.slice(0, MARKDOWN_MAX_ROWS).map(row);
  const lines = [row(header), row(align), ...shown];
  if (rows.length > shown.length) lines.push('', `… and ${rows.length - shown.length} more (see report.json)`);
  return lines;
}

export function list(items: string[]): string[] {
  const lines = items.slice(0, MARKDOWN_MAX_ROWS);
  if (items.length > lines.length) lines.push(`- … and ${items.length - lines.length} more (see report.json)`);
  return lines;
}

export function folded(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}
