// A report checked against its published schema (docs/schemas/report.schema.json), synchronously
// (the `verify` command is synchronous). Import it where ajv may load; read-report's
// validateJsonReport loads it on demand.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { REPORT_SCHEMA_URL, type JsonReport } from './report-document.js';

export type ReportValidation =
  | { valid: true; report: JsonReport }
  | { valid: false; errors: string[] };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
let validator: ValidateFunction | undefined;

/** The report, or what the schema says is wrong with it (`/cases/0/status: must be …`). */
export function validateJsonReportSync(doc: unknown): ReportValidation {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as Record<string, unknown>);
  }
  if (validator(doc)) return { valid: true, report: doc as JsonReport };
  const errors = (validator.errors ?? []).map((e) => {
    const extra = e.params && typeof e.params === 'object' && 'additionalProperty' in e.params ? ` (${String((e.params as { additionalProperty: unknown }).additionalProperty)})` : '';
    return `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${extra}`;
  });
  return { valid: false, errors };
}
