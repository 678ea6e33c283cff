// Coverage of the contract's checks, computed on a small synthetic suite set and check list.
import { describe, expect, it } from 'vitest';
import type { Check, CheckList } from '../../src/coverage/check-list.js';
import { computeCoverage, coverageJson } from '../../src/coverage/compute-coverage.js';
import { formatCoverage } from '../../src/coverage/format-coverage.js';
import type { Case, Suite } from '../../src/suite/types.js';
import type { Level } from '../../src/core/results.js';

const pos = (line: number) => ({ file: 'suites/x.yaml', line, col: 5 });

function check(id: string, level: Level, testable: Check['testable'] = 'machine', extra: Partial<Check> = {}): Check {
  const [section = '', number = ''] = id.split('/');
  return { id, section, number: Number(number), level, inferred: false, title: `title of ${id}`, source: 'P0', testable, pos: pos(1), ...extra };
}

function testCase(id: string, spec: string[], line: number): Case {
  return { id, title: id, level: 'must', basis: 'documented', spec, tags: [], requires: [], after: [], contractRefs: [], steps: [], cleanup: [], suite: 'x', pos: pos(line) };
}

const list: CheckList = {
  contract: 'mozrest-pos-api',
  file: 'suites/checks.yaml',
  sections: [{ id: '8.1', title: 'Transport' }, { id: '8.3', title: 'Create Order' }, { id: '8.8', title: 'Process' }],
  checks: [
    check('8.1/1', 'must'),
    check('8.1/2', 'should', 'machine', { inferred: true }),
    check('8.3/19', 'must'),
    check('8.3/20', 'may'),
    check('8.8/85', 'must', 'manual', { confirm: 'The partner handed over one HTTPS URL.' }),
  ],
};

const suites: Suite[] = [{
  name: 'x', title: 'X', file: 'suites/x.yaml', setup: [], teardown: [], pos: pos(1),
  cases: [
    testCase('A-ONE', ['8.1/1', '8.3/19', 'P2#create-order'], 10),
    testCase('A-TWO', ['8.3/19', '8.3/19', '8.3/99', '8.2/19'], 20),
  ],
}];

describe('computeCoverage', () => {
  const coverage = computeCoverage(suites, list);

  it('maps each check to the cases whose spec names it exactly, once per case', () => {
    const cases = Object.fromEntries(coverage.checks.map((c) => [c.check.id, c.cases]));
    expect(cases).toEqual({ '8.1/1': ['A-ONE'], '8.1/2': [], '8.3/19': ['A-ONE', 'A-TWO'], '8.3/20': [], '8.8/85': [] });
  });

  it('lists uncovered machine-testable checks, never manual ones', () => {
    expect(coverage.uncovered.map((c) => c.id)).toEqual(['8.1/2', '8.3/20']);
    expect(coverage.totals).toMatchObject({ checks: 5, cases: 2, machine: 4, machineCovered: 2, manual: 1, uncovered: 2, uncoveredByLevel: { must: 0, should: 1, may: 1 } });
  });

  it('flags §8 references that name no check, guessing the section when the number exists elsewhere', () => {
    expect(coverage.unknownReferences).toEqual([
      { caseId: 'A-TWO', ref: '8.3/99', pos: pos(20) },
      { caseId: 'A-TWO', ref: '8.2/19', pos: pos(20), didYouMean: '8.3/19' },
    ]);
    expect(coverage.totals.unknownReferences).toBe(2);
  });

  it('groups checks by section in list order', () => {
    expect(coverage.sections.map((s) => [s.section.id, s.checks.map((c) => c.check.id)])).toEqual([
      ['8.1', ['8.1/1', '8.1/2']], ['8.3', ['8.3/19', '8.3/20']], ['8.8', ['8.8/85']],
    ]);
  });

  it('prints covered, not covered, manual, warnings and totals', () => {
    const text = formatCoverage(coverage);
    expect(text).toMatch(/^ {2}8\.3\/19 +MUST +covered by A-ONE, A-TWO$/m);
    expect(text).toMatch(/^ {2}8\.1\/2 +SHOULD inf +— NOT COVERED$/m);
    expect(text).toMatch(/^ {2}8\.8\/85 +MUST +manual: The partner handed over one HTTPS URL\.$/m);
    expect(text).toContain('warning: suites/x.yaml:20:5: case A-TWO cites 8.3/99, which is not a check in suites/checks.yaml');
    expect(text).toContain('cites 8.2/19, which is not a check in suites/checks.yaml; did you mean 8.3/19?');
    expect(text).toContain('machine-testable: 2 of 4 covered; manual: 1');
    expect(text).toMatch(/uncovered machine-testable checks \(2: 1 should, 1 may\):\n {2}8\.1\/2 .*title of 8\.1\/2\n {2}8\.3\/20 .*title of 8\.3\/20\n/);
  });

  it('--json carries every check with its cases, the uncovered ids, unknown references and totals', () => {
    const json = coverageJson(coverage) as { checks: { id: string; level: string; inferred: boolean; testable: string; title: string; cases: string[]; confirm?: string }[]; uncovered: string[]; unknownReferences: { caseId: string; ref: string }[]; totals: object };
    expect(json.checks).toHaveLength(5);
    expect(json.checks[1]).toMatchObject({ id: '8.1/2', level: 'should', inferred: true, testable: 'machine', title: 'title of 8.1/2', cases: [] });
    expect(json.checks[4]).toMatchObject({ id: '8.8/85', testable: 'manual', confirm: 'The partner handed over one HTTPS URL.' });
    expect(json.uncovered).toEqual(['8.1/2', '8.3/20']);
    expect(json.unknownReferences).toEqual([
      { caseId: 'A-TWO', ref: '8.3/99', file: 'suites/x.yaml', line: 20, col: 5 },
      { caseId: 'A-TWO', ref: '8.2/19', file: 'suites/x.yaml', line: 20, col: 5, didYouMean: '8.3/19' },
    ]);
    expect(json.totals).toEqual(coverage.totals);
  });
});
