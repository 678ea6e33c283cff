// Prerequisites (`after:`): checked when the suites load (an id that exists, earlier in its suite,
// no cycle between suites), suites ordered so prerequisites run first, and at run time the
// dependants of a failed prerequisite reported `blocked` by its root — driven through real YAML
// against a small server on 127.0.0.1:0 whose answers each test controls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/diagnostic.js';
import { Redactor } from '../../src/core/redactor.js';
import type { RunResult } from '../../src/core/results.js';
import { executeRun } from '../../src/engine/execute-run.js';
import { makePlan } from '../../src/engine/plan.js';
import { loadSuites } from '../../src/suite/load-suites.js';
import { suiteWorkspace } from '../helpers/cli.js';

const kase = (id: string, o: { after?: string[]; path?: string; level?: string; needs?: string } = {}): string =>
  `  - id: ${id}\n    title: ${id}\n    level: ${o.level ?? 'must'}\n    basis: documented\n    spec: ["x"]\n` +
  `${o.after ? `    after: [${o.after.join(', ')}]\n` : ''}${o.needs ? `    needs: [${o.needs}]\n` : ''}` +
  `    steps:\n      - request: { method: GET, path: ${o.path ?? `/${id.toLowerCase()}`} }\n        expect: { status: 200 }\n`;

/** Suite files in one workspace: name → text after the suite's header. */
function workspace(files: Record<string, { after?: string[]; cases: string }>): string {
  const dir = suiteWorkspace();
  for (const [name, f] of Object.entries(files)) {
    writeFileSync(join(dir, `${name}.yaml`), `suite: ${name.replace(/^\d+-/, '')}\ntitle: ${name}\n${f.after ? `after: [${f.after.join(', ')}]\n` : ''}cases:\n${f.cases}`);
  }
  return dir;
}

