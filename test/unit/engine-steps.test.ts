// The engine's step kinds and outcomes, driven through real YAML against a small purpose-built
// server on 127.0.0.1:0 (a POS stand-in whose answers each test controls).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/engine/execute-run.js';
import { makePlan } from '../../src/engine/plan.js';
import { exitCodeFor } from '../../src/engine/summarize.js';
import type { RunResult } from '../../src/core/results.js';
import { Redactor } from '../../src/core/redactor.js';
import { LoadError } from '../../src/core/diagnostic.js';
import { loadSuites } from '../../src/suite/load-suites.js';
import { suiteWorkspace } from '../helpers/cli.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: { close(): void; closeAllConnections(): void }[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

/** The URL of a server that was listening and is closed again: connections to it are refused. */
async function refusing(): Promise<string> {
  const url = await serve((_req, res) => res.end());
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
  await new Promise((r) => setTimeout(r, 20));
  return url;
}

afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
}

async function runYaml(baseUrl: string, casesYaml: string, options: { strict?: boolean; token?: string; forbiddenVenue?: string; preflight?: boolean } = {}): Promise<RunResult> {
  const dir = suiteWorkspace();
  const file = join(dir, 'engine.yaml');
  writeFileSync(file, `suite: engine\ntitle: Engine\ncases:\n${casesYaml}`);
  const loaded = loadSuites({ paths: [file] });
  return executeRun({
    loaded, plan: makePlan(loaded.suites, { tags: [], ids: [] }),
    target: { baseUrl, venue: 'v1', otherVenue: 'v2', token: options.token ?? 'engine-test-token', embedded: false, ...(options.forbiddenVenue ? { forbiddenVenue: options.forbiddenVenue } : {}) },
    runId: 'test', timeoutMs: 2000, strict: options.strict ?? false, version: 'test', redactor: knowing(options.token ?? 'engine-test-token'),
    // The stand-in is not a POS: no first look at its tables unless a test is about that look.
    preflight: options.preflight ?? false,
  });
}

/** The run's redactor, told about the token by its owner (the session, in a real run). */
function knowing(token: string): Redactor {
  const redactor = new Redactor();
  redactor.add(token);
  return redactor;
}

const header = (id: string, level = 'must', basis = 'documented'): string =>
  `  - id: ${id}\n    title: ${id}\n    level: ${level}\n    basis: ${basis}\n    spec: ["test"]\n    steps:\n`;

