// Replaces every known secret with `***`. Applied at the point evidence is captured, and again
// on every string a reporter writes, so a secret learnt mid-run (a captured value) is covered too.
// A secret is also masked in the forms a writer may have escaped it into: URL- or form-encoded, inside a
// JSON string, or as XML/HTML text — a token with a quote in it must not survive as `ab\"cd`.

export const MASK = '***';

export class Redactor {
  /** Each secret with its escaped forms, longest first (a secret containing another is masked whole). */
  #forms: string[] = [];
  readonly #secrets = new Set<string>();

  /** Registers a secret. Very short values are ignored: masking "1" would shred every report. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string') return;
    const value = secret.trim();
    if (value.length < 4 || this.#secrets.has(value)) return;
    this.#secrets.add(value);
    const forms = new Set(this.#forms);
    for (const form of escapedForms(value)) forms.add(form);
    this.#forms = [...forms].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.#secrets.size;
  }

  redact(text: string): string {
    let out = text;
    for (const form of this.#forms) {
      if (out.includes(form)) out = out.split(form).join(MASK);
    }
    return out;
  }

  /** Deep-redacts strings (values and keys) inside plain JSON-like data. */
  redactValue<T>(value: T): T {
    if (this.#secrets.size === 0) return value;
    return mapStrings(value, (text) => this.redact(text));
  }
}

/**
 * Applies `map` to every string (and key) of JSON-like data. Redacting the parsed values, not
 * only the serialized text, also masks a secret that JSON or Markdown escaping would change
 * (a `"`, `\`, `|` or `<` inside it), or that a truncation would cut in half.
 */
export function mapStrings<T>(value: T, map: ((text: string) => string) | undefined): T {
  if (!map) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return map(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[map(k)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

const XML_ENTITIES: Array<[RegExp, string[]]> = [
  [/&/g, ['&amp;']],
  [/</g, ['&lt;']],
  [/>/g, ['&gt;']],
  [/"/g, ['&quot;', '&#34;', '&#x22;']],
  [/'/g, ['&#39;', '&apos;', '&#x27;']],
];

/** The secret as written raw, URL-encoded, JSON-escaped, and XML/HTML-escaped (common entity spellings). */
function escapedForms(secret: string): string[] {
  // URLSearchParams (how queries are built) encodes more than encodeURIComponent, and space as +.
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
  const forms = new Set([secret, encodeURIComponent(secret), formEncoded, JSON.stringify(secret).slice(1, -1)]);
  // Each spelling of each entity, applied uniformly (writers pick one spelling per character).
  for (let variant = 0; variant < 3; variant++) {
    let text = secret;
    for (const [pattern, spellings] of XML_ENTITIES) text = text.replace(pattern, spellings[Math.min(variant, spellings.length - 1)]!);
    forms.add(text);
  }
  return [...forms].filter((f) => f.length >= 4);
}