function problems(dir: string): string[] {
  try {
    loadSuites({ paths: [dir] });
    return [];
  } catch (err) {
    if (!(err instanceof LoadError)) throw err;
    return err.diagnostics.map((d) => `${d.code} ${d.pos.file.split('/').at(-1)}:${d.pos.line}:${d.pos.col} ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
  }
}

describe('after: when the suites load', () => {
  it('an unknown id, the case itself, or a case below it in its suite is a load error at the id', () => {
    const dir = workspace({
      '10-a': { cases: kase('A-ONE', { after: ['A-ONE'] }) + kase('A-TWO', { after: ['A-THREE', 'B-ONCE'] }) + kase('A-THREE') },
      '20-b': { cases: kase('B-ONE') },
    });
    expect(problems(dir)).toEqual([
      expect.stringMatching(/^bad-after 10-a.yaml:9:13 after: A-ONE names itself/),
      expect.stringMatching(/^bad-after 10-a.yaml:18:13 after: A-THREE comes after A-TWO in its suite \(cases of a suite run in file order: move A-THREE above A-TWO\)/),
      expect.stringMatching(/^unknown-case 10-a.yaml:18:22 after: no case has id B-ONCE \(did you mean B-ONE\?\)/),
    ]);
  });

  it('a suite runs after the suites its cases rest on, file order otherwise; a cycle is a load error', () => {
    const ordered = loadSuites({ paths: [workspace({ '10-a': { cases: kase('A-ONE', { after: ['C-ONE'] }) }, '20-b': { cases: kase('B-ONE') }, '30-c': { cases: kase('C-ONE') } })] });
    expect(ordered.suites.map((s) => s.name)).toEqual(['b', 'c', 'a']);
    const cycle = workspace({ '10-a': { cases: kase('A-ONE', { after: ['B-ONE'] }) }, '20-b': { cases: kase('B-ONE', { after: ['A-ONE'] }) } });
    expect(problems(cycle)).toEqual([expect.stringMatching(/^after-cycle 10-a.yaml:\d+:\d+ after: the prerequisites of suites a, b form a cycle \(A-ONE is after B-ONE\)/)]);
  });

  it("a suite's after: holds for the cases below the one it names, and for every case when it names another suite's", () => {
    const { suites } = loadSuites({ paths: [workspace({ '10-a': { after: ['A-TWO', 'B-ONE'], cases: kase('A-ONE') + kase('A-TWO') + kase('A-THREE', { after: ['A-ONE'] }) }, '20-b': { cases: kase('B-ONE') } })] });
    const a = suites.find((s) => s.name === 'a')!;
    expect(a.cases.map((c) => [c.id, c.after.map((p) => p.id)])).toEqual([
      ['A-ONE', ['B-ONE']],
      ['A-TWO', ['B-ONE']],
      ['A-THREE', ['A-TWO', 'B-ONE', 'A-ONE']],
    ]);
  });
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Answers 200 to every path except the ones given, which get 500. */
const failing = (...paths: string[]): Handler => (req, res) => {
  res.writeHead(paths.includes(req.url ?? '') ? 500 : 200, { 'content-type': 'application/json' }).end('{}');
};

async function run(dir: string, baseUrl: string, ids: string[] = []): Promise<RunResult> {
  const loaded = loadSuites({ paths: [dir] });
  return executeRun({
    loaded, plan: makePlan(loaded.suites, { tags: [], ids }), runId: 'prereq', timeoutMs: 2000, strict: false, version: 'test', redactor: new Redactor(),
    target: { baseUrl, venue: 'v1', otherVenue: 'v2', token: 'prerequisite-test-token', embedded: false },
    // The stand-in is not a POS: no first look at its tables.
    preflight: false,
  });
}

const statuses = (r: RunResult): string[][] => r.cases.map((c) => [c.id, c.status, ...(c.blockedBy ? [c.blockedBy.join(',')] : [])]);

describe('after: when the run runs', () => {
  const dir = (): string => workspace({
    '10-root': { cases: kase('ROOT') + kase('OTHER') },
    '20-mid': { cases: kase('MID', { after: ['ROOT'] }) + kase('FREE') },
    '30-leaf': { after: ['MID'], cases: kase('LEAF-ONE') + kase('LEAF-TWO', { level: 'should' }) },
  });

  it('a failed prerequisite blocks its dependants (followed through blocked ones to the root), which send nothing', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url ?? '');
      failing('/root', '/other')(req, res);
    });
    const result = await run(dir(), url);
    expect(statuses(result)).toEqual([
      ['ROOT', 'fail'], ['OTHER', 'fail'], ['MID', 'blocked', 'ROOT'], ['FREE', 'pass'], ['LEAF-ONE', 'blocked', 'ROOT'], ['LEAF-TWO', 'blocked', 'ROOT'],
    ]);
    expect(seen).toEqual(['/root', '/other', '/free']);
    const leaf = result.cases.find((c) => c.id === 'LEAF-ONE')!;
    expect(leaf.reason).toBe('blocked by ROOT: GET /root: expected status 200, got 500');
    expect(result.counts.byStatus.blocked).toBe(3);
  });

  it('the blocking list names the root first, then other failures, then the blocked MUST checks; the hint names the root', async () => {
    const result = await run(dir(), await serve(failing('/other', '/root')));
    expect(result.blocking.map((b) => [b.id, b.status, b.blocks ?? 0])).toEqual([
      ['ROOT', 'fail', 3], ['OTHER', 'fail', 0], ['MID', 'blocked', 0], ['LEAF-ONE', 'blocked', 0],
    ]);
    expect(result.hints[0]).toBe('Fix ROOT first: 3 checks rest on it and were not run (blocked). ROOT: GET /root: expected status 200, got 500');
    expect(result.verdict).toBe('fail');
  });

  it('a prerequisite that passed, or is not in the plan, blocks nothing', async () => {
    const passing = await run(dir(), await serve(failing('/other')));
    expect(passing.counts.byStatus.blocked).toBe(0);
    const filtered = await run(dir(), await serve(failing('/root')), ['MID', 'LEAF-ONE']);
    expect(statuses(filtered)).toEqual([['MID', 'pass'], ['LEAF-ONE', 'pass']]);
  });

  it('a skipped prerequisite passes the question on to its own prerequisites', async () => {
    const skipping = workspace({
      '10-root': { cases: kase('ROOT') },
      // Needs a setting nobody gave: skipped, it says nothing about the POS.
      '20-mid': { cases: kase('MID', { after: ['ROOT'], needs: 'forbiddenVenue' }) },
      '30-leaf': { after: ['MID'], cases: kase('LEAF') },
    });
    expect(statuses(await run(skipping, await serve(failing('/root'))))).toEqual([['ROOT', 'fail'], ['MID', 'skip'], ['LEAF', 'blocked', 'ROOT']]);
    expect(statuses(await run(skipping, await serve(failing())))).toEqual([['ROOT', 'pass'], ['MID', 'skip'], ['LEAF', 'pass']]);
  });
});
