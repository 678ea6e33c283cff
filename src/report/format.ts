// What the reporters share about a run: a case's exchanges, and the note every format carries
// for a filtered run. Words and formats live in core/words/; what decided a case, in its result.
import type { CaseResult } from '../core/results.js';
import type { Exchange } from '../core/evidence.js';

/** All exchanges of a case, steps first, then cleanup. */
export function caseExchanges(c: CaseResult): Exchange[] {
  return [...c.steps, ...c.cleanup].flatMap((s) => s.exchanges);
}

/**
 * `filtered run (--tag auth, --id 'ORD-*'): not a full accreditation`, or undefined for a run of
 * every case. Every format says it, so a passing subset is never mistaken for an accreditation.
 */
export function selectionNote(options: { tags: string[]; ids: string[] }): string | undefined {
  const filters = [...options.tags.map((t) => `--tag ${t}`), ...options.ids.map((i) => `--id ${i}`)];
  return filters.length ? `filtered run (${filters.join(', ')}): not a full accreditation` : undefined;
}
