// The files a run was planned from — suites, contract profile, check list, JSON Schemas, and the
// earlier report of a --recheck — read once right after loading, so the bundle holds the exact
// bytes the run used even if someone edits a suite while it runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { LoadedSuites } from '../suite/load-suites.js';
import type { InputRole } from './manifest.js';

export interface BundleInput {
  /** Path inside the bundle, under `inputs/`, `/`-separated. */
  path: string;
  role: InputRole;
  bytes: Buffer;
}

export interface CollectOptions {
  loaded: LoadedSuites;
  /** The folder the loader resolved relative suite paths against. */
  cwd: string;
  /** Absolute path of the earlier report.json a --recheck run reads. */
  recheck?: string;
}

/**
 * Files under the suites' folder (the one holding contract.yaml) keep their relative path under
 * `inputs/`; suites from elsewhere go to `inputs/external/`, the rechecked report to
 * `inputs/recheck/`.
 */
export function collectInputs({ loaded, cwd, recheck }: CollectOptions): BundleInput[] {
  const contractFile = resolve(cwd, loaded.contract.file);
  const home = dirname(contractFile);
  const sources: { file: string; role: InputRole }[] = [
    // The recheck suite is built from the earlier report, listed below with its own role.
    ...loaded.suites.map((s) => ({ file: resolve(cwd, s.file), role: 'suite' as const })).filter((s) => s.file !== recheck),
    { file: contractFile, role: 'contract' },
  ];
  const checks = join(home, 'checks.yaml');
  if (existsSync(checks)) sources.push({ file: checks, role: 'checks' });
  const schemaDir = resolve(cwd, loaded.schemas.dir);
  for (const name of readdirSync(schemaDir).filter((f) => f.endsWith('.json')).sort()) sources.push({ file: join(schemaDir, name), role: 'schema' });

  const taken = new Set<string>();
  const unique = (wanted: string): string => {
    let path = wanted;
    for (let n = 2; taken.has(path); n++) path = wanted.replace(/(\.[^./]*)?$/, (ext) => `-${n}${ext}`);
    taken.add(path);
    return path;
  };
  const seen = new Set<string>();
  const inputs: BundleInput[] = [];
  for (const { file, role } of sources) {
    if (seen.has(file)) continue;
    seen.add(file);
    const rel = relative(home, file);
    const inside = rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
    const path = unique(inside ? `inputs/${rel.split(sep).join('/')}` : `inputs/external/${basename(file)}`);
    inputs.push({ path, role, bytes: readFileSync(file) });
  }
  if (recheck) inputs.push({ path: unique(`inputs/recheck/${basename(recheck)}`), role: 'recheck', bytes: readFileSync(recheck) });
  return inputs;
}