describe('engine', () => {
  it('poll resends until the condition holds, waiting only after a miss', async () => {
    let calls = 0;
    const url = await serve((_req, res) => (++calls < 3 ? json(res, 404, { error: 'not yet' }) : json(res, 200, { ready: true })));
    const result = await runYaml(url, `${header('POLL-OK')}      - poll:
          request: { method: GET, path: /thing }
          until: { status: 200 }
          interval: 20ms
          timeout: 2s
        expect:
          body:
            - { path: $.ready, eq: true }
`);
    expect(result.cases[0]?.status).toBe('pass');
    expect(result.cases[0]?.steps[0]?.attempts).toBe(3);
    expect(result.cases[0]?.steps[0]?.exchanges).toHaveLength(3);
  });

  it('poll that never meets its condition fails with the deadline in the message', async () => {
    const url = await serve((_req, res) => json(res, 404, {}));
    const result = await runYaml(url, `${header('POLL-MISS')}      - poll:
          request: { method: GET, path: /thing }
          until: { status: 200 }
          interval: 30ms
          timeout: 150ms
`);
    const c = result.cases[0]!;
    expect(c.status).toBe('fail');
    expect(c.reason).toMatch(/still not met after \d+ attempts in 150 ms: expected status 200, got 404/);
    expect(c.steps[0]!.attempts).toBeGreaterThan(1);
  });

  it('captures from body (JSONPath, Pointer) and headers flow into later steps', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/start') json(res, 200, { order: { id: 'o-1' }, list: [{ n: 'a' }, { n: 'b' }] }, { 'x-check': 'c-9' });
      else json(res, 200, { ok: true });
    });
    const result = await runYaml(url, `${header('CAPTURE')}      - request: { method: GET, path: /start }
        capture:
          orderId: $.order.id
          byPointer: /order/id
          names: "$.list[*].n"
          check: { header: X-Check }
      - request:
          method: GET
          path: "/next/{{ orderId }}/{{ byPointer }}/{{ check }}"
          query: { names: "{{ names }}" }
`);
    expect(result.cases[0]?.status, result.cases[0]?.reason).toBe('pass');
    expect(seen[1]).toBe('/next/o-1/o-1/c-9?names=%5B%22a%22%2C%22b%22%5D');
  });

  it('a failed assertion carries expected, actual, pointer and the suite position', async () => {
    const url = await serve((_req, res) => json(res, 200, [{ id: 'T1', name: 1 }]));
    const result = await runYaml(url, `${header('SCHEMA')}      - request: { method: GET, path: /venue/v1/tables }
        expect:
          schema: tables.json
`);
    const c = result.cases[0]!;
    expect(c.status).toBe('fail');
    const failed = c.steps[0]!.assertions.find((a) => !a.ok)!;
    expect(failed).toMatchObject({ check: 'schema tables.json', pointer: '/0/name', expected: 'string', actual: 1 });
    expect(failed.message).toBe('tables.json: /0/name must be string, got number 1');
    expect(failed.pos.line).toBe(12); // the `schema:` line
    expect(result.blocking[0]).toMatchObject({ id: 'SCHEMA', expected: 'string', actual: 1 });
  });

  it('invalid JSON where the body must be read is an error, not a failure', async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops'));
    const result = await runYaml(url, `${header('BAD-JSON')}      - request: { method: GET, path: /x }
        expect:
          body:
            - { path: $.id, exists: true }
`);
    expect(result.cases[0]?.status).toBe('error');
    expect(result.cases[0]?.reason).toContain('response body is not JSON');
    expect(result.verdict).toBe('fail');
  });

  it('a timeout is an error naming the request; the run goes on', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/slow') return; // never answers
      json(res, 200, {});
    });
    const result = await runYaml(url, `${header('SLOW')}      - request: { method: GET, path: /slow }
${header('FAST')}      - request: { method: GET, path: /fast }
        expect: { status: 200 }
`);
    expect(result.cases.map((c) => c.status)).toEqual(['error', 'pass']);
    expect(result.cases[0]?.reason).toMatch(/no response within 2 s/);
    expect(result.aborted).toBeUndefined();
  });

  it('should-blocks only warn, even on a MUST case; a MUST on an inferred basis warns unless strict', async () => {
    const url = await serve((_req, res) => json(res, 201, {}));
    const soft = `${header('SOFT')}      - request: { method: GET, path: /x }
        expect: { status: [200, 201] }
        should: { status: 200 }
${header('INFERRED', 'must', 'inferred')}      - request: { method: GET, path: /x }
        expect: { status: 200 }
`;
    const lenient = await runYaml(url, soft);
    expect(lenient.cases.map((c) => c.status)).toEqual(['warn', 'warn']);
    expect(lenient.verdict).toBe('pass');
    const strict = await runYaml(url, soft, { strict: true });
    expect(strict.cases.map((c) => c.status)).toEqual(['warn', 'fail']);
    expect(strict.verdict).toBe('fail');
  });

  it('action and await steps without a driver or receiver skip the case with the reason', async () => {
    const url = await serve((_req, res) => json(res, 200, {}));
    const result = await runYaml(url, `${header('ACTION')}      - action: add-items
        params: { items: [{ name: Steak, price: 40, quantity: 2 }] }
${header('AWAIT')}      - await: { method: PUT, path: "/v1/order/x/close", timeout: 1s }
`);
    expect(result.cases.map((c) => c.status)).toEqual(['skip', 'skip']);
    expect(result.cases[0]?.reason).toContain('needs a driver to perform "add-items"');
    expect(result.cases[1]?.reason).toContain('mock Mozrest receiver');
  });

  it('a captured value marked secret is masked everywhere in the result', async () => {
    const url = await serve((req, res) => json(res, 200, { apiKey: 'sk-live-abcdef123456', echo: req.url }));
    const result = await runYaml(url, `${header('SECRET')}      - request: { method: GET, path: /key }
        capture:
          key: { path: $.apiKey, secret: true }
      - request: { method: GET, path: "/use/{{ key }}" }
        expect:
          body:
            - { path: $.echo, eq: "/nope" }
`);
    const text = JSON.stringify(result);
    expect(text).not.toContain('sk-live-abcdef123456');
    expect(text).toContain('/use/***');
  });

  it('a target refusing connections mid-run aborts the run: remaining cases are not run', async () => {
    const url = await refusing();
    const result = await runYaml(url, `${header('ONE')}      - request: { method: GET, path: /a }
${header('TWO')}      - request: { method: GET, path: /b }
`);
    expect(result.aborted?.code).toBe('unreachable');
    // The case that met the refusal errors with it; the rest are not run, saying why once.
    expect(result.cases.map((c) => [c.status, c.notRun])).toEqual([['error', undefined], ['skip', 'aborted']]);
    expect(result.aborted?.message).toMatch(/the POS could not be reached: connection refused/);
  });

  it('the first look at a target refusing connections stops the run before any case', async () => {
    const url = await refusing();
    const result = await runYaml(url, `${header('ONE')}      - request: { method: GET, path: /a }
${header('TWO')}      - request: { method: GET, path: /b }
`, { preflight: true });
    expect(result.aborted?.code).toBe('unreachable');
    expect(result.aborted?.message).toContain(`check --base-url (${url})`);
    expect(result.cases.map((c) => [c.status, c.notRun])).toEqual([['skip', 'aborted'], ['skip', 'aborted']]);
    expect(exitCodeFor(result)).toBe(3);
  });

  it('the first look answered 401 or 404 stops the run as a configuration problem (exit 2)', async () => {
    const seen: string[] = [];
    for (const [status, code, says] of [[401, 'token-refused', 'holds the token'], [404, 'venue-unknown', 'check --venue (v1)']] as const) {
      const url = await serve((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        json(res, status, { error: 'no' });
      });
      const result = await runYaml(url, `${header('ONE')}      - request: { method: GET, path: /a }\n`, { preflight: true });
      expect(result.aborted?.code).toBe(code);
      expect(result.aborted?.message).toContain(says);
      expect(exitCodeFor(result)).toBe(2);
    }
    expect(seen).toEqual(['GET /venue/v1/tables', 'GET /venue/v1/tables']);
  });
});

