// `pos-accredit compare OLD NEW`: the cases whose status changed between two reports, regressions
// first. Exit 1 when anything regressed or the verdict went from pass to fail (so CI can gate on
// "no worse than last submission"), and when the two runs did not cover the same ground (one
// filtered or aborted, the other not): a gate must not pass on a comparison that skipped cases.
import { compareReports, formatComparison, isRegression } from '../../report/compare-reports.js';
import { readJsonReport } from '../../report/read-report.js';
import { EXIT } from '../../core/errors.js';

export async function compareCommand(before: string, after: string, options: { json?: boolean; allowPartial?: boolean }): Promise<number> {
  const [old, now] = [await readJsonReport(before, 'OLD report'), await readJsonReport(after, 'NEW report')];
  const cmp = compareReports(old, now);
  const uneven = cmp.uneven && !options.allowPartial;
  process.stdout.write(options.json ? `${JSON.stringify(cmp, null, 2)}\n` : formatComparison(cmp, { before, after }));
  if (uneven && !options.json) process.stdout.write(`NOT COMPARABLE: ${cmp.uneven}; pass --allow-partial to accept the comparison.\n`);
  return isRegression(cmp) || uneven ? EXIT.mustFailed : EXIT.pass;
}
