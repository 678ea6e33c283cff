// HTML escaping for the HTML report. Everything dynamic goes through the `html` tag, which escapes
// each interpolated value unless it is already `Html` (built by this tag): escaping is the default
// and a raw string cannot slip in by forgetting a call. Control characters follow the HTML policy
// of core/words/control-chars.ts (shown as `\u0007`).
import { safeFor } from '../../core/words/control-chars.js';

/** Markup that is safe to insert as is: only the `html` tag and `trustedHtml` make one. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `text` for an HTML text node or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return safeFor('html', text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Template tag: the literal parts are markup, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup from a trusted constant of this module tree (the style sheet); never for data. */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

/**
 * An element id from any string, injective and attribute-safe: letters, digits, `.` and `-` are
 * kept, every other character becomes `_<hex>_` (so `_` itself is always an escape).
 */
export function anchorId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^A-Za-z0-9.-]/gu, (ch) => `_${(ch.codePointAt(0) ?? 0).toString(16)}_`)}`;
}
