// Load-time problems, reported like a compiler: title, file:line:col, the line with a caret, a hint.
import { readFileSync } from 'node:fs';
import { EXIT, PosAccreditError } from './errors.js';
import { formatPos, type SourcePos } from './words/position.js';

export interface Diagnostic {
  /** Stable code, e.g. `yaml-syntax`, `unknown-key`, `wrong-type`, `unknown-schema`, `undefined-variable`. */
  code: string;
  message: string;
  pos: SourcePos;
  /** Length of the offending span, for the caret underline (at least 1). */
  length?: number;
  hint?: string;
}

/** Thrown by loaders only; the CLI turns it into exit code 2. Carries every diagnostic found. */
export class LoadError extends PosAccreditError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('load-error', diagnostics.map((d) => `${formatPos(d.pos)}: ${d.message}`).join('\n'), EXIT.usage);
    this.name = 'LoadError';
  }
}

/** Renders a diagnostic with the source line and a caret. `source` avoids re-reading the file. */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const out = [`error[${d.code}]: ${d.message}`, `  --> ${formatPos(d.pos)}`];
  const text = source ?? readSource(d.pos.file);
  const line = text?.split(/\r?\n/)[d.pos.line - 1];
  if (line !== undefined) {
    const gutter = String(d.pos.line);
    const pad = ' '.repeat(gutter.length);
    const width = Math.max(1, Math.min(d.length ?? 1, line.length - d.pos.col + 1));
    out.push(`${pad} |`, `${gutter} | ${line}`, `${pad} | ${' '.repeat(Math.max(0, d.pos.col - 1))}${'^'.repeat(width)}`);
  }
  if (d.hint) out.push(`  = hint: ${d.hint}`);
  return out.join('\n');
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
