// Reads a saved report.json back (for `report`, `compare`): a clear error naming the file and the
// first problems when it is missing, not JSON, or not a valid pos-accredit report.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PosAccreditError, EXIT } from '../core/errors.js';
import type { JsonReport } from './report-document.js';
import { upgradeReport } from './upgrade-report.js';
import type { ReportValidation } from './validate-report.js';

export async function readJsonReport(given: string, what = 'report'): Promise<JsonReport> {
  return (await readJsonReportAt(given, what)).report;
}

/** A run's folder stands for its report.json; `file` is the path actually read. */
export async function resolveReportPath(given: string): Promise<string> {
  return (await stat(given).catch(() => undefined))?.isDirectory() ? join(given, 'report.json') : given;
}

export async function readJsonReportAt(given: string, what = 'report'): Promise<{ file: string; report: JsonReport }> {
  const file = await resolveReportPath(given);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PosAccreditError('bad-report', `cannot read ${what} ${file} (${code === 'ENOENT' ? 'no such file' : code ?? (err as Error).message})`, EXIT.usage, 'give the report.json a run wrote, e.g. reports/<timestamp>/report.json');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PosAccreditError('bad-report', `${file} is not JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`, EXIT.usage);
  }
  const validation = await validateJsonReport(doc);
  if (!validation.valid) {
    const shown = validation.errors.slice(0, 5).map((e) => `  ${e}`).join('\n');
    const more = validation.errors.length > 5 ? `\n  … ${validation.errors.length - 5} more` : '';
    throw new PosAccreditError('bad-report', `${file} is not a valid pos-accredit report (docs/schemas/report.schema.json):\n${shown}${more}`, EXIT.usage);
  }
  return { file, report: upgradeReport(validation.report) };
}

/**
 * Checks a parsed document against the report schema; errors read `/cases/0/status: must be …`.
 * ajv loads only when a report is read back, so the run's start-up never pays for it.
 */
export async function validateJsonReport(doc: unknown): Promise<ReportValidation> {
  const { validateJsonReportSync } = await import('./validate-report.js');
  return validateJsonReportSync(doc);
}
