import { describe, expect, it } from 'vitest';
import { compareReports, formatComparison, isRegression } from '../../src/report/compare-reports.js';
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
