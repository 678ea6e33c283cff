// The contract's check list (suites/checks.yaml): every derived conformance check of §8 as data,
// validated against docs/schemas/checks.schema.json with positions kept for error messages.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoadError, type Diagnostic } from '../core/diagnostic.js';
import { validateAgainstFormat } from '../source/format-schema.js';
import { BUILTIN_SUITES_DIR } from '../suite/load-suites.js';
import type { Suite } from '../suite/types.js';
import type { SourcePos } from '../core/words/position.js';
import type { Level } from '../core/results.js';
import { readYamlFile } from '../source/yaml-source.js';

const SCHEMA = fileURLToPath(new URL('../../docs/schemas/checks.schema.json', import.meta.url));
export const CHECKS_FILE_NAME = 'checks.yaml';

export type Testable = 'machine' | 'manual';

export interface Check {
  /** "8.3/19": section and number, as the suites cite it in `spec:`. */
  id: string;
  /** "8.3" */
  section: string;
  /** 19 */
  number: number;
  level: Level;
  inferred: boolean;
  title: string;
  source: string;
  testable: Testable;
  note?: string;
  /** For manual checks: what a reviewer must confirm. */
  confirm?: string;
  pos: SourcePos;
}

export interface CheckSection {
  id: string;
  title: string;
}

export interface CheckList {
  contract: string;
  document?: string;
  /** Display name of the file the list came from. */
  file: string;
  sections: CheckSection[];
  checks: Check[];
}

interface RawCheck {
  id: string;
  level: Level;
  inferred?: boolean;
  title: string;
  source: string;
  testable: Testable;
  note?: string;
  confirm?: string;
}

interface RawList {
  contract: string;
  document?: string;
  sections: CheckSection[];
  checks: RawCheck[];
}

/**
 * The check list that goes with a set of suites: checks.yaml beside them (as contract.yaml is),
 * or the built-in one when their folder has none — the checks belong to the contract, not to a
 * suite folder.
 */
export function checksFileFor(suites: readonly Suite[], cwd = process.cwd()): string {
  const first = suites[0];
  const home = first ? dirname(resolve(cwd, first.file)) : BUILTIN_SUITES_DIR;
  const beside = join(home, CHECKS_FILE_NAME);
  return existsSync(beside) ? beside : join(BUILTIN_SUITES_DIR, CHECKS_FILE_NAME);
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') || rel === '' ? file : rel;
}

/** Reads, validates and types a check list; every problem is thrown at once as a LoadError (exit 2). */
export function loadCheckList(file: string, displayName = file): CheckList {
  const source = readYamlFile(file, displayName);
  const problems = validateAgainstFormat(source, SCHEMA, 'check list')
    // The schema's if/then ("manual needs confirm") also reports a generic "must match then"; the
    // missing-key diagnostic at the same place says it better.
    .filter((d) => !(d.code === 'invalid' && /must match "then" schema/.test(d.message)));
  if (problems.length > 0) throw new LoadError(problems);
  const raw = source.data as RawList;
  const diagnostics: Diagnostic[] = [];
  const sectionIds = new Set(raw.sections.map((s) => s.id));
  const seen = new Map<string, string>();
  const checks = raw.checks.map((c, i): Check => {
    const pos = source.pos(['checks', i, 'id']);
    const [section = '', number = ''] = c.id.split('/');
    const where = `${pos.file}:${pos.line}:${pos.col}`;
    const first = seen.get(c.id);
    if (first) diagnostics.push({ code: 'duplicate-id', message: `check ${c.id} is already listed at ${first}`, pos, length: source.length(['checks', i, 'id']), hint: 'each check of §8 appears once' });
    else seen.set(c.id, where);
    if (!sectionIds.has(section)) {
      diagnostics.push({ code: 'unknown-section', message: `check ${c.id} is in section ${section}, which "sections" does not list`, pos, length: source.length(['checks', i, 'id']), hint: `sections: ${[...sectionIds].join(', ')}` });
    }
    return {
      id: c.id, section, number: Number(number), level: c.level, inferred: c.inferred ?? false, title: c.title, source: c.source, testable: c.testable,
      ...(c.note !== undefined ? { note: c.note.trim() } : {}),
      ...(c.confirm !== undefined ? { confirm: c.confirm.trim() } : {}),
      pos,
    };
  });
  if (diagnostics.length > 0) throw new LoadError(diagnostics);
  return { contract: raw.contract, ...(raw.document !== undefined ? { document: raw.document } : {}), file: displayName, sections: raw.sections, checks };
}
