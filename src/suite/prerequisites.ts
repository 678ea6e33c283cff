// Prerequisites (`after:`): a case rests on what earlier cases establish — the table list has the
// right shape, Create Order keeps what it opens, a void frees its table. Here, at load time: every
// id named exists and is not the case itself; within a suite a prerequisite comes before its
// dependant (cases run in file order); across suites, the suites are put in an order that runs
// every prerequisite first (file order otherwise), and a cycle is an error naming its cases.
import { closest, type Diagnostic } from '../core/diagnostic.js';
import type { Case, Suite } from './types.js';

export function checkPrerequisites(suites: Suite[]): Diagnostic[] {
  const all = suites.flatMap((s) => s.cases);
  const byId = new Map(all.map((c) => [c.id, c]));
  const out: Diagnostic[] = [];
  for (const suite of suites) {
    suite.cases.forEach((c, index) => {
      for (const p of c.after) {
        const named = { pos: p.pos, length: p.id.length };
        const target = byId.get(p.id);
        if (!target) {
          const guess = closest(p.id, [...byId.keys()]);
          out.push({ code: 'unknown-case', message: `after: no case has id ${p.id}`, ...named, hint: guess ? `did you mean ${guess}?` : 'after: names the ids of cases in the loaded suites' });
        } else if (target === c) {
          out.push({ code: 'bad-after', message: `after: ${c.id} names itself`, ...named, hint: 'a case cannot be its own prerequisite (a suite-level after: applies to every case of the suite, so name it on the cases that need it)' });
        } else if (target.suite === suite.name && suite.cases.indexOf(target) > index) {
          out.push({ code: 'bad-after', message: `after: ${p.id} comes after ${c.id} in its suite`, ...named, hint: `cases of a suite run in file order: move ${p.id} above ${c.id}` });
        }
      }
    });
  }
  return out;
}

/**
 * The suites in run order: each after the suites holding its cases' prerequisites, file order
 * otherwise. A cycle between suites is returned as a diagnostic instead.
 */
export function orderSuites(suites: Suite[]): { suites: Suite[]; cycle?: Diagnostic } {
  const suiteOf = new Map<string, Suite>(suites.flatMap((s) => s.cases.map((c) => [c.id, s] as const)));
  const needs = new Map<Suite, Set<Suite>>(suites.map((s) => [s, new Set(s.cases.flatMap((c) => c.after.map((p) => suiteOf.get(p.id)).filter((d): d is Suite => d !== undefined && d !== s)))]));
  const ordered: Suite[] = [];
  const placed = new Set<Suite>();
  while (ordered.length < suites.length) {
    // The first suite in file order whose prerequisites are all placed.
    const next = suites.find((s) => !placed.has(s) && [...needs.get(s)!].every((d) => placed.has(d)));
    if (!next) {
      const stuck = suites.filter((s) => !placed.has(s));
      const edge = stuck.flatMap((s) => s.cases.flatMap((c) => c.after.filter((p) => stuck.includes(suiteOf.get(p.id)!) && suiteOf.get(p.id) !== s).map((p) => ({ c, p }))))[0]!;
      return {
        suites,
        cycle: {
          code: 'after-cycle', message: `after: the prerequisites of suites ${stuck.map((s) => s.name).join(', ')} form a cycle (${edge.c.id} is after ${edge.p.id})`,
          pos: edge.p.pos, length: edge.p.id.length, hint: 'a prerequisite must be able to run first: remove one after: of the cycle',
        },
      };
    }
    ordered.push(next);
    placed.add(next);
  }
  return { suites: ordered };
}

/** A case's prerequisites, resolved to the cases themselves (those present in `cases`). */
export function prerequisitesOf(c: Case, byId: ReadonlyMap<string, Case>): Case[] {
  return c.after.map((p) => byId.get(p.id)).filter((d): d is Case => d !== undefined);
}
