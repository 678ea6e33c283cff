// Reads a saved report.json back (for `report`, `compare`): a clear error naming the file and the
// first problems when it is missing, not JSON, or not a valid pos-accredit report.
import { readFile } from 'node:fs/promises';
import { CliError, EXIT } from '../cli/cli-error.js';
import { validateJsonReport, type JsonReport } from './report-document.js';

export async function readJsonReport(file: string, what = 'report'): Promise<JsonReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError('bad-report', `cannot read ${what} ${file} (${code === 'ENOENT' ? 'no such file' : code ?? (err as Error).message})`, EXIT.usage, 'give the report.json a run wrote, e.g. reports/<timestamp>/report.json');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new CliError('bad-report', `${file} is not JSON: ${(err as Error).message}`, EXIT.usage);
  }
  const validation = await validateJsonReport(doc);
  if (!validation.valid) {
    const shown = validation.errors.slice(0, 5).map((e) => `  ${e}`).join('\n');
    const more = validation.errors.length > 5 ? `\n  … ${validation.errors.length - 5} more` : '';
    throw new CliError('bad-report', `${file} is not a valid pos-accredit report (docs/schemas/report.schema.json):\n${shown}${more}`, EXIT.usage);
  }
  return validation.report;
}
