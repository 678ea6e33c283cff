// Every format written from one run tells the same story: the same cases, each with the same
// status, and the same counts. Each format is read back from the file the reporter wrote, the way
// its consumer would read it (XML attributes, DOM attributes, a Markdown table, HAR pages).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus, type RunResult, type StatusCounts } from '../../src/core/results.js';
import { junitOutcome } from '../../src/report/junit-reporter.js';
import { createReporters } from '../../src/report/registry.js';
import { accreditReferencePos } from '../helpers/accredit.js';
import { blockedRun } from '../helpers/blocked-results.js';
import { tempDir } from '../helpers/cli.js';

const FORMATS = ['json', 'junit', 'html', 'markdown', 'har'] as const;
const STATUSES: (keyof StatusCounts)[] = [...CASE_STATUSES];

async function writeAll(result: RunResult): Promise<Record<string, string>> {
  const outDir = tempDir('pos-accredit-agree-');
  const reporters = createReporters([...FORMATS], { outDir, stream: new PassThrough(), color: false, isTTY: false, quiet: true, verbose: false });
  for (const r of reporters) await r.onRunEnd?.(result);
  const read = (name: string): string => readFileSync(join(outDir, name), 'utf8');
  return { json: read('report.json'), junit: read('junit.xml'), html: read('report.html'), markdown: read('summary.md'), har: read('report.har') };
}

const unescapeXml = (s: string): string => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

interface JunitCase { id: string; suite: string; status: string; outcome: string }

