// What verify checks beyond digests and signature: the bundle holds what every bundle holds
// (report.json, tool.json, config.json, one transcript per case of the report), and report.json
// says what the manifest's summary says, satisfies the report schema, and agrees with its own cases
// (counts, blocking failures and verdict recomputed with summarize). Whoever holds the key can edit report.json, recompute the
// digests and sign again — the signature stays valid — so it is report.json, once it verifies,
// that verify shows, and any disagreement with the manifest is a problem naming the field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_STATUSES, type CaseStatus, LEVELS } from '../core/results.js';
import { summarize } from '../engine/summarize.js';
import { REPORT_FILE_NAME, type JsonReport } from '../report/report-document.js';
import { upgradeReport } from '../report/upgrade-report.js';
import { CONFIG_FILE, TOOL_FILE, type Manifest } from './manifest.js';
import { validateJsonReportSync } from '../report/validate-report.js';
import { transcriptPaths } from './transcript-paths.js';
import type { VerifyProblem } from './verify-problem.js';
import { preview } from '../core/words/preview.js';

/** Files every bundle written by `run --bundle` has. */
export const REQUIRED_FILES = [CONFIG_FILE, REPORT_FILE_NAME, TOOL_FILE] as const;
const TRANSCRIPTS = 'transcripts/';
const MAX_NAMED = 10;

/** The run as report.json tells it: what verify prints once everything checks out. */
export type ReportSummary = Omit<Manifest['report'], 'options'> & { options: NonNullable<Manifest['report']['options']> };

interface ParsedReport {
  summary: ReportSummary;
  cases: { id: string; status: CaseStatus }[];
  report: JsonReport;
}


export interface ContentCheck {
  problems: VerifyProblem[];
  /** Set when report.json is intact and readable. */
  report?: ReportSummary;
}

/**
 * `intact`: the files listed in the manifest that match their digest; report.json is read only
 * when it is one of them (otherwise it is already reported as modified or missing).
 */
export function checkContents(dir: string, manifest: Manifest, intact: ReadonlySet<string>): ContentCheck {
  const listed = new Set(manifest.files.map((f) => f.path));
  const problems: VerifyProblem[] = [];
  for (const file of REQUIRED_FILES) {
    if (!listed.has(file)) problems.push({ file, kind: 'incomplete', message: `incomplete: not listed in the manifest, so the bundle holds no verified ${file}; every bundle written by run --bundle has one` });
  }
  if (!intact.has(REPORT_FILE_NAME)) return { problems };

  const parsed = readReport(join(dir, REPORT_FILE_NAME));
  if (typeof parsed === 'string') return { problems: [...problems, inconsistent(REPORT_FILE_NAME, parsed)] };
  const { summary, cases } = parsed;
  for (const d of differences(summary, manifest.report)) problems.push(inconsistent(REPORT_FILE_NAME, `${d.field} is ${show(d.report)}, the manifest's summary says ${show(d.manifest)}`));
  problems.push(...countProblems(summary, cases));
  problems.push(...selfProblems(parsed.report));
  problems.push(...transcriptProblems(cases, listed));
  return { problems, report: summary };
}

function inconsistent(file: string, what: string): VerifyProblem {
  return { file, kind: 'inconsistent', message: `inconsistent: ${what}` };
}

/** The whole value: a verify message must not cut what differs. */
const show = (value: unknown): string => (value === undefined ? 'absent' : preview(value, Number.MAX_SAFE_INTEGER));

/** The summary fields, by path, that differ; `options` only when the manifest records them. */
function differences(report: ReportSummary, manifest: Manifest['report'] | undefined): { field: string; report: unknown; manifest: unknown }[] {
  // A bundle written before status `blocked` existed records no count for it.
  const statuses = CASE_STATUSES.filter((s) => s !== 'blocked' || at(manifest, 'counts.byStatus.blocked') !== undefined);
  const fields = [
    'verdict', 'counts.total', ...statuses.map((s) => `counts.byStatus.${s}`),
    'target.baseUrl', 'target.venue', 'target.embedded', 'contract.version', 'contract.file', 'startedAt', 'finishedAt', 'aborted.code', 'aborted.message',
    ...(isRecord(manifest) && manifest.options !== undefined ? ['options.tags', 'options.ids', 'options.strict'] : []),
  ];
  return fields
    .map((field) => ({ field, report: at(report, field), manifest: at(manifest, field) }))
    .filter((d) => JSON.stringify(d.report) !== JSON.stringify(d.manifest));
}

function at(value: unknown, path: string): unknown {
  let here = value;
  for (const key of path.split('.')) here = isRecord(here) ? here[key] : undefined;
  return here;
}