describe('engine: review regressions', () => {
  it('a placeholder that cannot be resolved at run time makes the step error, the run goes on', async () => {
    const url = await serve((_req, res) => json(res, 200, [{ id: 'a' }]));
    const result = await runYaml(url, `${header('TEMPLATE')}      - request: { method: GET, path: /x }
        expect:
          body:
            - { path: "$[0].id", eq: "{{ fill(contract.paths.getOrder, venue) }}" }
${header('AFTER')}      - request: { method: GET, path: /x }
        expect: { status: 200 }
`);
    expect(result.cases.map((c) => c.status)).toEqual(['error', 'pass']);
    expect(result.cases[0]?.reason).toContain('no value for {orderId}');
  });

  it('an unquoted {{ placeholder }} is a load error, not an object', async () => {
    const url = await serve((_req, res) => json(res, 200, {}));
    await expect(runYaml(url, `${header('UNQUOTED')}      - request: { method: GET, path: /x }
        expect:
          body:
            - path: $.id
              eq: {{ venue }}
`)).rejects.toMatchObject({ diagnostics: [{ code: 'unquoted-placeholder', pos: { line: 14 } }] });
  });

  it('a set key can read the keys set before it in the same step', async () => {
    const url = await serve((req, res) => json(res, 200, { url: req.url }));
    const result = await runYaml(url, `${header('SET-ORDER')}      - request: { method: GET, path: /x }
        set: { a: "{{ venue }}-1", b: "{{ a }}-2" }
      - request: { method: GET, path: "/{{ b }}" }
        expect:
          body:
            - { path: $.url, eq: /v1-1-2 }
`);
    expect(result.cases[0]?.status, result.cases[0]?.reason).toBe('pass');
  });
});

