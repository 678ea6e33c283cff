import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createJsonReporter } from '../../src/report/json-reporter.js';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  REPORT_SCHEMA_ID,
  loadReportSchema,
  toJsonReport,
} from '../../src/report/report-document.js';
import { readJsonReport, validateJsonReport } from '../../src/report/read-report.js';
import type { ReporterContext } from '../../src/report/reporter.js';
import { PassThrough } from 'node:stream';
import { caseResult, runResult } from '../helpers/sample-results.js';
import { blockedRun } from '../helpers/blocked-results.js';

let validate: ValidateFunction;
const dirs: string[] = [];

beforeAll(async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  validate = ajv.compile(await loadReportSchema());
});

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pos-accredit-report-'));
  dirs.push(dir);
  return dir;
}

function context(outDir: string): ReporterContext {
  return { outDir, stream: new PassThrough(), color: false, isTTY: false, quiet: false, verbose: false };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('json reporter', () => {
  it('writes <outDir>/report.json (creating the folder) and returns its path', async () => {
    const outDir = join(await tempDir(), 'nested', 'run-1');
    const paths = await createJsonReporter(context(outDir)).onRunEnd?.(runResult());
    expect(paths).toEqual([join(outDir, 'report.json')]);
    // Atomic write: no temporary file left behind.
    expect(await readdir(outDir)).toEqual(['report.json']);
  });

  it('writes a pretty-printed document that starts with $schema, format and formatVersion', async () => {
    const outDir = await tempDir();
    const result = runResult();
    await createJsonReporter(context(outDir)).onRunEnd?.(result);
    const text = await readFile(join(outDir, 'report.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe(`  "$schema": "${REPORT_SCHEMA_ID}",`);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 4)).toEqual(['$schema', 'format', 'formatVersion', 'tool']);
    expect(doc.format).toBe(REPORT_FORMAT);
    expect(doc.formatVersion).toBe(REPORT_FORMAT_VERSION);
    expect(doc).toEqual(clone({ $schema: REPORT_SCHEMA_ID, format: REPORT_FORMAT, formatVersion: 3, ...result }));
  });

  it('writes a report that validates against docs/schemas/report.schema.json', async () => {
    const outDir = await tempDir();
    await createJsonReporter(context(outDir)).onRunEnd?.(runResult());
    const doc: unknown = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8'));
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(await validateJsonReport(doc)).toMatchObject({ valid: true });
  });

  it('validates a run with blocked checks: the status, blockedBy on cases, blockedBy and blocks in blocking', () => {
    const doc = clone(toJsonReport(blockedRun()));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.blocking[0]).toMatchObject({ id: 'TABLES-LIST', blocks: 41 });
    expect(doc.blocking.at(-1)).toMatchObject({ status: 'blocked', blockedBy: ['TABLES-LIST', 'CB-CLOSE'] });
  });

  it('validates a passing and an aborted run too', () => {
    const passing = toJsonReport(runResult([caseResult('ORD-CREATE-MIN', 'pass')]));
    expect(validate(clone(passing)), JSON.stringify(validate.errors)).toBe(true);
    const aborted = toJsonReport(runResult([], { verdict: 'fail', aborted: { code: 'INTERRUPTED', message: 'SIGINT' } }));
    expect(validate(clone(aborted)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('overwrites an existing report', async () => {
    const outDir = await tempDir();
    const reporter = createJsonReporter(context(outDir));
    await reporter.onRunEnd?.(runResult());
    await reporter.onRunEnd?.(runResult([caseResult('ONLY', 'pass')]));
    const doc = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as { cases: Array<{ id: string }> };
    expect(doc.cases.map((c) => c.id)).toEqual(['ONLY']);
  });
});

describe('report schema rejects broken reports', () => {
  const good = (): Record<string, any> => clone(toJsonReport(runResult())) as Record<string, any>;

  it('accepts the unbroken sample (so the cases below fail for the reason they name)', () => {
    expect(validate(good()), JSON.stringify(validate.errors)).toBe(true);
  });

  const broken: Array<[string, (doc: Record<string, any>) => void, string]> = [
    ['a missing verdict', (d) => delete d.verdict, ''],
    ['an unknown case status', (d) => (d.cases[0].status = 'flaky'), '/cases/0/status'],
    ['an unknown level', (d) => (d.cases[0].level = 'could'), '/cases/0/level'],
    ['an unknown top-level field', (d) => (d.extra = true), ''],
    ['an unknown field in an exchange', (d) => (d.cases[0].steps[0].exchanges[0].cookies = []), '/cases/0/steps/0/exchanges/0'],
    ['a position without a line', (d) => delete d.blocking[0].pos.line, '/blocking/0/pos'],
    ['a 0-based column', (d) => (d.cases[0].pos.col = 0), '/cases/0/pos/col'],
    ['a timestamp that is not date-time', (d) => (d.startedAt = 'yesterday'), '/startedAt'],
    ['a missing level in counts.byLevel', (d) => delete d.counts.byLevel.may, '/counts/byLevel'],
    ['a wrong formatVersion', (d) => (d.formatVersion = 4), '/formatVersion'],
    ['a version-3 report without a blocked count', (d) => delete d.counts.byStatus.blocked, '/counts/byStatus'],
    ['a version-3 report without a blocked count for a level', (d) => delete d.counts.byLevel.should.blocked, '/counts/byLevel/should'],
    ['an empty blockedBy on a case', (d) => (d.cases[0].blockedBy = []), '/cases/0/blockedBy'],
    ['an unknown field in a blocking failure', (d) => (d.blocking[0].blockedFor = 1), '/blocking/0'],
    ['verdict pass with blocking failures', (d) => (d.verdict = 'pass'), '/blocking'],
  ];

  for (const [name, breakIt, path] of broken) {
    it(`rejects ${name}`, async () => {
      const doc = good();
      breakIt(doc);
      expect(validate(doc)).toBe(false);
      expect(validate.errors?.some((e) => e.instancePath === path)).toBe(true);
      const checked = await validateJsonReport(doc);
      expect(checked.valid).toBe(false);
    });
  }
});

describe('reading a report of an earlier version', () => {
  it('a version-1 report (0.1.0) is read with decidedBy and notRun filled in by the engine\'s rule', async () => {
    // Version 1 had neither field: strip them from a current report and write it as version 1.
    const current = toJsonReport(runResult());
    const v1 = clone({ ...current, formatVersion: 1, cases: current.cases.map(({ decidedBy: _d, notRun: _n, ...c }) => c) });
    const notRunAborted = { ...v1.cases[0]!, id: 'LATE', status: 'skip' as const, reason: 'not run: interrupted before the run finished (Ctrl-C)', steps: [] };
    v1.cases.push(notRunAborted);
    const dir = await tempDir();
    const file = join(dir, 'report.json');
    await writeFile(file, JSON.stringify(v1));
    const read = await readJsonReport(file);
    expect(read.formatVersion).toBe(REPORT_FORMAT_VERSION);
    const byId = new Map(read.cases.map((c) => [c.id, c]));
    expect(byId.get('ORD-CREATE-FULL')?.decidedBy).toEqual({ phase: 'steps', step: 0, assertion: 1 });
    expect(byId.get('ORD-LIST-SHAPE')?.decidedBy).toEqual({ phase: 'steps', step: 0, assertion: 0 });
    expect(byId.get('CB-CLOSE')?.decidedBy).toEqual({ phase: 'steps', step: 0 });
    expect(byId.get('ORD-PREORDER')?.notRun).toBe('plan');
    expect(byId.get('LATE')?.notRun).toBe('aborted');
    expect(byId.get('ORD-CREATE-MIN')?.decidedBy).toBeUndefined();
    // Exactly what the run would have recorded itself.
    for (const c of current.cases) expect(byId.get(c.id)?.decidedBy).toEqual(c.decidedBy);
  });
});

describe('reading a version-2 report (before blocked)', () => {
  /** A current report as version 2 wrote it: no `blocked` count anywhere. */
  function asVersion2(result = runResult()): Record<string, any> {
    const v2 = clone(toJsonReport(result)) as Record<string, any>;
    v2.formatVersion = 2;
    delete v2.counts.byStatus.blocked;
    for (const level of ['must', 'should', 'may']) delete v2.counts.byLevel[level].blocked;
    return v2;
  }

  it('is valid as written, and is read as version 3 with every blocked count 0', async () => {
    const v2 = asVersion2();
    expect(validate(v2), JSON.stringify(validate.errors)).toBe(true);
    const file = join(await tempDir(), 'report.json');
    await writeFile(file, JSON.stringify(v2));
    const read = await readJsonReport(file);
    expect(read.formatVersion).toBe(3);
    expect(read.counts.byStatus).toEqual({ pass: 1, fail: 1, warn: 1, skip: 1, error: 1, blocked: 0, manual: 1 });
    expect(Object.keys(read.counts.byStatus)).toEqual(['pass', 'fail', 'warn', 'skip', 'error', 'blocked', 'manual']);
    for (const level of ['must', 'should', 'may'] as const) expect(read.counts.byLevel[level].blocked).toBe(0);
    // Nothing else changes: the cases are read as written (version 2 had decidedBy and notRun).
    expect(read.cases).toEqual(v2.cases);
    expect({ ...read, counts: undefined, formatVersion: 2 }).toEqual({ ...v2, counts: undefined });
  });

  it('a version-1 report gets blocked counts too', async () => {
    const v1 = asVersion2();
    v1.formatVersion = 1;
    const file = join(await tempDir(), 'report.json');
    await writeFile(file, JSON.stringify(v1));
    const read = await readJsonReport(file);
    expect(read.formatVersion).toBe(3);
    expect(read.counts.byLevel.may).toEqual({ pass: 0, fail: 0, warn: 0, skip: 1, error: 0, blocked: 0, manual: 1 });
  });

  it('a version-2 report keeps its own decidedBy: the version-1 step is not applied to it', async () => {
    const v2 = asVersion2();
    // A decision the engine's rule would not make from these steps: kept, because version 2 recorded it.
    v2.cases[1].decidedBy = { phase: 'steps', step: 0, assertion: 0 };
    const file = join(await tempDir(), 'report.json');
    await writeFile(file, JSON.stringify(v2));
    expect((await readJsonReport(file)).cases[1]!.decidedBy).toEqual({ phase: 'steps', step: 0, assertion: 0 });
  });

  it('a current report is read back unchanged', async () => {
    const current = clone(toJsonReport(blockedRun()));
    const file = join(await tempDir(), 'report.json');
    await writeFile(file, JSON.stringify(current));
    expect(await readJsonReport(file)).toEqual(current);
  });
});
