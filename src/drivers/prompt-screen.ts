// How an instruction is laid out for a person at a terminal: a header saying where the run stands
// (`LIFE-OPEN-VOID (Open → void …) · step 3 of 6 · order 1078 on table T3`), cut to the
// terminal's width so it stays one line, and the instruction, wrapped at words on a terminal.
import type { ActionContext } from './driver.js';
import { truncate } from '../core/words/preview.js';

/** The width assumed when the terminal does not say (and for piped output). */
export const DEFAULT_WIDTH = 80;
/** A title cut shorter than this says nothing: the header shows the case id alone. */
const MIN_TITLE = 12;

/**
 * `LIFE-OPEN-VOID (Open → void …) · step 2 of 4 · order 1078 on table T3`, at most `width`
 * columns: the title gives way first, since the id names the case as well.
 */
export function headerLine(context: ActionContext, concerns: string | undefined, width: number): string {
  const step = context.step !== undefined && context.steps !== undefined ? `step ${context.step} of ${context.steps}` : undefined;
  const rest = [step, concerns].filter((p) => p !== undefined).map((p) => ` · ${p}`).join('');
  const room = width - rest.length - context.caseId.length - ' ()'.length;
  const title = context.caseTitle && room >= MIN_TITLE ? ` (${cutAtWord(context.caseTitle, room)})` : '';
  return truncate(`${context.caseId}${title}${rest}`, width);
}

/** At most `max` characters, cut after a whole word where one ends in the second half. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** What one action concerns, for the header: `check 2 of order 1078 on tables T3 + T4`. */
export function concerns(orderId: string | null, params: Record<string, unknown>, tables: readonly string[] | undefined): string | undefined {
  const where = tables ?? (Array.isArray(params.tables) ? params.tables.map(String) : undefined);
  const on = where && where.length > 0 ? ` on ${where.length === 1 ? 'table' : 'tables'} ${where.join(' + ')}` : '';
  // open-walk-in: the order does not exist yet.
  if (orderId === null) return on === '' ? undefined : `a new order${on}`;
  const check = params.checkNumber === undefined || params.checkNumber === null || params.checkNumber === '' ? '' : `check ${String(params.checkNumber)} of `;
  return `${check}order ${orderId}${on}`;
}

/**
 * `text` on lines of at most `width` columns, broken between words; the first line starts with
 * `first`, the others with `rest`. A word longer than a line stays whole (the terminal wraps it).
 */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += empty ? word : ` ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
