// How a value or a text is shown short: compact JSON on one line, cut with `…`. Messages,
// reports and prompts all preview values this way, so `"201"` and `201` always look different.

export const PREVIEW_MAX_CHARS = 120;

/** Cuts `text` to `max` characters, marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * A value as compact JSON on one line (strings keep their quotes), at most `max` characters.
 * `undefined` (nothing there) is `nothing`.
 */
export function preview(value: unknown, max = PREVIEW_MAX_CHARS): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(text.replace(/\s*\n\s*/g, ' '), max);
}

/** Text on one line (runs of white space become one space), at most `max` characters. */
export function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/** First line of a possibly multi-line message. */
export function firstLine(text: string): string {
  const index = text.indexOf('\n');
  return index === -1 ? text : text.slice(0, index);
}

/**
 * A body for display: JSON is re-indented; at most `maxLines` lines, each cut to `maxLineChars`.
 * Returns the lines and how many were left out.
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