function countProblems(summary: ReportSummary, cases: ParsedReport['cases']): VerifyProblem[] {
  const out: VerifyProblem[] = [];
  if (summary.counts.total !== cases.length) out.push(inconsistent(REPORT_FILE_NAME, `counts.total is ${summary.counts.total}, but it lists ${cases.length} cases`));
  for (const status of CASE_STATUSES) {
    const n = cases.filter((c) => c.status === status).length;
    if (summary.counts.byStatus[status] !== n) out.push(inconsistent(REPORT_FILE_NAME, `counts.byStatus.${status} is ${summary.counts.byStatus[status]}, but ${n} of its cases have status ${status}`));
  }
  return out;
}

function transcriptProblems(cases: ParsedReport['cases'], listed: ReadonlySet<string>): VerifyProblem[] {
  const expected = transcriptPaths(cases.map((c) => c.id));
  const missing = expected.filter((p) => !listed.has(p));
  const out: VerifyProblem[] = [];
  if (missing.length > 0) {
    const n = missing.length;
    const more = n > MAX_NAMED ? ` and ${n - MAX_NAMED} more` : '';
    out.push({ file: TRANSCRIPTS, kind: 'incomplete', files: missing, message: `incomplete: ${n} case${n === 1 ? '' : 's'} of report.json ${n === 1 ? 'has' : 'have'} no transcript: ${missing.slice(0, MAX_NAMED).join(', ')}${more}` });
  }
  const wanted = new Set(expected);
  for (const path of [...listed].filter((p) => p.startsWith(TRANSCRIPTS) && !wanted.has(p)).sort()) {
    out.push(inconsistent(path, 'a transcript, but no case of report.json has this name'));
  }
  return out;
}

/** The parsed report, or what is wrong with it (one line): it must satisfy the report schema. */
function readReport(file: string): ParsedReport | string {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  const checked = validateJsonReportSync(doc);
  if (!checked.valid) {
    const more = checked.errors.length > 3 ? ` and ${checked.errors.length - 3} more` : '';
    return `not a pos-accredit report (the report schema says: ${checked.errors.slice(0, 3).join('; ')}${more})`;
  }
  // Copied field by field so nothing else rides along; an older report read as this version writes it.
  const r = upgradeReport(checked.report);
  const by = r.counts.byStatus;
  const summary: ReportSummary = {
    file: REPORT_FILE_NAME,
    verdict: r.verdict,
    counts: { total: r.counts.total, byStatus: { pass: by.pass, fail: by.fail, warn: by.warn, skip: by.skip, error: by.error, blocked: by.blocked, manual: by.manual } },
    target: { baseUrl: r.target.baseUrl, venue: r.target.venue, embedded: r.target.embedded },
    contract: { version: r.contract.version, file: r.contract.file },
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    ...(r.aborted ? { aborted: { code: r.aborted.code, message: r.aborted.message } } : {}),
    options: { tags: r.options.tags, ids: r.options.ids, strict: r.options.strict },
  };
  return { summary, cases: r.cases.map((c) => ({ id: c.id, status: c.status })), report: r };
}

/**
 * The counts by level, blocking failures and verdict recomputed from the report's own cases: a report
 * whose verdict contradicts its cases is named, field by field (hints need run statistics the
 * report does not keep, so they are not compared).
 */
function selfProblems(report: JsonReport): VerifyProblem[] {
  const again = summarize(report.cases, report.aborted);
  const out: VerifyProblem[] = [];
  // counts.total and counts.byStatus: countProblems.
  const fields = [...LEVELS.flatMap((l) => CASE_STATUSES.map((s) => `counts.byLevel.${l}.${s}`))];
  for (const field of fields) {
    const said = at(report, field);
    const computed = at(again, field);
    if (said !== computed) out.push(inconsistent(REPORT_FILE_NAME, `${field} is ${show(said)}, but its cases give ${show(computed)}`));
  }
  // The same entries, whatever their order: the order is how a version presents them (roots first since format 3).
  const saidBlocking = report.blocking.map((b) => b.id).sort();
  const blocking = again.blocking.map((b) => b.id).sort();
  if (JSON.stringify(saidBlocking) !== JSON.stringify(blocking)) out.push(inconsistent(REPORT_FILE_NAME, `blocking lists ${show(saidBlocking)}, but its cases give ${show(blocking)}`));
  if (report.verdict !== again.verdict) out.push(inconsistent(REPORT_FILE_NAME, `verdict is ${show(report.verdict)}, but its cases give ${show(again.verdict)}`));
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
