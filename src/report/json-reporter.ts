// Writes the canonical JSON report, `<outDir>/report.json`, atomically at the end of the run.
import type { RunResult } from '../core/results.js';
import { REPORT_FILE_NAME, serializeJsonReport } from './report-document.js';
import { mapStrings } from '../core/redactor.js';
import { writeReportFile } from './report-file.js';
import type { Reporter, ReporterContext } from './reporter.js';

/** Writes the JSON report for `result` into `outDir` (created if needed); returns its path. */
export async function writeJsonReport(outDir: string, result: RunResult, redact?: (text: string) => string): Promise<string> {
  // Values first (a secret JSON escaping would change), then the text.
  return writeReportFile({ outDir, redact }, REPORT_FILE_NAME, serializeJsonReport(mapStrings(result, redact)));
}

export function createJsonReporter(ctx: ReporterContext): Reporter {
  return {
    async onRunEnd(result: RunResult): Promise<string[]> {
      return [await writeJsonReport(ctx.outDir, result, ctx.redact)];
    },
  };
}
