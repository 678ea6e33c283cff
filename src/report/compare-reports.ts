// What changed between two runs, case by case: what a vendor wants between two submissions.
// Regressions first (a case got worse), then fixes, then other changes, new and dropped cases.
import type { CaseResult, CaseStatus, Level, RunResult } from '../core/results.js';
import { selectionNote } from './format.js';
import { VERDICT_LABELS } from '../core/words/status.js';

/** How bad a status is, for "got worse": fail and error are the worst, pass the best. */
const SEVERITY: Record<CaseStatus, number> = { pass: 0, manual: 1, skip: 1, warn: 2, blocked: 3, fail: 3, error: 3 };

export type ChangeKind = 'regression' | 'fixed' | 'changed' | 'added' | 'removed';
const ORDER: ChangeKind[] = ['regression', 'fixed', 'changed', 'added', 'removed'];

export interface CaseChange {
  kind: ChangeKind;
  id: string;
  title: string;
  level: Level;
  /** Absent for added cases. */
  before?: CaseStatus;
  /** Absent for removed cases. */
  after?: CaseStatus;
  /** Why the case does not pass now (or did not before, for fixes). */
  reason?: string;
}

export interface RunSummary {
  verdict: RunResult['verdict'];
  startedAt: string;
  tool: string;
  contract: string;
  target: string;
  /** Set for a --tag/--id run. */
  selection?: string;
}

export interface Comparison {
  before: RunSummary;
  after: RunSummary;
  /** What makes the two hard to compare: a filtered run, another target, NEW older than OLD. */
  notes: string[];
  changes: CaseChange[];
  /** Cases present in both with the same status. */
  unchanged: number;
  /** Set when one run is filtered or aborted and the other is not (or they differ so): they did not cover the same ground. */
  uneven?: string;
}

export function compareReports(before: RunResult, after: RunResult): Comparison {
  const old = new Map(before.cases.map((c) => [c.id, c]));
  const now = new Map(after.cases.map((c) => [c.id, c]));
  const changes: CaseChange[] = [];
  let unchanged = 0;
  // A case that blocks the verdict is as bad as a failure, whatever its status (a MUST that could not run).
  const blockedBefore = new Set(before.blocking.map((b) => b.id));
  const blockedAfter = new Set(after.blocking.map((b) => b.id));
  for (const c of after.cases) {
    const was = old.get(c.id);
    if (!was) {
      changes.push({ kind: 'added', ...describe(c), after: c.status, ...reasonOf(c) });
      continue;
    }
    if (was.status === c.status && blockedBefore.has(c.id) === blockedAfter.has(c.id)) {
      unchanged++;
      continue;
    }
    const delta = severity(c, blockedAfter) - severity(was, blockedBefore);
    const kind: ChangeKind = delta > 0 ? 'regression' : delta < 0 ? 'fixed' : 'changed';
    changes.push({ kind, ...describe(c), before: was.status, after: c.status, ...reasonOf(kind === 'fixed' ? was : c) });
  }
  for (const c of before.cases) {
    if (!now.has(c.id)) changes.push({ kind: 'removed', ...describe(c), before: c.status });
  }
  // Stable within a kind: MUST before SHOULD before MAY, then run order.
  const levelRank: Record<Level, number> = { must: 0, should: 1, may: 2 };
  const index = new Map(changes.map((ch, i) => [ch, i]));
  changes.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || levelRank[a.level] - levelRank[b.level] || index.get(a)! - index.get(b)!);
  const uneven = unevenGround(before, after);
  return { before: runOf(before), after: runOf(after), notes: notesOn(before, after), changes, unchanged, ...(uneven ? { uneven } : {}) };
}

/** `OLD is a full run, NEW a run filtered by --id …`: the two did not run the same cases. */
function unevenGround(before: RunResult, after: RunResult): string | undefined {
  const scope = (r: RunResult): string => [selectionNote(r.options), r.aborted ? `aborted (${r.aborted.code})` : undefined].filter(Boolean).join(', ') || 'a full run';
  const [old, now] = [scope(before), scope(after)];
  if (old === now) return undefined;
  return `OLD is ${old === 'a full run' ? old : `a ${old}`}, NEW is ${now === 'a full run' ? now : `a ${now}`}`;
}

