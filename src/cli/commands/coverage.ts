// `pos-accredit coverage`: which of the contract's checks (suites/checks.yaml) the suites cover.
// A report: exit 0 whatever it finds; load problems are thrown as LoadError (exit 2).
import { checksFileFor, displayPath, loadCheckList } from '../../coverage/check-list.js';
import { computeCoverage, coverageJson } from '../../coverage/compute-coverage.js';
import { formatCoverage } from '../../coverage/format-coverage.js';
import { loadSuites } from '../../suite/load-suites.js';

export function coverageCommand(suitePaths: string[], options: { json?: boolean }): number {
  const { suites } = loadSuites({ paths: suitePaths });
  const checksFile = checksFileFor(suites);
  const list = loadCheckList(checksFile, displayPath(checksFile));
  const coverage = computeCoverage(suites, list);
  process.stdout.write(options.json ? `${JSON.stringify(coverageJson(coverage), null, 2)}\n` : formatCoverage(coverage));
  return 0;
}