describe('engine: secrets and hints', () => {
  it('a POS that echoes the token never gets it into a message, even a shortened one', async () => {
    const token = 'S3cr3tTokXYZ-0123456789';
    const url = await serve((req, res) => json(res, 200, [{ id: 'T1', note: `your token is ${String(req.headers.authorization).slice(7)} and then a lot of text after it` }]));
    const result = await runYaml(url, `${header('ECHO')}      - request: { method: GET, path: /x }
        expect:
          schema: create-order-response.json
          body:
            - { path: "$[0].note", eq: nope }
`, { token });
    const text = JSON.stringify(result);
    expect(result.cases[0]?.status).toBe('fail');
    expect(text).not.toContain('S3cr3tTok');
    expect(text).toContain('your token is ***');
  });

  it('every request answered 404 gives the base-URL hint', async () => {
    const url = await serve((_req, res) => json(res, 404, { error: 'no such path' }));
    const steps = Array.from({ length: 3 }, () => '      - request: { method: GET, path: /x }\n        expect: { status: 200 }\n').join('');
    const result = await runYaml(url, `${header('A')}${steps}${header('B')}${steps}${header('C')}${steps}`);
    expect(result.hints).toEqual(['Every request to the POS got 404: check --base-url (including any path prefix such as /api) and --venue.']);
  });

  it('running out of free tables gives the clean-up hint', async () => {
    const url = await serve((_req, res) => json(res, 200, []));
    const result = await runYaml(url, `${header('NO-TABLES')}      - request: { method: GET, path: /tables }
        capture: { free: "$[*].id" }
      - request: { method: POST, path: /orders, body: { tables: ["{{ take(free) }}"] } }
`);
    expect(result.cases[0]?.status).toBe('error');
    expect(result.hints.join(' ')).toContain('ran out of free tables');
  });
});

describe('engine: suite teardown', () => {
  it('runs once after the last case, even when cases fail, and is reported with that case', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      json(res, req.url === '/boom' ? 500 : 200, { id: 'o-7' });
    });
    const dir = suiteWorkspace();
    const file = join(dir, 'teardown.yaml');
    writeFileSync(file, `suite: td\ntitle: Teardown\nsetup:\n  - request: { method: POST, path: /open }\n    capture: { orderId: $.id }\nteardown:\n  - request: { method: POST, path: "/close/{{ orderId }}" }\ncases:\n${header('ONE')}      - request: { method: GET, path: /boom }\n        expect: { status: 200 }\n${header('TWO')}      - request: { method: GET, path: /fine }\n`);
    const loaded = loadSuites({ paths: [file] });
    const result = await executeRun({
      loaded, plan: makePlan(loaded.suites, { tags: [], ids: [] }),
      target: { baseUrl: url, venue: 'v1', otherVenue: 'v2', token: 'engine-test-token', embedded: false },
      runId: 'test', timeoutMs: 2000, strict: false, version: 'test', redactor: new Redactor(), preflight: false,
    });
    expect(seen).toEqual(['POST /open', 'GET /boom', 'GET /fine', 'POST /close/o-7']);
    expect(result.cases.map((c) => c.status)).toEqual(['fail', 'pass']);
    expect(result.cases[1]?.cleanup.map((s) => s.name)).toEqual(['teardown: POST /close/{{ orderId }}']);
  });
});