function junitCases(xml: string): JunitCase[] {
  // Each <testcase …> up to its end, self-closing or not.
  const cases: JunitCase[] = [];
  for (const m of xml.matchAll(/<testcase ([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const attr = (name: string): string => unescapeXml(new RegExp(`\\b${name}="([^"]*)"`).exec(m[1]!)?.[1] ?? '');
    const body = m[3] ?? '';
    const outcome = /<failure\b/.test(body) ? 'failure' : /<error\b/.test(body) ? 'error' : /<skipped\b/.test(body) ? 'skipped' : 'passed';
    cases.push({ id: attr('name').split(' — ')[0]!, suite: attr('classname'), status: attr('status'), outcome });
  }
  return cases;
}

function junitTotals(xml: string): { tests: number; failures: number; errors: number; suiteSkipped: number; suiteTests: number } {
  const root = /<testsuites ([^>]*)>/.exec(xml)![1]!;
  const num = (name: string): number => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1]);
  const suites = [...xml.matchAll(/<testsuite ([^>]*)>/g)].map((m) => m[1]!);
  const sum = (name: string): number => suites.reduce((n, s) => n + Number(new RegExp(`\\b${name}="(\\d+)"`).exec(s)?.[1] ?? 0), 0);
  return { tests: num('tests'), failures: num('failures'), errors: num('errors'), suiteSkipped: sum('skipped'), suiteTests: sum('tests') };
}

function htmlStatuses(html: string): [string, string][] {
  return [...html.matchAll(/<section class="case [^"]*" id="case-([^"]+)"[^>]*data-status="([a-z]+)"/g)].map((m) => [m[1]!, m[2]!]);
}

/** The Markdown counts table: level → status → count. */
function markdownCounts(md: string): Record<string, Record<string, number>> {
  const lines = md.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| Level |'));
  const columns = lines[header]!.split('|').map((c) => c.trim()).filter(Boolean).slice(1);
  const out: Record<string, Record<string, number>> = {};
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [level, ...cells] = line.split('|').map((c) => c.trim()).filter(Boolean);
    out[level!.replace(/\*/g, '').toLowerCase()] = Object.fromEntries(columns.map((c, i) => [c, Number(cells[i])]));
  }
  return out;
}

/**
 * Every id the Markdown blocking table names: a row's own, or the ids in the second cell of a row
 * that tells the others with its reason (`… and N more`) or the checks a root blocks (`⊘ blocks N`).
 */
function markdownBlockingIds(md: string): string[] {
  const at = md.indexOf('### Blocking failures');
  if (at === -1) return [];
  const lines = md.slice(at).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  const rows = lines.slice(start + 2, end === -1 ? undefined : end);
  return rows.flatMap((r) => {
    const [first, second] = r.split('|').slice(1, 3).map((c) => c.trim());
    return first!.startsWith('…') || first!.startsWith('⊘') ? second!.split(', ') : [first!];
  });
}

function checkAgreement(result: RunResult, files: Record<string, string>): void {
  const ids = result.cases.map((c) => c.id);
  const status = new Map(result.cases.map((c) => [c.id, c.status]));

  // JSON: the canonical document round-trips.
  const json = JSON.parse(files.json!) as RunResult;
  expect(json.cases.map((c) => [c.id, c.status])).toEqual(result.cases.map((c) => [c.id, c.status]));
  expect(json.counts).toEqual(result.counts);
  expect(json.verdict).toBe(result.verdict);

  // JUnit: one testcase per case, in order, carrying its status and the documented outcome.
  const junit = junitCases(files.junit!);
  expect(junit.map((c) => c.id)).toEqual(ids);
  const blockingSkips = new Set(result.blocking.filter((b) => b.status === 'skip').map((b) => b.id));
  for (const c of result.cases) {
    const j = junit.find((x) => x.id === c.id)!;
    expect([j.suite, j.status, j.outcome], c.id).toEqual([c.suite, c.status, junitOutcome(c, blockingSkips)]);
  }
  const totals = junitTotals(files.junit!);
  expect(totals.tests).toBe(result.counts.total);
  expect(totals.suiteTests).toBe(result.counts.total);
  // CI goes red exactly for the blocking cases, a blocked one through its root (once).
  expect(totals.failures + totals.errors).toBe(result.blocking.filter((b) => b.status !== 'blocked').length);
  expect(totals.suiteSkipped).toBe(result.counts.byStatus.skip - blockingSkips.size + result.counts.byStatus.manual + result.counts.byStatus.blocked);

  // HTML: one case section per case, same status.
  expect(htmlStatuses(files.html!)).toEqual(result.cases.map((c) => [c.id, c.status]));
  expect(files.html!).toContain(result.verdict === 'pass' ? 'PASS' : 'FAIL');

  // Markdown: the counts table equals the counts; the blocking table lists the blocking cases.
  const md = markdownCounts(files.markdown!);
  for (const level of ['must', 'should', 'may'] as const) {
    for (const s of STATUSES) expect(md[level]![s] ?? 0, `${level} ${s}`).toBe(result.counts.byLevel[level][s]);
  }
  for (const s of STATUSES) expect(md.total![s] ?? 0, `total ${s}`).toBe(result.counts.byStatus[s]);
  expect(md.total!.total).toBe(result.counts.total);
  // Each cause once, the checks it blocked under it: the same ids as `blocking`, grouped.
  expect([...new Set(markdownBlockingIds(files.markdown!))].sort()).toEqual(result.blocking.map((b) => b.id).sort());
  expect(files.markdown!).toContain(result.verdict === 'pass' ? '✅ PASS' : '❌ FAIL');

  // HAR: one page per case, same order; every entry belongs to a listed page or to none.
  const har = JSON.parse(files.har!) as { log: { pages: { id: string }[]; entries: { pageref?: string }[] } };
  expect(har.log.pages.map((p) => p.id)).toEqual(ids);
  for (const e of har.log.entries) if (e.pageref) expect(ids).toContain(e.pageref);

  // And the statuses seen are the ones the run produced (the check above compared all of them).
  expect([...new Set(status.values())].sort()).toEqual([...new Set(result.cases.map((c) => c.status))].sort());
}

describe('every report format agrees with the run', () => {
  let broken: RunResult;
  let noDriver: RunResult;
  beforeAll(async () => {
    // Failures, warnings, capability skips and the reviewer's checklist in one run …
    broken = await accreditReferencePos({ faults: ['list-omits-party-size', 'create-returns-201', 'no-void-callback'], capabilities: [], review: true });
    // … and MUSTs that could not run (skipped for want of a driver: they block).
    noDriver = await accreditReferencePos({ noDriver: true, ids: ['LIFE-*', 'TABLES-LIST'] });
  }, 60_000);

  it('has a run with every kind of outcome to compare', () => {
    const seen = new Set<CaseStatus>([...broken.cases, ...noDriver.cases].map((c) => c.status));
    expect([...seen].sort()).toEqual(expect.arrayContaining(['fail', 'manual', 'pass', 'skip', 'warn']));
    expect(noDriver.blocking.some((b) => b.status === 'skip')).toBe(true);
  });

  it('a run with failures, warnings, skips and manual checks: same cases, statuses and counts in every format', async () => {
    checkAgreement(broken, await writeAll(broken));
  });

  it('a run whose MUSTs could not run: blocking skips fail in JUnit and head the Markdown table', async () => {
    checkAgreement(noDriver, await writeAll(noDriver));
  });

  it('a run whose prerequisites failed: blocked checks agree in every format, and only their roots are red in CI', async () => {
    const blocked = blockedRun();
    const files = await writeAll(blocked);
    checkAgreement(blocked, files);
    expect(markdownCounts(files.markdown!).total!.blocked).toBe(44);
    expect(junitTotals(files.junit!).failures + junitTotals(files.junit!).errors).toBe(2);
  });

  it('would notice a disagreement: a status changed in one format only is caught', async () => {
    const files = await writeAll(broken);
    const victim = broken.cases.find((c) => c.status === 'pass')!;
    const tampered = { ...files, html: files.html!.replace(`id="case-${victim.id}"`, `id="case-${victim.id}" data-x`).replace(new RegExp(`(id="case-${victim.id}"[^>]*data-status=")pass"`), '$1fail"') };
    expect(() => checkAgreement(broken, tampered)).toThrow();
  });
});
