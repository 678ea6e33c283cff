// Writes the canonical JSON report, `<outDir>/report.json`, atomically at the end of the run.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../engine/results.js';
import { REPORT_FILE_NAME, serializeJsonReport } from './report-document.js';
import type { Reporter, ReporterContext } from './reporter.js';

/** Writes `text` to `path` via a temporary file in the same folder and a rename. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes the JSON report for `result` into `outDir` (created if needed); returns its path. */
export async function writeJsonReport(outDir: string, result: RunResult): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, REPORT_FILE_NAME);
  await writeFileAtomic(path, serializeJsonReport(result));
  return path;
}

export function createJsonReporter(ctx: ReporterContext): Reporter {
  return {
    async onRunEnd(result: RunResult): Promise<string[]> {
      return [await writeJsonReport(ctx.outDir, result)];
    },
  };
}