describe('engine: check steps', () => {
  it('evaluate expect and should against a templated value, and capture from it', async () => {
    const url = await serve((req, res) => json(res, 200, { echo: req.url }));
    const result = await runYaml(url, `${header('CHECK')}      - name: the run's target
        check: "{{ target }}"
        expect:
          body:
            - { path: $.transport, eq: http-loopback }
            - { path: $.host, eq: 127.0.0.1 }
        should:
          body:
            - { path: $.scheme, eq: https }
        capture: { scheme: $.scheme }
      - request: { method: GET, path: "/{{ scheme }}" }
        expect:
          body:
            - { path: $.echo, eq: /http }
`);
    const c = result.cases[0]!;
    expect(c.status).toBe('warn');
    expect(c.reason).toBe("the run's target: $.scheme not equal: expected equal to \"https\", got \"http\"");
    expect(c.steps.map((s) => [s.kind, s.status, s.exchanges.length])).toEqual([['check', 'warn', 0], ['request', 'pass', 1]]);
  });

  it('a whole-value assertion names the value, and a template that cannot be rendered is an error', async () => {
    const url = await serve((_req, res) => json(res, 200, {}));
    const result = await runYaml(url, `${header('WHOLE')}      - check: [a, b]
        expect:
          body:
            - { path: "", length: 3 }
${header('BROKEN')}      - check: "{{ fill('/x/{id}') }}"
`);
    expect(result.cases[0]?.reason).toBe('check ["a","b"]: the whole value has length 2: expected of length 3, got ["a","b"]');
    expect(result.cases[1]?.status).toBe('error');
    expect(result.cases[1]?.reason).toContain('check: no value for {id}');
  });

  it('status, headers and maxDuration are load errors on a check step: it has no answer', () => {
    const dir = suiteWorkspace();
    const file = join(dir, 'bad-check.yaml');
    writeFileSync(file, `suite: bad\ntitle: Bad\ncases:\n${header('BAD')}      - check: "{{ venue }}"\n        expect: { status: 200 }\n`);
    let error: unknown;
    try {
      loadSuites({ paths: [file] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).diagnostics.map((d) => d.message)).toEqual(['"status" does not apply to a check step (it checks a value, not an answer)']);
  });
});

describe('engine: forEach steps', () => {
  it('run their steps for every element, go on past a failing one, and report each failure with its element', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === 'POST') json(res, req.url?.includes('7') ? 400 : 200, { id: `o-${req.url?.split('/').at(-1)}` });
      else json(res, 200, {});
    });
    const result = await runYaml(url, `${header('LOOP')}      - request: { method: GET, path: /tables }
        set: { tables: [T1, T7, T17, T2] }
      - name: every table
        forEach: "{{ tables }}"
        as: table
        steps:
          - name: open
            request: { method: POST, path: "/open/{{ table }}" }
            expect: { status: 200 }
            capture: { orderId: $.id }
        cleanup:
          - name: close
            request: { method: POST, path: "/close/{{ orderId }}" }
      - request: { method: GET, path: /after }
`);
    const c = result.cases[0]!;
    expect(c.status).toBe('fail');
    expect(c.reason).toBe('every table: T7 › open: expected status 200, got 400');
    // The loop went on past T7; the case stopped after it (a failed step stops the case).
    expect(seen.filter((r) => r.startsWith('POST /open'))).toEqual(['POST /open/T1', 'POST /open/T7', 'POST /open/T17', 'POST /open/T2']);
    expect(seen).not.toContain('GET /after');
    const loop = c.steps[1]!;
    expect(loop.kind).toBe('forEach');
    expect(loop.assertions[0]).toMatchObject({ ok: true, message: '4 elements: T1, T7, T17, T2', actual: ['T1', 'T7', 'T17', 'T2'] });
    expect(loop.assertions.filter((a) => !a.ok).map((a) => a.check)).toEqual(['T7 › status', 'T17 › status']);
    expect(loop.exchanges.map((e) => e.request.url.replace(url, ''))).toEqual(['/open/T1', '/open/T7', '/open/T17', '/open/T2']);
    // Each iteration's cleanup is reported with the case's cleanup; where nothing was captured it errors there, harmlessly.
    expect(c.cleanup.map((s) => `${s.name} ${s.status}`)).toEqual(['T1 › close pass', 'T7 › close error', 'T17 › close error', 'T2 › close pass']);
  });

  it('bind the element in a scope of their own: its captures do not leak out, and a later step cannot read them', () => {
    const dir = suiteWorkspace();
    const file = join(dir, 'leak.yaml');
    writeFileSync(file, `suite: leak\ntitle: Leak\ncases:\n${header('LEAK')}      - forEach: "{{ runId }}"\n        as: x\n        steps:\n          - request: { method: GET, path: "/{{ x }}" }\n            capture: { inner: $.id }\n      - request: { method: GET, path: "/{{ inner }}" }\n`);
    let error: unknown;
    try {
      loadSuites({ paths: [file] });
    } catch (err) {
      error = err;
    }
    expect((error as LoadError).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['undefined-variable undefined variable "inner"']);
  });

  it('need a list: anything else is an error; an empty list runs nothing and holds', async () => {
    const url = await serve((_req, res) => json(res, 200, {}));
    const result = await runYaml(url, `${header('NOT-A-LIST')}      - forEach: "{{ venue }}"
        as: x
        steps:
          - request: { method: GET, path: "/{{ x }}" }
${header('EMPTY')}      - request: { method: GET, path: /a }
        set: { none: [] }
      - forEach: "{{ none }}"
        as: x
        steps:
          - request: { method: GET, path: "/{{ x }}" }
`);
    expect(result.cases[0]?.status).toBe('error');
    expect(result.cases[0]?.reason).toBe('for each x in {{ venue }}: forEach: expected a list, got "v1"');
    expect(result.cases[1]?.status).toBe('pass');
    expect(result.cases[1]?.steps[1]?.assertions[0]?.message).toBe('0 elements: none');
  });
});

