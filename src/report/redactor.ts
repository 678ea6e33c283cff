// Replaces every known secret with `***`. Applied at the point evidence is captured, and again
// on every string a reporter writes, so a secret learnt mid-run (a captured value) is covered too.

export const MASK = '***';

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a secret. Very short values are ignored: masking "1" would shred every report. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string') return;
    const value = secret.trim();
    if (value.length < 4) return;
    this.#secrets.add(value);
  }

  get size(): number {
    return this.#secrets.size;
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    const secrets = [...this.#secrets].sort((a, b) => b.length - a.length);
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
      // Also catch the secret as it appears inside JSON strings or URLs.
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(MASK);
    }
    return out;
  }

  /** Deep-redacts strings inside plain JSON-like data. */
  redactValue<T>(value: T): T {
    if (this.#secrets.size === 0) return value;
    return this.#walk(value) as T;
  }

  #walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((v) => this.#walk(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.redact(k)] = this.#walk(v);
      return out;
    }
    return value;
  }
}
