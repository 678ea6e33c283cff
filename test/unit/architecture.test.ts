// The layers of docs/architecture.md, enforced: every import of src/ goes to its own folder or to a
// lower floor, no two folders of one floor import each other, no import cycle of any length, and
// the reference POS stands apart (it imports core/ only; session/ loads it lazily, cli/ serves it).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SRC = join(ROOT, 'src');
const APART = 'reference-pos';

/** `type`: types only, erased when built; `dynamic`: `import()`, loaded when first needed. */
interface Edge { from: string; to: string; kind: 'static' | 'type' | 'dynamic' }

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** Every relative import of every file: `import … from './x.js'`, `import type …`, `import('./x.js')`. */
export function importEdges(files: string[], read: (file: string) => string): Edge[] {
  const target = (from: string, spec: string): string => normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
  return files.flatMap((from) => {
    const text = read(from);
    const statements = [...text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm)].map(
      (m): Edge => ({ from, to: target(from, m[2]!), kind: m[1] ? 'type' : 'static' }),
    );
    const dynamic = [...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)].map((m): Edge => ({ from, to: target(from, m[1]!), kind: 'dynamic' }));
    return [...statements, ...dynamic];
  });
}

/** The floors of docs/architecture.md's `layers` block: folder → floor (0 = ground). */
function floors(): Map<string, number> {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const block = /```layers\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/architecture.md has no ```layers block');
  const lines = block.trim().split('\n').reverse();
  return new Map(lines.flatMap((line, floor) => line.trim().split(/\s+/).map((folder) => [folder, floor] as [string, number])));
}

/** The upward imports the doc allows, as `from → to` pairs (none today). */
function allowedUpward(): Set<string> {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const section = /## Upward imports\n([\s\S]*?)\n## /.exec(doc)?.[1] ?? '';
  return new Set([...section.matchAll(/^- `([^`]+)` → `([^`]+)`/gm)].map((m) => `${m[1]} → ${m[2]}`));
}

const folderOf = (file: string): string => file.split('/')[0]!;

/** What breaks the layering, one line each. */
export function layerViolations(edges: Edge[], floor: ReadonlyMap<string, number>, allowed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const { from, to, kind } of edges) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (a === b) continue;
    const pair = `${from} → ${to}`;
    if (a === APART) {
      if (b !== 'core') out.push(`${pair}: the reference POS imports core/ only`);
      continue;
    }
    if (b === APART) {
      // A type import is erased when built: it loads nothing.
      if (a === 'cli' || (a === 'session' && kind !== 'static')) continue;
      out.push(`${pair}: only cli/ and session/ (lazily) may load the reference POS`);
      continue;
    }
    const [fa, fb] = [floor.get(a), floor.get(b)];
    if (fa === undefined || fb === undefined) {
      out.push(`${pair}: ${fa === undefined ? a : b}/ is on no floor of docs/architecture.md`);
    } else if (fb > fa && !allowed.has(pair)) {
      out.push(`${pair}: ${a}/ (floor ${fa}) imports from a higher floor, ${b}/ (floor ${fb})`);
    } else if (fb === fa) {
      out.push(`${pair}: ${a}/ and ${b}/ are on the same floor`);
    }
  }
  return out;
}

/** Every import cycle (strongly connected set of more than one file, or a file importing itself). */
export function importCycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('architecture (docs/architecture.md)', () => {
  const files = sourceFiles();
  const edges = importEdges(files, (f) => readFileSync(join(SRC, f), 'utf8'));
  const floor = floors();

  it('every folder of src/ is on a floor, or is the reference POS', () => {
    const folders = [...new Set(files.filter((f) => f.includes('/')).map(folderOf))];
    expect(folders.filter((f) => f !== APART && !floor.has(f))).toEqual([]);
  });

  it('no module imports from a higher floor or a folder of its own floor', () => {
    expect(layerViolations(edges, floor, allowedUpward())).toEqual([]);
  });

  it('no import cycle, of two files or more', () => {
    // A lazy import() cannot make a loading cycle; type imports count (they tie the two files together).
    expect(importCycles(edges.filter((e) => e.kind !== 'dynamic'))).toEqual([]);
  });

  it('core/ imports nothing else of the project', () => {
    expect(edges.filter((e) => folderOf(e.from) === 'core' && folderOf(e.to) !== 'core')).toEqual([]);
  });

  it('the checks catch what they are for (an upward import, a sideways one, a cycle)', () => {
    const fake: Edge[] = [
      { from: 'http/client.ts', to: 'engine/results.ts', kind: 'static' },
      { from: 'mozrest/a.ts', to: 'drivers/b.ts', kind: 'type' },
      { from: 'reference-pos/x.ts', to: 'suite/y.ts', kind: 'static' },
      { from: 'session/s.ts', to: 'reference-pos/server.ts', kind: 'static' },
    ];
    expect(layerViolations(fake, floor, new Set())).toHaveLength(4);
    expect(layerViolations(fake.slice(0, 1), floor, new Set(['http/client.ts → engine/results.ts']))).toEqual([]);
    expect(importCycles([{ from: 'a.ts', to: 'b.ts', kind: 'static' }, { from: 'b.ts', to: 'c.ts', kind: 'type' }, { from: 'c.ts', to: 'a.ts', kind: 'static' }])).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    // Reading the sources finds every kind of import.
    const read = (): string => "import { a } from './a.js';\nimport type { B } from '../b/b.js';\nexport { c } from './c.js';\nconst d = await import('./d.js');\n";
    expect(importEdges(['x/y.ts'], read).map((e) => `${e.to} ${e.kind}`)).toEqual(['x/a.ts static', 'b/b.ts type', 'x/c.ts static', 'x/d.ts dynamic']);
  });
});
