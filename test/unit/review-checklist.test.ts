import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCheckList } from '../../src/coverage/check-list.js';
import { reviewCases, reviewCaseId } from '../../src/engine/review-checklist.js';
import { summarize } from '../../src/engine/summarize.js';
import { BUILTIN_SUITES_DIR } from '../../src/suite/load-suites.js';
import { caseResult } from '../helpers/sample-results.js';

const checks = loadCheckList(join(BUILTIN_SUITES_DIR, 'checks.yaml')).checks;
const at = new Date('2026-01-01T00:00:00Z');

describe("the reviewer's checklist", () => {
  it('has one manual case per manual check of the contract, every §8.8 process check among them', () => {
    const cases = reviewCases(checks, at);
    const manual = checks.filter((c) => c.testable === 'manual');
    expect(cases.map((c) => c.spec[0])).toEqual(manual.map((c) => c.id));
    for (const id of ['8.8/85', '8.8/86', '8.8/87', '8.8/88']) expect(cases.map((c) => c.id)).toContain(reviewCaseId(id));
  });

  it('says what the reviewer must confirm, at the position of the check', () => {
    for (const c of reviewCases(checks, at)) {
      const check = checks.find((k) => k.id === c.spec[0])!;
      expect(c.status).toBe('manual');
      expect(c.reason).toBe(check.confirm);
      expect(c.pos).toEqual(check.pos);
      expect(c.level).toBe(check.level);
    }
  });

  it('is counted as manual and never blocks the verdict, even for MUST checks', () => {
    const cases = [caseResult('ORD-CREATE-MIN', 'pass'), ...reviewCases(checks, at)];
    const summary = summarize(cases, undefined);
    expect(summary.verdict).toBe('pass');
    expect(summary.counts.byStatus.manual).toBe(cases.length - 1);
    expect(summary.counts.byLevel.must.manual).toBeGreaterThan(0);
    expect(summary.blocking).toEqual([]);
  });
});
