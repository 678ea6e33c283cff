// suites/checks.yaml: the contract's 88 checks, and the loader's positioned errors.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckList } from '../../src/coverage/check-list.js';
import { LoadError } from '../../src/core/diagnostic.js';
import { BUILTIN_SUITES_DIR } from '../../src/suite/load-suites.js';
import { tempDir } from '../helpers/cli.js';

const SECTION_OF = (n: number): string => (n <= 12 ? '8.1' : n <= 18 ? '8.2' : n <= 38 ? '8.3' : n <= 51 ? '8.4' : n <= 57 ? '8.5' : n <= 76 ? '8.6' : n <= 84 ? '8.7' : '8.8');

describe('suites/checks.yaml', () => {
  const list = loadCheckList(join(BUILTIN_SUITES_DIR, 'checks.yaml'), 'suites/checks.yaml');

  it('lists exactly the 88 checks of §8, 8.1/1 … 8.8/88, in order', () => {
    expect(list.checks).toHaveLength(88);
    expect(list.checks.map((c) => c.id)).toEqual(Array.from({ length: 88 }, (_, i) => `${SECTION_OF(i + 1)}/${i + 1}`));
    expect(list.sections.map((s) => s.id)).toEqual(['8.1', '8.2', '8.3', '8.4', '8.5', '8.6', '8.7', '8.8']);
  });

  it('gives every manual check a confirm sentence, and makes all of §8.8 manual', () => {
    for (const c of list.checks.filter((k) => k.testable === 'manual')) expect(c.confirm, c.id).toMatch(/\S/);
    expect(list.checks.filter((c) => c.section === '8.8').every((c) => c.testable === 'manual')).toBe(true);
  });

  it('keeps the levels §8 gives', () => {
    const level = (id: string) => list.checks.find((c) => c.id === id)?.level;
    expect([level('8.1/1'), level('8.1/5'), level('8.1/7'), level('8.3/24'), level('8.4/41')]).toEqual(['must', 'should', 'may', 'must', 'should']);
    expect(list.checks.find((c) => c.id === '8.4/41')?.inferred).toBe(true);
  });
});

describe('loadCheckList', () => {
  const write = (text: string): string => {
    const file = join(tempDir('pos-accredit-checks-'), 'checks.yaml');
    writeFileSync(file, text);
    return file;
  };
  const diagnostics = (file: string) => {
    try {
      loadCheckList(file, 'checks.yaml');
    } catch (err) {
      if (err instanceof LoadError) return err.diagnostics;
      throw err;
    }
    throw new Error('expected a LoadError');
  };
  const head = 'contract: c\nsections:\n  - { id: "8.1", title: T }\nchecks:\n';

  it('reports a bad level with its file:line:col', () => {
    const [d, ...rest] = diagnostics(write(`${head}  - id: "8.1/1"\n    level: mustt\n    title: t\n    source: s\n    testable: machine\n`));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'bad-value', pos: { file: 'checks.yaml', line: 6, col: 12 }, hint: 'did you mean "must"?' });
  });

  it('requires confirm on a manual check, once, at the check', () => {
    const found = diagnostics(write(`${head}  - id: "8.1/1"\n    level: must\n    title: t\n    source: s\n    testable: manual\n`));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'missing-key', message: 'missing required key "confirm"', pos: { line: 5 } });
  });

  it('refuses duplicate ids and ids outside the listed sections', () => {
    const entry = (id: string) => `  - id: "${id}"\n    level: must\n    title: t\n    source: s\n    testable: machine\n`;
    const found = diagnostics(write(`${head}${entry('8.1/1')}${entry('8.1/1')}${entry('8.2/3')}`));
    expect(found.map((d) => [d.code, d.pos.line])).toEqual([['duplicate-id', 10], ['unknown-section', 15]]);
  });
});
