// The end of the console: what blocks accreditation, then the verdict. Each cause is shown once
// (the other cases with its reason by id) and the checks it kept from running right under it, in
// the engine's order: the root a vendor must fix first is the first thing they read.
import type { ChalkInstance } from 'chalk';
import type { BlockingFailure, RunResult } from '../core/results.js';
import { plural } from '../core/words/counts.js';
import { formatPos } from '../core/words/position.js';
import { firstLine, preview } from '../core/words/preview.js';
import { STATUS_WORDS, VERDICT_LABELS } from '../core/words/status.js';
import { idLines, paint } from './console-paint.js';
import { groupBlocking, splitBlocking, type BlockingGroup } from './repeated-reasons.js';

/** `Blocking failures (…)` and its entries; nothing when nothing blocks. */
export function blockingLines(c: ChalkInstance, blocking: readonly BlockingFailure[]): string[] {
  if (blocking.length === 0) return [];
  return [c.red.bold(`Blocking failures (${blockingCount(blocking)})`), ...groupBlocking(blocking).flatMap((g) => groupLines(c, g))];
}

/** `2` or, when failures kept checks from running, `2 to fix; 42 checks blocked by them`. */
function blockingCount(blocking: readonly BlockingFailure[]): string {
  const { roots, blocked } = splitBlocking(blocking);
  return blocked.length > 0 ? `${roots.length} to fix; ${plural(blocked.length, 'check')} blocked by them` : String(roots.length);
}

/** One cause: shown once, the other cases with that reason by id, then what it keeps from running. */
function groupLines(c: ChalkInstance, group: BlockingGroup): string[] {
  const [first, ...others] = group.entries;
  const out = entryLines(c, first!);
  if (others.length > 0) out.push(...idLines('    ', `and ${others.length} more for the same reason:`, (text) => c.dim(text), others));
  if (group.blocks > 0) {
    // The ids listed are the blocked MUST checks (those in the blocking list); the hint counts every level.
    const head = `${STATUS_WORDS.blocked.symbol} blocks ${plural(group.blocks, group.blocked.length > 0 ? 'MUST check' : 'check')} (fix ${group.entries.length > 1 ? 'them' : 'it'} first)`;
    const look = (text: string): string => paint(c, 'blocked', text);
    out.push(...(group.blocked.length > 0 ? idLines('    ', `${head}:`, look, group.blocked) : [`    ${look(head)}`]));
  }
  return out;
}

function entryLines(c: ChalkInstance, b: BlockingFailure): string[] {
  const tag = b.status === 'error' ? ` ${c.magenta.bold(STATUS_WORDS.error.label)}` : '';
  const out = [`  ${paint(c, b.status, STATUS_WORDS[b.status].symbol)}${tag} ${c.bold(b.id)}  ${b.title}`, `    ${firstLine(b.reason)}`];
  if (b.expected !== undefined || b.actual !== undefined) {
    out.push(`    ${c.dim('expected')} ${preview(b.expected)}`, `    ${c.dim('actual  ')} ${c.red(preview(b.actual))}`);
  }
  // A blocked entry has no check of its own (it did not run): its root has the position.
  if (b.status !== 'blocked') out.push(`    ${c.dim('at')} ${formatPos(b.pos)}`);
  return out;
}

/** `Verdict: FAIL (2 blocking, 42 blocked)`: always the last line. */
export function verdictLine(c: ChalkInstance, result: RunResult): string {
  if (result.verdict === 'pass') return `Verdict: ${c.green.bold(VERDICT_LABELS.pass)}`;
  const { roots, blocked } = splitBlocking(result.blocking);
  const n = result.blocking.length === 0 ? '' : `${roots.length} blocking${blocked.length > 0 ? `, ${blocked.length} blocked` : ''}`;
  const why = result.aborted ? ` (run aborted: ${result.aborted.code}${n ? `; ${n}` : ''})` : n ? ` (${n})` : '';
  return `Verdict: ${c.red.bold(`${VERDICT_LABELS.fail}${why}`)}`;
}
