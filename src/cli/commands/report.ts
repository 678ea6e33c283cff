// `pos-accredit report REPORT.json --reporter html,junit`: rebuild any report format from a saved
// JSON report, without running anything. Files go beside the report unless --out says otherwise.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readJsonReportAt } from '../../report/read-report.js';
import { replayRun } from '../../report/replay.js';
import { createReporters, isReporterName, REPORTER_NAMES, type ReporterName } from '../../report/registry.js';
import { PosAccreditError, EXIT } from '../../core/errors.js';

export interface ReportOptions {
  reporter?: string[];
  out?: string;
  color?: boolean;
}

export async function reportCommand(file: string, options: ReportOptions): Promise<number> {
  const names = reporterNames(options.reporter);
  const { file: read, report } = await readJsonReportAt(file);
  const outDir = resolve(options.out ?? dirname(read));
  // A signed bundle is sealed: a file added to it would make `verify` fail.
  if (existsSync(join(outDir, 'manifest.json'))) {
    throw new PosAccreditError('sealed-folder', `${outDir} is an accreditation bundle: writing into it would break its manifest`, EXIT.usage, 'give --out another folder');
  }
  const reporters = createReporters(names, {
    outDir, stream: process.stdout, color: options.color !== false && !!process.stdout.isTTY, isTTY: false, quiet: false, verbose: false,
  });
  const written = await replayRun(report, reporters);
  if (written.length) process.stderr.write(`${written.map((p) => `wrote ${p}`).join('\n')}\n`);
  return EXIT.pass;
}

function reporterNames(given: string[] | undefined): ReporterName[] {
  const names = (given ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  if (names.length === 0) throw new PosAccreditError('missing-reporter', '--reporter: say which format(s) to build', EXIT.usage, `one or more of: ${REPORTER_NAMES.join(', ')} (comma-separated or repeated)`);
  const unknown = names.find((n) => !isReporterName(n));
  if (unknown) throw new PosAccreditError('unknown-reporter', `--reporter: unknown reporter "${unknown}"`, EXIT.usage, `available: ${REPORTER_NAMES.join(', ')}`);
  return [...new Set(names)] as ReporterName[];
}
