// The load stage: suites, their schemas and the contract profile, or every problem at once.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaRegistry } from './schema-registry.js';
import { contractCapabilities } from '../contract/capabilities.js';
import { loadContract } from '../contract/contract.js';
import { type Contract } from '../contract/types.js';
import { LoadError, type Diagnostic } from '../core/diagnostic.js';
import { loadSuite } from './load-suite.js';
import { checkPrerequisites, orderSuites } from './prerequisites.js';
import type { Suite } from './types.js';
import { RUN_VARIABLES } from './run-variables.js';

export { RUN_VARIABLES } from './run-variables.js';

/** YAML files beside the suites that are not suites: the contract profile and the check list. */
const SUPPORT_FILES = new Set(['contract.yaml', 'checks.yaml']);

export const BUILTIN_SUITES_DIR = fileURLToPath(new URL('../../suites', import.meta.url));

export interface LoadedSuites {
  suites: Suite[];
  contract: Contract;
  schemas: SchemaRegistry;
}

export interface LoadOptions {
  /** Suite files or folders; the built-in suites when empty. */
  paths: string[];
  cwd?: string;
}

export function loadSuites({ paths, cwd = process.cwd() }: LoadOptions): LoadedSuites {
  const files = resolveSuiteFiles(paths.length ? paths.map((p) => resolve(cwd, p)) : [BUILTIN_SUITES_DIR]);
  const display = (file: string): string => {
    const rel = relative(cwd, file);
    return rel.startsWith('..') ? file : rel;
  };
  // Schemas and contract sit beside the suites (suites/schemas, suites/contract.yaml).
  const home = supportHome(files);
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    // Nothing else is worth saying about a suite that is not there.
    throw new LoadError(missing.map((f) => ({ code: 'file-unreadable', message: `cannot read ${display(f)}: no such file or folder`, pos: { file: display(f), line: 1, col: 1 } })));
  }
  const diagnostics: Diagnostic[] = [];
  const schemaDir = join(home, 'schemas');
  const contractFile = join(home, 'contract.yaml');
  if (!existsSync(schemaDir) || !existsSync(contractFile)) {
    const lacking = [!existsSync(schemaDir) && 'schemas/', !existsSync(contractFile) && 'contract.yaml'].filter(Boolean).join(' and ');
    throw new LoadError([{
      code: 'missing-support-files', message: `${display(home) || '.'} has no ${lacking} beside its suites`, pos: { file: display(files[0] ?? home), line: 1, col: 1 },
      hint: `suites look up schemas/ and contract.yaml in their own folder: copy them from ${BUILTIN_SUITES_DIR}`,
    }]);
  }
  const schemas = new SchemaRegistry(schemaDir);
  for (const problem of schemas.loadAll()) {
    diagnostics.push({ code: 'bad-schema', message: problem.message, pos: { file: display(problem.file), line: 1, col: 1 } });
  }
  let contract: Contract | undefined;
  try {
    contract = loadContract(contractFile, display(contractFile));
  } catch (err) {
    if (!(err instanceof LoadError)) throw err;
    diagnostics.push(...err.diagnostics);
  }
  const suites: Suite[] = [];
  // `requires:` may name only the contract's capabilities (unchecked when the contract is broken).
  const capabilities = contract ? contractCapabilities(contract).map((c) => c.name) : undefined;
  const inferred = contract ? Object.entries(contract.sections).flatMap(([section, entries]) => Object.entries(entries).filter(([, e]) => e.basis === 'inferred').map(([key]) => `${section}.${key}`)) : undefined;
  for (const file of files) {
    try {
      suites.push(loadSuite(file, display(file), { schemas, runVariables: RUN_VARIABLES, capabilities, ...(inferred ? { inferred } : {}) }));
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      diagnostics.push(...err.diagnostics);
    }
  }
  diagnostics.push(...duplicateIds(suites), ...checkPrerequisites(suites));
  // Prerequisites run first: a suite follows the suites its cases rest on.
  const ordered = orderSuites(suites);
  if (ordered.cycle) diagnostics.push(ordered.cycle);
  if (files.length === 0) diagnostics.push({ code: 'no-suites', message: `no suite files (*.yaml) in ${paths.join(', ')}`, pos: { file: paths[0] ?? '.', line: 1, col: 1 } });
  if (diagnostics.length > 0 || !contract) throw new LoadError(diagnostics);
  return { suites: ordered.suites, contract, schemas };
}

/** Where the contract profile and schemas of these suite files are: beside the first of them. */
function supportHome(files: string[]): string {
  return files.length ? dirname(files[0]!) : BUILTIN_SUITES_DIR;
}

/** The contract profile that goes with the suites given (`run [suites…]`), without loading them. */
export function contractFileFor(paths: string[], cwd = process.cwd()): string {
  const files = resolveSuiteFiles(paths.length ? paths.map((p) => resolve(cwd, p)) : [BUILTIN_SUITES_DIR]);
  return join(supportHome(files), 'contract.yaml');
}

function resolveSuiteFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      files.push(path); // reported as missing, with its name
      continue;
    }
    if (!isDir) files.push(path);
    else files.push(...readdirSync(path).filter((f) => /\.ya?ml$/.test(f) && !SUPPORT_FILES.has(basename(f))).sort().map((f) => join(path, f)));
  }
  return files;
}

function duplicateIds(suites: Suite[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const c of suites.flatMap((s) => s.cases)) {
    const first = seen.get(c.id);
    if (first) out.push({ code: 'duplicate-id', message: `case id ${c.id} is already used at ${first}`, pos: c.pos, length: c.id.length + 4, hint: 'case ids must be unique across all suites' });
    else seen.set(c.id, `${c.pos.file}:${c.pos.line}:${c.pos.col}`);
  }
  return out;
}
