// Which cases cover which of the contract's checks: a case covers a check when its `spec:` lists
// the check's id exactly ("8.3/19"). References to §8 that name no check are suite errors.
import type { Suite } from '../suite/types.js';
import type { SourcePos } from '../core/words/position.js';
import type { Level } from '../core/results.js';
import type { Check, CheckList, CheckSection } from './check-list.js';

export interface CheckCoverage {
  check: Check;
  /** Ids of the cases whose spec cites the check, in suite order. */
  cases: string[];
}

export interface UnknownReference {
  caseId: string;
  ref: string;
  pos: SourcePos;
  /** The check the reference probably meant (same number in another section), if any. */
  didYouMean?: string;
}

export interface CoverageTotals {
  checks: number;
  cases: number;
  machine: number;
  machineCovered: number;
  manual: number;
  /** Machine-testable checks no case cites. */
  uncovered: number;
  uncoveredByLevel: Record<Level, number>;
  unknownReferences: number;
}

export interface Coverage {
  checksFile: string;
  sections: { section: CheckSection; checks: CheckCoverage[] }[];
  checks: CheckCoverage[];
  /** Machine-testable checks no case cites, in check order. */
  uncovered: Check[];
  unknownReferences: UnknownReference[];
  totals: CoverageTotals;
}

/** A spec entry that refers to a §8 check (as opposed to a source anchor such as "P2#create-order"). */
export function isCheckReference(ref: string): boolean {
  return /^8\.\d/.test(ref);
}

export function computeCoverage(suites: readonly Suite[], list: CheckList): Coverage {
  const byId = new Map(list.checks.map((c) => [c.id, { check: c, cases: [] as string[] }]));
  const unknownReferences: UnknownReference[] = [];
  const cases = suites.flatMap((s) => s.cases);
  for (const c of cases) {
    for (const ref of new Set(c.spec)) {
      if (!isCheckReference(ref)) continue;
      const entry = byId.get(ref);
      if (entry) {
        entry.cases.push(c.id);
        continue;
      }
      const number = ref.split('/')[1];
      const guess = number === undefined ? undefined : list.checks.find((k) => String(k.number) === number.trim());
      unknownReferences.push({ caseId: c.id, ref, pos: c.pos, ...(guess ? { didYouMean: guess.id } : {}) });
    }
  }
  const checks = list.checks.map((c) => byId.get(c.id)!);
  const sections = list.sections.map((section) => ({ section, checks: checks.filter((c) => c.check.section === section.id) }));
  const uncovered = checks.filter((c) => c.check.testable === 'machine' && c.cases.length === 0).map((c) => c.check);
  const machine = checks.filter((c) => c.check.testable === 'machine');
  const levelCount = (level: Level): number => uncovered.filter((c) => c.level === level).length;
  return {
    checksFile: list.file,
    sections,
    checks,
    uncovered,
    unknownReferences,
    totals: {
      checks: checks.length,
      cases: cases.length,
      machine: machine.length,
      machineCovered: machine.length - uncovered.length,
      manual: checks.length - machine.length,
      uncovered: uncovered.length,
      uncoveredByLevel: { must: levelCount('must'), should: levelCount('should'), may: levelCount('may') },
      unknownReferences: unknownReferences.length,
    },
  };
}

/** The `--json` shape: plain data, no positions objects beyond what a machine needs. */
export function coverageJson(coverage: Coverage): object {
  return {
    checksFile: coverage.checksFile,
    checks: coverage.checks.map(({ check, cases }) => ({
      id: check.id,
      section: check.section,
      level: check.level,
      inferred: check.inferred,
      testable: check.testable,
      title: check.title,
      source: check.source,
      ...(check.note !== undefined ? { note: check.note } : {}),
      ...(check.confirm !== undefined ? { confirm: check.confirm } : {}),
      cases,
    })),
    uncovered: coverage.uncovered.map((c) => c.id),
    unknownReferences: coverage.unknownReferences.map((u) => ({ caseId: u.caseId, ref: u.ref, file: u.pos.file, line: u.pos.line, col: u.pos.col, ...(u.didYouMean ? { didYouMean: u.didYouMean } : {}) })),
    totals: coverage.totals,
  };
}
