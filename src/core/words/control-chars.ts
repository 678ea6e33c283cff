// What each kind of output does with control characters, written once. Evidence comes from the
// POS under test and may carry anything: NULs, ANSI escapes that would repaint a terminal, bidi
// overrides that make a line read differently than it is, characters XML cannot hold at all.
//
// | output     | used by                          | C0 (but tab, LF) | tab, LF  | DEL, C1 | bidi marks | U+FFFE/FFFF, lone surrogates |
// |------------|----------------------------------|------------------|----------|---------|------------|------------------------------|
// | `line`     | verify (one line per value)      | shown `\u001b`   | shown    | shown   | shown      | —                            |
// | `text`     | console, transcripts (.txt)      | shown            | kept     | shown   | shown      | —                            |
// | `html`     | the HTML report                  | shown            | kept     | shown   | —          | shown / U+FFFD               |
// | `xml`      | JUnit (XML 1.0)                  | removed (CR kept)| kept     | kept    | —          | removed                      |
// | `markdown` | summary.md (one line per value)  | space            | space    | space   | —          | —                            |
// JSON and HAR need no policy: JSON escapes every control character itself.

export type OutputKind = 'line' | 'text' | 'html' | 'xml' | 'markdown';

const C0 = '\\u0000-\\u0008\\u000B-\\u001F';
const DEL_C1 = '\\u007F-\\u009F';
const BIDI = '\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

const visible = (ch: string): string => {
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\uFFFD';
  return `\\u${code.toString(16).padStart(4, '0')}`;
};

const POLICIES: Record<OutputKind, { pattern: RegExp; replace: (ch: string) => string }> = {
  line: { pattern: new RegExp(`[${C0}\\t\\n${DEL_C1}${BIDI}]`, 'g'), replace: visible },
  text: { pattern: new RegExp(`[${C0}${DEL_C1}${BIDI}]`, 'g'), replace: visible },
  html: { pattern: new RegExp(`[${C0}${DEL_C1}\\uFFFE\\uFFFF]|${LONE_SURROGATE}`, 'g'), replace: visible },
  xml: { pattern: new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${LONE_SURROGATE}`, 'g'), replace: () => '' },
  markdown: { pattern: /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, replace: () => ' ' },
};

/** `text` made safe for one kind of output (see the table above). */
export function safeFor(kind: OutputKind, text: string): string {
  const { pattern, replace } = POLICIES[kind];
  return text.replace(pattern, replace);
}
