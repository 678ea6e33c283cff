// The canonical JSON report: the RunResult plus a self-description, and its published schema.
// Every other report can be re-rendered from this document (`pos-accredit report`).
import { readFile } from 'node:fs/promises';
import type { RunResult } from '../core/results.js';

export const REPORT_SCHEMA_ID = 'https://pos-accredit.dev/schemas/report-v1.json';
export const REPORT_FORMAT = 'pos-accredit-report';
export const REPORT_FORMAT_VERSION = 3;
export const REPORT_FILE_NAME = 'report.json';

export interface JsonReport extends RunResult {
  $schema: typeof REPORT_SCHEMA_ID;
  format: typeof REPORT_FORMAT;
  formatVersion: typeof REPORT_FORMAT_VERSION;
}

/** Location of `docs/schemas/report.schema.json` (same relative path from `src/` and `dist/`). */
export const REPORT_SCHEMA_URL = new URL('../../docs/schemas/report.schema.json', import.meta.url);

export function toJsonReport(result: RunResult): JsonReport {
  return {
    $schema: REPORT_SCHEMA_ID,
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    ...result,
  };
}

/** Pretty-printed JSON text of the report, newline-terminated. Undefined fields are dropped. */
export function serializeJsonReport(result: RunResult): string {
  const replacer = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);
  return `${JSON.stringify(toJsonReport(result), replacer, 2)}\n`;
}

export async function loadReportSchema(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(REPORT_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}
