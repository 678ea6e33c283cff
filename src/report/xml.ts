// Just enough XML writing for the JUnit report: any string in, well-formed XML 1.0 out.
// Text is escaped, never wrapped in CDATA, so `]]>` in a body cannot end anything early; and the
// characters XML 1.0 forbids (real responses carry NULs and ANSI escapes) are removed, by the XML
// policy of core/words/control-chars.ts.
import { safeFor } from '../core/words/control-chars.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
  // As references they survive: a raw CR is read back as LF (end-of-line handling), and raw
  // tab/LF/CR in an attribute are read back as spaces (attribute-value normalization).
  '\r': '&#13;', '\n': '&#10;', '\t': '&#9;',
};
const escape = (ch: string): string => ESCAPES[ch] ?? ch;

/**
 * Arbitrary text as element content: forbidden characters stripped; `&`, `<`, `>` (so `]]>`
 * cannot appear) and CR escaped. Quotes stay readable: in content they need no escaping.
 */
export function escapeXmlText(text: string): string {
  return safeFor('xml', text).replace(/[&<>\r]/g, escape);
}

/** Arbitrary text as an attribute value (between double quotes): all five, and line breaks kept. */
export function escapeXmlAttr(text: string): string {
  return safeFor('xml', text).replace(/[&<>"'\t\n\r]/g, escape);
}

/** Attribute values; `undefined` leaves the attribute out. Names are the caller's constants. */
export type XmlAttrs = Record<string, string | number | boolean | undefined>;

/** An element with either text content or child elements (never both: no mixed content here). */
export interface XmlElement {
  name: string;
  attrs?: XmlAttrs;
  /** Escaped on output, never re-indented: what goes in is what a parser reads back. */
  text?: string;
  children?: XmlElement[];
}

function attrs(values: XmlAttrs = {}): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeXmlAttr(String(value))}"`;
  }
  return out;
}

/** One element and its descendants; child elements are indented two spaces per level. */
export function serializeXml(el: XmlElement, depth = 0): string {
  const pad = '  '.repeat(depth);
  const open = `${pad}<${el.name}${attrs(el.attrs)}`;
  if (el.text !== undefined && el.text !== '') return `${open}>${escapeXmlText(el.text)}</${el.name}>`;
  const children = el.children ?? [];
  if (children.length === 0) return `${open}/>`;
  return `${open}>\n${children.map((c) => serializeXml(c, depth + 1)).join('\n')}\n${pad}</${el.name}>`;
}

/** A whole document: declaration, root element, final newline. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(root)}\n`;
}
