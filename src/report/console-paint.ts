// The console's colours and its wrapped id lists. Colour is never the only signal: every painted
// text also carries a symbol or a word (core/words/status.ts).
import type { ChalkInstance } from 'chalk';
import type { CaseStatus } from '../core/results.js';
import { LIST_WIDTH, wrapList } from '../core/words/wrap.js';

/** Where the details of a case line start (its reason, values, exchanges). */
export const INDENT = '      ';

export function paint(c: ChalkInstance, status: CaseStatus, text: string): string {
  switch (status) {
    case 'pass': return c.green(text);
    case 'fail': return c.red(text);
    case 'warn': return c.yellow(text);
    case 'skip': return c.dim(text);
    case 'error': return c.magenta(text);
    case 'blocked': return c.red.dim(text);
    case 'manual': return c.cyan(text);
  }
}

/**
 * `head` followed by every id, wrapped at LIST_WIDTH with the next lines at INDENT: a vendor must
 * find every failing id, and a line of 40 ids is unreadable once the terminal wraps it. `look`
 * colours the head only.
 */
export function idLines(indent: string, head: string, look: (text: string) => string, items: readonly { id: string }[]): string[] {
  const lines = wrapList(items.map((i) => i.id), LIST_WIDTH - indent.length - head.length - 1, LIST_WIDTH - INDENT.length);
  return [`${indent}${look(head)} ${lines[0] ?? ''}`, ...lines.slice(1).map((more) => `${INDENT}${more}`)];
}
