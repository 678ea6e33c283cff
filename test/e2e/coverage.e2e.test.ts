// `pos-accredit coverage` and `docs checks` through the real binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, suiteWorkspace, tempDir } from '../helpers/cli.js';

interface CoverageJson {
  checks: { id: string; level: string; inferred: boolean; testable: string; title: string; cases: string[] }[];
  uncovered: string[];
  unknownReferences: { caseId: string; ref: string }[];
  totals: { checks: number; machine: number; machineCovered: number; manual: number; uncovered: number };
}

describe('pos-accredit coverage', () => {
  it('--json is valid JSON naming every check of §8 with the cases that cover it; exit 0', async () => {
    const run = await runCli(['coverage', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as CoverageJson;
    expect(json.checks.map((c) => c.id)).toHaveLength(88);
    expect(new Set(json.checks.map((c) => c.id)).size).toBe(88);
    expect(json.checks.find((c) => c.id === '8.3/19')).toMatchObject({ level: 'must', testable: 'machine', cases: expect.arrayContaining(['ORD-CREATE-MIN']) });
    expect(json.totals.checks).toBe(88);
    expect(json.totals.machine + json.totals.manual).toBe(88);
    expect(json.uncovered).toHaveLength(json.totals.uncovered);
    expect(json.unknownReferences).toEqual([]);
  });

  it('prints sections, totals and a warning for a spec reference that names no check', async () => {
    const dir = suiteWorkspace();
    writeFileSync(join(dir, 'one.yaml'), [
      'suite: one',
      'title: One',
      'cases:',
      '  - id: ONE',
      '    title: one',
      '    level: must',
      '    basis: documented',
      '    spec: ["8.2/13", "8.3/99"]',
      '    steps:',
      '      - request: { method: GET, path: "/venue/{{ venue }}/tables" }',
      '        expect: { status: 200 }',
      '',
    ].join('\n'));
    const run = await runCli(['coverage', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/8\.2\/13 +MUST +covered by ONE/);
    expect(run.stdout).toMatch(/8\.3\/19 +MUST +— NOT COVERED/);
    expect(run.stdout).toMatch(/warning: .*one\.yaml:4:5: case ONE cites 8\.3\/99/);
    expect(run.stdout).toContain('machine-testable: 1 of 80 covered; manual: 8');
  });

  it('a broken suite is a load error (exit 2)', async () => {
    const dir = suiteWorkspace();
    writeFileSync(join(dir, 'bad.yaml'), 'suite: bad\ntitle: Bad\ncases: nope\n');
    const run = await runCli(['coverage', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.yaml:3');
  });
});

describe('pos-accredit docs checks', () => {
  it('--out writes the committed docs/checks.md byte for byte', async () => {
    const out = join(tempDir(), 'checks.md');
    const run = await runCli(['docs', 'checks', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('docs/checks.md', 'utf8'));
  });

  it('an unknown page is a usage error', async () => {
    const run = await runCli(['docs', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown page "nope"');
  });
});
