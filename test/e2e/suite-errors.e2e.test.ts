// A broken suite stops before anything runs: exit 2, a compiler-style error with file:line:col,
// the offending line, a caret under the spot, and a hint. Never a stack trace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, suiteWorkspace } from '../helpers/cli.js';

const GOOD = `suite: demo
title: Demo
cases:
  - id: DEMO-TABLES
    title: tables answer 200
    level: must
    basis: documented
    spec: ["8.2/13"]
    steps:
      - request: { method: GET, path: "/venue/{{ venue }}/tables" }
        expect:
          status: 200
          schema: tables.json
`;

async function validate(yaml: string): Promise<{ code: number | null; stderr: string; file: string }> {
  const dir = suiteWorkspace();
  const file = join(dir, 'demo.yaml');
  writeFileSync(file, yaml);
  const run = await runCli(['validate', file]);
  return { code: run.code, stderr: run.stderr, file };
}

describe('suite errors', () => {
  it('the unbroken suite validates', async () => {
    const dir = suiteWorkspace();
    writeFileSync(join(dir, 'demo.yaml'), GOOD);
    const run = await runCli(['validate', join(dir, 'demo.yaml')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a typo in a key: position of the key, caret, did-you-mean', async () => {
    const { code, stderr, file } = await validate(GOOD.replace('        expect:', '        expcet:'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:11:9`);
    expect(stderr).toContain('unknown key "expcet"');
    expect(stderr).toContain('11 |         expcet:');
    expect(stderr).toMatch(/\n\s+\|\s{9}\^{6}\n/);
    expect(stderr).toContain('did you mean "expect"?');
  });

  it('a bad indent: a YAML syntax error at its line', async () => {
    const { code, stderr, file } = await validate(GOOD.replace('    level: must', '   level: must'));
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:\\d+`));
    expect(stderr).toContain('error[yaml-syntax]');
    expect(stderr).toContain('^');
  });

  it('an unknown schema reference: names the schema and lists the available ones', async () => {
    const { code, stderr, file } = await validate(GOOD.replace('schema: tables.json', 'schema: tabels.json'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:13:19`);
    expect(stderr).toContain('unknown schema "tabels.json"');
    expect(stderr).toContain('tables.json');
  });

  it('an undefined variable: the caret under the placeholder', async () => {
    const { code, stderr, file } = await validate(GOOD.replace('{{ venue }}', '{{ venu }}'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:10:47`);
    expect(stderr).toContain('undefined variable "venu"');
    expect(stderr).toContain('did you mean "venue"?');
    expect(stderr).toMatch(/\^{10}/);
  });

  it('a wrong type and a bad enum value are both reported in one go', async () => {
    const { code, stderr } = await validate(GOOD.replace('level: must', 'level: mustt').replace('spec: ["8.2/13"]', 'spec: 8.2/13'));
    expect(code).toBe(2);
    expect(stderr).toContain('"level" must be one of must, should, may');
    expect(stderr).toContain('did you mean "must"?');
    expect(stderr).toContain('"spec" must be array');
    expect(stderr).toContain('2 problems found');
  });

  it('run with a broken suite runs nothing and exits 2 without a stack trace', async () => {
    const dir = suiteWorkspace();
    writeFileSync(join(dir, 'demo.yaml'), GOOD.replace('        expect:', '        expcet:'));
    const run = await runCli(['run', join(dir, 'demo.yaml'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nothing was run');
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  it('a missing suite file is reported by name', async () => {
    const run = await runCli(['validate', 'suites/does-not-exist.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read suites/does-not-exist.yaml: no such file or folder');
  });
});

describe('suite errors found before running', () => {
  it('a bad regular expression and a bad JSONPath are load errors (exit 2), not POS failures', async () => {
    const { code, stderr, file } = await validate(GOOD.replace('          schema: tables.json', '          schema: tables.json\n          body:\n            - { path: "$[[0", eq: 1 }\n            - { path: "$[0].name", matches: "([" }'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:15:23`);
    expect(stderr).toContain('error[bad-jsonpath]: invalid JSONPath "$[[0"');
    expect(stderr).toContain(`${file}:16:45`);
    expect(stderr).toContain('error[bad-regex]: Invalid regular expression: /([/');
  });

  it('a copied suite without schemas/ and contract.yaml beside it gets one clear error', async () => {
    const dir = suiteWorkspace();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'alone'));
    writeFileSync(join(dir, 'alone', 'demo.yaml'), GOOD);
    const run = await runCli(['validate', join(dir, 'alone', 'demo.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[missing-support-files]');
    expect(run.stderr).toContain('has no schemas/ and contract.yaml beside its suites');
    expect(run.stderr).toContain('1 problem found');
  });

  it('an unknown schema gets a did-you-mean', async () => {
    const { stderr } = await validate(GOOD.replace('schema: tables.json', 'schema: table.json'));
    expect(stderr).toContain('did you mean "tables.json"?');
  });
});