describe('engine: maxDuration, needs, optional captures', () => {
  it('maxDuration holds a request to a time limit, given as a duration or a template', async () => {
    const url = await serve((req, res) => setTimeout(() => json(res, 200, {}), req.url === '/slow' ? 150 : 0));
    const result = await runYaml(url, `${header('TIMED', 'may')}      - name: fast
        request: { method: GET, path: /fast }
        expect: { maxDuration: 1s }
      - name: slow
        request: { method: GET, path: /slow }
        should: { maxDuration: "{{ contract.limits.slowResponseMs }}" }
`);
    const c = result.cases[0]!;
    expect(c.steps.map((s) => s.status)).toEqual(['pass', 'pass']);
    const tight = await runYaml(url, `${header('TIGHT', 'may')}      - name: slow
        request: { method: GET, path: /slow }
        should: { status: 200, maxDuration: 100 }
`);
    const t = tight.cases[0]!;
    expect(t.status).toBe('warn');
    const duration = t.steps[0]!.assertions.find((a) => a.check === 'duration')!;
    expect(duration).toMatchObject({ ok: false, soft: true, expected: 100 });
    expect(duration.actual as number).toBeGreaterThanOrEqual(150);
    expect(t.reason).toMatch(/^slow: answered in \d+ ms, slower than the 100 ms limit$/);
  });

  it('a case that needs a setting nobody configured is skipped with the reason and runs once it is', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url ?? '');
      json(res, 403, { error: 'no' });
    });
    const yaml = `  - id: NEEDS\n    title: NEEDS\n    level: may\n    basis: documented\n    spec: ["test"]\n    needs: [forbiddenVenue]\n    steps:\n      - request: { method: GET, path: "/venue/{{ forbiddenVenue }}/tables" }\n        expect: { status: 403 }\n`;
    const without = await runYaml(url, yaml);
    expect(without.cases[0]?.status).toBe('skip');
    expect(without.cases[0]?.reason).toMatch(/^needs forbiddenVenue, which is not configured: a venue the POS knows but the accreditation token may not access; give one with --forbidden-venue/);
    expect(without.verdict).toBe('pass');
    expect(seen).toEqual([]);
    const withIt = await runYaml(url, yaml, { forbiddenVenue: 'v-closed' });
    expect(withIt.cases[0]?.status).toBe('pass');
    expect(seen).toEqual(['/venue/v-closed/tables']);
    // The 403 it asked for is not the token being refused: no token hint.
    expect(withIt.hints).toEqual([]);
  });

  it('needs: may only name an optional run setting', () => {
    const dir = suiteWorkspace();
    const file = join(dir, 'needs.yaml');
    writeFileSync(file, `suite: needs\ntitle: Needs\ncases:\n  - id: N\n    title: N\n    level: may\n    basis: documented\n    spec: ["t"]\n    needs: [forbidenVenue]\n    steps:\n      - request: { method: GET, path: / }\n`);
    let error: unknown;
    try {
      loadSuites({ paths: [file] });
    } catch (err) {
      error = err;
    }
    const d = (error as LoadError).diagnostics[0]!;
    expect(d.message).toBe('"forbidenVenue" is not an optional run setting');
    expect(d.hint).toContain('did you mean "forbiddenVenue"?');
  });

  it('an optional capture on a body that is not JSON leaves the variable unset instead of erroring', async () => {
    const url = await serve((_req, res) => res.writeHead(409, { 'content-type': 'text/plain' }).end('Table taken'));
    const result = await runYaml(url, `${header('OPTIONAL')}      - request: { method: POST, path: /orders }
        expect: { status: [200, 409] }
        capture: { orderId: { path: $.id, optional: true } }
`);
    expect(result.cases[0]?.status, result.cases[0]?.reason).toBe('pass');
  });
});