function severity(c: CaseResult, blocking: ReadonlySet<string>): number {
  return blocking.has(c.id) ? SEVERITY.fail : SEVERITY[c.status];
}

/** Worse than before: a case got worse, or the verdict went from pass to fail. */
export function isRegression(cmp: Comparison): boolean {
  return cmp.changes.some((c) => c.kind === 'regression') || (cmp.before.verdict === 'pass' && cmp.after.verdict === 'fail');
}

function describe(c: CaseResult): { id: string; title: string; level: Level } {
  return { id: c.id, title: c.title, level: c.level };
}

function reasonOf(c: CaseResult): { reason?: string } {
  return c.reason && c.status !== 'pass' ? { reason: c.reason } : {};
}

function runOf(r: RunResult): RunSummary {
  const selection = selectionNote(r.options);
  return { verdict: r.verdict, startedAt: r.startedAt, tool: r.tool.version, contract: r.contract.version, target: `${r.target.baseUrl} venue ${r.target.venue}`, ...(selection && { selection }) };
}

function notesOn(before: RunResult, after: RunResult): string[] {
  const notes: string[] = [];
  if (before.verdict !== after.verdict) notes.push(`verdict ${VERDICT_LABELS[before.verdict]} → ${VERDICT_LABELS[after.verdict]}`);
  const [old, now] = [selectionNote(before.options), selectionNote(after.options)];
  if (now) notes.push(`NEW is a ${now}: the cases it did not run show as "no longer run"`);
  if (old) notes.push(`OLD is a ${old}`);
  if (before.contract.version !== after.contract.version) notes.push(`contract ${before.contract.version} → ${after.contract.version}: cases may differ for that reason`);
  if (before.target.embedded !== after.target.embedded || (!before.target.embedded && before.target.baseUrl !== after.target.baseUrl)) {
    notes.push(`different POS: ${before.target.embedded ? 'the embedded reference POS' : before.target.baseUrl} → ${after.target.embedded ? 'the embedded reference POS' : after.target.baseUrl}`);
  }
  if (Date.parse(after.startedAt) < Date.parse(before.startedAt)) notes.push('NEW ran before OLD: are the arguments the right way round? (compare OLD NEW)');
  return notes;
}

/** Plain text, one line per change, regressions first; ends with a one-line summary. */
export function formatComparison(cmp: Comparison, names: { before: string; after: string }): string {
  const out = [
    `before  ${names.before}  ${cmp.before.startedAt}  verdict ${VERDICT_LABELS[cmp.before.verdict]}`,
    `after   ${names.after}  ${cmp.after.startedAt}  verdict ${VERDICT_LABELS[cmp.after.verdict]}`,
  ];
  for (const note of cmp.notes) out.push(`note: ${note}`);
  const headings: Record<ChangeKind, string> = { regression: 'Regressions', fixed: 'Fixed', changed: 'Changed', added: 'New cases', removed: 'Cases no longer run' };
  for (const kind of ORDER) {
    const group = cmp.changes.filter((c) => c.kind === kind);
    if (group.length === 0) continue;
    out.push('', `${headings[kind]} (${group.length})`);
    for (const c of group) {
      const move = `${c.before ?? '—'} → ${c.after ?? '—'}`;
      out.push(`  ${c.id}  [${c.level}]  ${move}  ${c.title}`);
      if (c.reason) out.push(`      ${c.kind === 'fixed' ? 'was: ' : ''}${c.reason}`);
    }
  }
  const count = (k: ChangeKind): number => cmp.changes.filter((c) => c.kind === k).length;
  out.push('', `${count('regression')} regressed, ${count('fixed')} fixed, ${count('changed')} changed, ${count('added')} new, ${count('removed')} no longer run, ${cmp.unchanged} unchanged`);
  return `${out.join('\n')}\n`;
}
