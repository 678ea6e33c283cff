// `report` rebuilds formats from a saved report.json; `compare` lists what changed between two.
// Both read real reports written by real runs of the CLI.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

let good: string;
beforeAll(async () => {
  const out = tempDir();
  const run = await runCli(['run', '--quiet', '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  good = join(out, 'report.json');
}, 60_000);

describe('pos-accredit report', () => {
  it('rebuilds JUnit, HTML, Markdown and HAR from report.json, into --out, without running anything', async () => {
    const out = tempDir();
    const run = await runCli(['report', good, '--reporter', 'junit,html', '--reporter', 'markdown,har', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    for (const file of ['junit.xml', 'report.html', 'summary.md', 'report.har']) expect(existsSync(join(out, file)), file).toBe(true);
    expect(run.stderr).toContain(`wrote ${join(out, 'junit.xml')}`);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('✅ PASS');
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });

  it("takes a run's folder for its report.json", async () => {
    const out = tempDir();
    const run = await runCli(['report', dirname(good), '--reporter', 'markdown', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, 'summary.md'))).toBe(true);
  });

  it('without --out writes into the folder of the report (a folder given stands for its report.json); never into a bundle', async () => {
    const copy = tempDir();
    cpSync(dirname(good), copy, { recursive: true });
    const run = await runCli(['report', copy, '--reporter', 'markdown']);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(copy, 'summary.md'))).toBe(true);
    writeFileSync(join(copy, 'manifest.json'), '{}');
    const sealed = await runCli(['report', join(copy, 'report.json'), '--reporter', 'html']);
    expect([sealed.code, sealed.stderr]).toEqual([2, expect.stringContaining('is an accreditation bundle')]);
    expect(existsSync(join(copy, 'report.html'))).toBe(false);
  });

  it('console replays the summary and verdict of the saved run', async () => {
    const run = await runCli(['report', good, '--reporter', 'console', '--no-color']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Verdict: PASS');
  });

  it('refuses a missing file, a file that is not a report, and an unknown format, with exit 2', async () => {
    const missing = await runCli(['report', join(tempDir(), 'nope.json'), '--reporter', 'html']);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('no such file')]);
    const notReport = join(tempDir(), 'x.json');
    writeFileSync(notReport, '{"hello": 1}');
    const invalid = await runCli(['report', notReport, '--reporter', 'html']);
    expect([invalid.code, invalid.stderr]).toEqual([2, expect.stringContaining('is not a valid pos-accredit report')]);
    const unknown = await runCli(['report', good, '--reporter', 'pdf']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown reporter "pdf"')]);
    for (const r of [missing, invalid, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('pos-accredit compare', () => {
  it('between a run and itself: nothing changed, exit 0', async () => {
    const run = await runCli(['compare', good, good]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 regressed, 0 fixed, 0 changed, 0 new, 0 no longer run, \d+ unchanged/);
  });

  it('against a run of a broken POS: regressions first, exit 1; the other way round they are fixes', async () => {
    // The same run with one MUST turned into a failure, as a later submission might be.
    const report = JSON.parse(readFileSync(good, 'utf8')) as { cases: { id: string; status: string; reason?: string }[] };
    const victim = report.cases.find((c) => c.id === 'ORD-LIST-ALL')!;
    victim.status = 'warn';
    victim.reason = 'list every order: /0 is missing required property "partySize"';
    const worse = join(tempDir(), 'report.json');
    writeFileSync(worse, JSON.stringify(report));
    const run = await runCli(['compare', good, worse]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[3]).toBe('Regressions (1)');
    expect(lines[4]).toMatch(/^ {2}ORD-LIST-ALL {2}\[must\] {2}pass → warn/);
    expect(lines[5]).toContain('missing required property "partySize"');
    const back = await runCli(['compare', worse, good, '--json']);
    expect(back.code).toBe(0);
    expect((JSON.parse(back.stdout) as { changes: { kind: string; id: string }[] }).changes).toEqual([expect.objectContaining({ kind: 'fixed', id: 'ORD-LIST-ALL' })]);
  });

  it('a full run against a filtered one is not comparable: exit 1 saying so, unless --allow-partial', async () => {
    // The same run, as if it had been filtered to one case: nothing regressed, but most cases were not run.
    const report = JSON.parse(readFileSync(good, 'utf8')) as { options: { ids: string[] }; cases: { id: string }[] };
    report.options.ids = ['TABLES-LIST'];
    report.cases = report.cases.filter((c) => c.id === 'TABLES-LIST');
    const filtered = join(tempDir(), 'report.json');
    writeFileSync(filtered, JSON.stringify(report));
    const run = await runCli(['compare', good, filtered]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/0 regressed, 0 fixed, 0 changed, 0 new, \d+ no longer run, 1 unchanged/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('NOT COMPARABLE: OLD is a full run, NEW is a filtered run (--id TABLES-LIST): not a full accreditation; pass --allow-partial to accept the comparison.');
    expect((await runCli(['compare', good, filtered, '--allow-partial'])).code).toBe(0);
    const json = await runCli(['compare', good, filtered, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ uneven: 'OLD is a full run, NEW is a filtered run (--id TABLES-LIST): not a full accreditation' });
  });
});
