// One cause often fails many checks (a refused connection, a broken setup, a prerequisite that
// failed): every format shows such a reason once, then the ids of the other cases it applies to —
// every id, so a vendor can still find each failing check. This module only groups what the
// engine recorded; it never re-sorts `blocking` (the engine puts the roots first) and never
// decides which case blocks which (that is each entry's `blockedBy`).
import type { BlockingFailure, CaseResult } from '../core/results.js';
import { preview } from '../core/words/preview.js';

/** Items with an equal key, in order of their first item; the order inside a group is kept. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/**
 * What a reader sees as "the same reason": the status, the reason, and the expected and actual
 * values when there are some (two failures saying the same words about different values are
 * not one cause). Where the check is written does not matter: the same refused token fails
 * checks on many lines.
 */
function sameReasonKey(status: string, reason: string | undefined, values?: { expected?: unknown; actual?: unknown }): string {
  const shown = values && (values.expected !== undefined || values.actual !== undefined) ? `${preview(values.expected)}\u0000${preview(values.actual)}` : '';
  return `${status}\u0000${reason ?? ''}\u0000${shown}`;
}

export function blockingReasonKey(b: BlockingFailure): string {
  return sameReasonKey(b.status, b.reason, b);
}

/**
 * The key under which consecutive cases of the streamed case list are told once, or undefined for
 * a case always shown on its own: a pass (no reason), and a case whose cleanup failed (what it
 * left open is its own).
 */
export function caseReasonKey(c: CaseResult, values?: { expected: unknown; actual: unknown }): string | undefined {
  if (c.status === 'pass' || c.cleanupFailed || c.reason === undefined) return undefined;
  return `${sameReasonKey(c.status, c.reason, values)}\u0000${(c.blockedBy ?? []).join(',')}`;
}

/** The cases `blocking` lists because a prerequisite failed, and the others (what to fix). */
export function splitBlocking(blocking: readonly BlockingFailure[]): { roots: BlockingFailure[]; blocked: BlockingFailure[] } {
  return { roots: blocking.filter((b) => b.status !== 'blocked'), blocked: blocking.filter((b) => b.status === 'blocked') };
}

export interface BlockingGroup {
  /** Entries with the same reason, in list order: the first is shown in full, the others by id. */
  entries: BlockingFailure[];
  /** Blocked MUST checks that name one of `entries` as their root, in list order. */
  blocked: BlockingFailure[];
  /**
   * How many checks these entries keep from running, as shown: the blocked entries listed (so the
   * number always matches the ids beside it), or the roots' own `blocks` when the list has none.
   */
  blocks: number;
}

/**
 * `blocking` as a reader should meet it: each cause to fix once (same reason, one group), in the
 * engine's order, with the blocked checks it accounts for right under it. A blocked entry whose
 * root is not in the list (it should not happen) still shows, grouped by its own reason, after
 * the roots; one blocked by two roots shows under both.
 */
export function groupBlocking(blocking: readonly BlockingFailure[]): BlockingGroup[] {
  const { roots, blocked } = splitBlocking(blocking);
  const placed = new Set<BlockingFailure>();
  const groups = groupBy(roots, blockingReasonKey).map((entries): BlockingGroup => {
    const ids = new Set(entries.map((e) => e.id));
    const under = blocked.filter((b) => (b.blockedBy ?? []).some((id) => ids.has(id)));
    for (const b of under) placed.add(b);
    const said = entries.reduce((n, e) => n + (e.blocks ?? 0), 0);
    return { entries, blocked: under, blocks: under.length > 0 ? under.length : said };
  });
  const orphans = groupBy(blocked.filter((b) => !placed.has(b)), blockingReasonKey).map((entries) => ({ entries, blocked: [], blocks: 0 }));
  return [...groups, ...orphans];
}

/** `ORD-A, ORD-B, ORD-C`: every id, in order. */
export function idList(items: readonly { id: string }[]): string {
  return items.map((i) => i.id).join(', ');
}

/** `the root cases` of a blocked case or entry, as a phrase: `TABLES-LIST`, `A and B`. */
export function rootsPhrase(blockedBy: readonly string[] | undefined): string {
  const ids = blockedBy ?? [];
  if (ids.length <= 1) return ids[0] ?? 'a prerequisite';
  return `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)!}`;
}
