import { describe, expect, it } from 'vitest';
import { compareReports, formatComparison, isRegression } from '../../src/report/compare-reports.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonReport } from '../../src/report/read-report.js';
import { toJsonReport } from '../../src/report/report-document.js';
import { blockedCase, blockedRun, tablesListFails } from '../helpers/blocked-results.js';
import { tempDir } from '../helpers/cli.js';
import { caseResult, runResult } from '../helpers/sample-results.js';

describe('compare two reports', () => {
  const before = runResult([
    caseResult('A-PASS-TO-FAIL', 'pass'),
    caseResult('B-FAIL-TO-PASS', 'fail', { reason: 'status 500, expected 200' }),
    caseResult('C-SAME', 'warn', { level: 'should', reason: 'slow' }),
    caseResult('D-SHOULD-REGRESSES', 'pass', { level: 'should' }),
    caseResult('E-FAIL-TO-ERROR', 'fail'),
    caseResult('F-DROPPED', 'pass'),
  ]);
  const after = runResult([
    caseResult('D-SHOULD-REGRESSES', 'warn', { level: 'should', reason: 'no content-type' }),
    caseResult('A-PASS-TO-FAIL', 'fail', { reason: 'missing checkNumber' }),
    caseResult('B-FAIL-TO-PASS', 'pass'),
    caseResult('C-SAME', 'warn', { level: 'should', reason: 'slow' }),
    caseResult('E-FAIL-TO-ERROR', 'error', { reason: 'timeout' }),
    caseResult('G-NEW', 'skip', { reason: 'requires capability pre-orders' }),
  ]);

  it('lists regressions first (MUST before SHOULD), then fixes, changes, new and dropped cases', () => {
    const cmp = compareReports(before, after);
    expect(cmp.changes.map((c) => [c.kind, c.id, c.before, c.after])).toEqual([
      ['regression', 'A-PASS-TO-FAIL', 'pass', 'fail'],
      ['regression', 'D-SHOULD-REGRESSES', 'pass', 'warn'],
      ['fixed', 'B-FAIL-TO-PASS', 'fail', 'pass'],
      ['changed', 'E-FAIL-TO-ERROR', 'fail', 'error'],
      ['added', 'G-NEW', undefined, 'skip'],
      ['removed', 'F-DROPPED', 'pass', undefined],
    ]);
    expect(cmp.unchanged).toBe(1);
  });

  it('gives the reason a regression fails now, and the reason a fixed case failed before', () => {
    const cmp = compareReports(before, after);
    expect(cmp.changes.find((c) => c.id === 'A-PASS-TO-FAIL')?.reason).toBe('missing checkNumber');
    expect(cmp.changes.find((c) => c.id === 'B-FAIL-TO-PASS')?.reason).toBe('status 500, expected 200');
  });

  it('finds nothing between a report and itself', () => {
    const cmp = compareReports(before, before);
    expect(cmp.changes).toEqual([]);
    expect(cmp.unchanged).toBe(before.cases.length);
    expect(formatComparison(cmp, { before: 'a.json', after: 'a.json' })).toContain('0 regressed, 0 fixed, 0 changed, 0 new, 0 no longer run, 6 unchanged');
  });

  it('prints one line per change under a heading, regressions at the top', () => {
    const text = formatComparison(compareReports(before, after), { before: 'old/report.json', after: 'new/report.json' });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^before  old\/report\.json .* verdict FAIL$/);
    expect(lines.indexOf('Regressions (2)')).toBeLessThan(lines.indexOf('Fixed (1)'));
    expect(text).toContain('  A-PASS-TO-FAIL  [must]  pass → fail  Title of A-PASS-TO-FAIL\n      missing checkNumber');
    expect(text).toContain('  F-DROPPED  [must]  pass → —');
    expect(lines.at(-2)).toBe('2 regressed, 1 fixed, 1 changed, 1 new, 1 no longer run, 1 unchanged');
  });

  it('notes what makes two reports hard to compare: a filtered run, another POS, NEW older than OLD', () => {
    const filtered = runResult([caseResult('A-PASS-TO-FAIL', 'pass')], { options: { strict: false, tags: ['auth'], ids: [], timeoutMs: 10_000 }, startedAt: '2025-01-14T10:00:00.000Z', target: { baseUrl: 'https://pos.example', venue: 'v', embedded: false } });
    const cmp = compareReports(before, filtered);
    expect(cmp.notes).toEqual([
      'verdict FAIL → PASS',
      'NEW is a filtered run (--tag auth): not a full accreditation: the cases it did not run show as "no longer run"',
      'different POS: the embedded reference POS → https://pos.example',
      'NEW ran before OLD: are the arguments the right way round? (compare OLD NEW)',
    ]);
    expect(formatComparison(cmp, { before: 'a', after: 'b' })).toContain('\nnote: NEW is a filtered run (--tag auth)');
    expect(compareReports(before, after).notes).toEqual([]);
  });

  it('labels the old reason of a fixed case', () => {
    expect(formatComparison(compareReports(before, after), { before: 'a', after: 'b' })).toContain('  B-FAIL-TO-PASS  [must]  fail → pass  Title of B-FAIL-TO-PASS\n      was: status 500, expected 200');
  });

  it('a MUST that still blocks (failed before, could not run now) is not "fixed"; a verdict turning FAIL is a regression', () => {
    const failing = runResult([caseResult('LIFE-X', 'fail', { reason: 'no close callback' })]);
    const blockedSkip = runResult([caseResult('LIFE-X', 'skip', { reason: 'needs a driver' })], {
      verdict: 'fail',
      blocking: [{ id: 'LIFE-X', title: 'Title of LIFE-X', status: 'skip', reason: 'needs a driver', pos: { file: 's.yaml', line: 1, col: 1 } }],
    });
    const cmp = compareReports(failing, blockedSkip);
    expect(cmp.changes.map((c) => [c.kind, c.id])).toEqual([['changed', 'LIFE-X']]);
    expect(isRegression(cmp)).toBe(false);
    const passing = runResult([caseResult('LIFE-X', 'pass')]);
    const worse = compareReports(passing, blockedSkip);
    expect(worse.changes.map((c) => c.kind)).toEqual(['regression']);
    expect(isRegression(worse)).toBe(true);
    // The verdict alone: nothing changed case by case, but the run failed (e.g. aborted).
    expect(isRegression(compareReports(passing, { ...passing, verdict: 'fail' }))).toBe(true);
  });
});

