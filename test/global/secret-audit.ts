// Global setup: opens the secret ledger; teardown: scans every artifact the tests left for every
// secret they used (see test/helpers/secret-ledger.ts). A leak fails the whole run, naming the file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { LEDGER_ENV } from '../helpers/secret-ledger.js';

/** Files a run writes: every report format and every bundle file but the copied inputs. */
const ARTIFACT_NAMES = new Set(['report.json', 'junit.xml', 'report.html', 'summary.md', 'report.har', 'manifest.json', 'manifest.sig', 'tool.json', 'config.json']);

export function isArtifact(path: string, root: string): boolean {
  const rel = relative(root, path).split(sep);
  if (rel.includes('inputs')) return false; // the suites a bundle records, as given
  return ARTIFACT_NAMES.has(basename(path)) || rel.includes('transcripts');
}

function filesBelow(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // removed by its test
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      return statSync(path).isDirectory() ? filesBelow(path) : [path];
    } catch {
      return [];
    }
  });
}

export interface Leak { file: string; secret: string }

/** Every artifact under `dirs` holding one of `secrets` (raw or URL-encoded). */
export function findLeaks(dirs: string[], secrets: string[]): { leaks: Leak[]; scanned: number } {
  const leaks: Leak[] = [];
  let scanned = 0;
  for (const dir of new Set(dirs)) {
    for (const file of filesBelow(dir).filter((f) => isArtifact(f, dir))) {
      scanned++;
      const text = readFileSync(file, 'utf8');
      for (const secret of secrets) {
        if (text.includes(secret) || text.includes(encodeURIComponent(secret))) leaks.push({ file, secret });
      }
    }
  }
  return { leaks, scanned };
}

function readLedger(dir: string, kind: 'secrets' | 'dirs'): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${kind}-`))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string));
}

export default function setup(): () => void {
  const ledger = mkdtempSync(join(tmpdir(), 'pos-accredit-ledger-'));
  process.env[LEDGER_ENV] = ledger;
  return () => {
    const secrets = [...new Set(readLedger(ledger, 'secrets'))];
    const { leaks, scanned } = findLeaks(readLedger(ledger, 'dirs'), secrets);
    rmSync(ledger, { recursive: true, force: true });
    if (leaks.length > 0) {
      const shown = leaks.slice(0, 20).map((l) => `  ${l.file}: ${l.secret.slice(0, 4)}…`).join('\n');
      // vitest reports a teardown error but keeps its exit code: make the run fail.
      process.exitCode = 1;
      process.on('exit', () => {
        process.exitCode = 1;
      });
      throw new Error(`secret audit: ${leaks.length} leak(s) in the artifacts the tests left:\n${shown}`);
    }
    process.stdout.write(`secret audit: ${scanned} artifacts scanned for ${secrets.length} secrets: none found\n`);
  };
}
