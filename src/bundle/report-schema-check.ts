// report.json of a bundle checked against the published report schema, synchronously: verify runs
// inside the synchronous `verify` command. Same schema and options as validateJsonReport
// (src/report/report-document.ts), whose async loader the command cannot await.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { REPORT_SCHEMA_URL, type JsonReport } from '../report/report-document.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
let validator: ValidateFunction | undefined;

/** The report, or what the schema says is wrong with it (`/cases/0/status: must be …`). */
export function validateReportSync(doc: unknown): { valid: true; report: JsonReport } | { valid: false; errors: string[] } {
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