describe('compare with blocked checks (report format 3)', () => {
  it('a check that passed and is now blocked got worse; one that failed and is now blocked only changed', () => {
    const root = tablesListFails();
    const before = runResult([caseResult('TABLES-LIST', 'pass'), caseResult('ORD-A', 'pass'), caseResult('ORD-B', 'fail', { reason: 'status 500' })]);
    const after = runResult([root, blockedCase('ORD-A', [root]), blockedCase('ORD-B', [root])]);
    const cmp = compareReports(before, after);
    expect(cmp.changes.map((c) => [c.kind, c.id, c.before, c.after])).toEqual([
      ['regression', 'TABLES-LIST', 'pass', 'fail'],
      ['regression', 'ORD-A', 'pass', 'blocked'],
      ['changed', 'ORD-B', 'fail', 'blocked'],
    ]);
    expect(formatComparison(cmp, { before: 'a', after: 'b' })).toContain('  ORD-A  [must]  pass → blocked  Title of ORD-A\n      blocked by TABLES-LIST: ');
  });

  it('compares a version-2 report with a version-3 one, both read from files', async () => {
    const dir = tempDir('pos-accredit-compare-');
    const v2 = JSON.parse(JSON.stringify(toJsonReport(runResult([caseResult('TABLES-LIST', 'pass'), caseResult('ORD-CREATE-01', 'pass')])))) as Record<string, any>;
    v2.formatVersion = 2;
    delete v2.counts.byStatus.blocked;
    for (const level of ['must', 'should', 'may']) delete v2.counts.byLevel[level].blocked;
    await writeFile(join(dir, 'old.json'), JSON.stringify(v2));
    await writeFile(join(dir, 'new.json'), JSON.stringify(toJsonReport(blockedRun())));
    const cmp = compareReports(await readJsonReport(join(dir, 'old.json')), await readJsonReport(join(dir, 'new.json')));
    expect(cmp.changes.filter((c) => c.kind === 'regression').map((c) => [c.id, c.after])).toEqual([['TABLES-LIST', 'fail'], ['ORD-CREATE-01', 'blocked']]);
  });
});
