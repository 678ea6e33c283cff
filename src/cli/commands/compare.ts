// `pos-accredit compare OLD NEW`: the cases whose status changed between two reports, regressions
// first. Exit 1 when anything regressed or the verdict went from pass to fail (so CI can gate on
// "no worse than last submission").
import { compareReports, formatComparison, isRegression } from '../../report/compare-reports.js';
import { readJsonReport } from '../../report/read-report.js';
import { EXIT } from '../../core/errors.js';

export async function compareCommand(before: string, after: string, options: { json?: boolean }): Promise<number> {
  const [old, now] = [await readJsonReport(before, 'OLD report'), await readJsonReport(after, 'NEW report')];
  const cmp = compareReports(old, now);
  process.stdout.write(options.json ? `${JSON.stringify(cmp, null, 2)}\n` : formatComparison(cmp, { before, after }));
  return isRegression(cmp) ? EXIT.mustFailed : EXIT.pass;
}
