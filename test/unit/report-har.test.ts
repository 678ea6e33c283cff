import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/results.js';
import type { Exchange, ReceivedCall } from '../../src/core/evidence.js';
import { HAR_FILE_NAME, createHarReporter, renderHar, type HarDocument } from '../../src/report/har-reporter.js';
import { Redactor } from '../../src/core/redactor.js';
import type { ReporterContext } from '../../src/report/reporter.js';
import { accreditReferencePos } from '../helpers/accredit.js';
import { T0, caseResult, exchange, runResult, sampleCases, step } from '../helpers/sample-results.js';

const require = createRequire(import.meta.url);

// The published HAR 1.2 schemas (draft-06). They use three non-standard keywords, `min`, `unique` and
// `optional`, which therefore constrain nothing: non-negative times are checked by hand below.
function harValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false }); // the schemas omit some `type`s
  addFormats.default(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject);
  ajv.addVocabulary(['min', 'optional', 'unique']);
  const schemas = require('har-schema') as Record<string, AnySchemaObject>;
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema('har.json#');
  if (!validate) throw new Error('har-schema has no har.json');
  return validate;
}

const validate = harValidator();

function expectValidHar(doc: unknown): void {
  expect(validate(JSON.parse(JSON.stringify(doc))), JSON.stringify(validate.errors, null, 2)).toBe(true);
  const { entries } = (doc as HarDocument).log;
  for (const e of entries) {
    const { send, wait, receive } = e.timings;
    expect(Math.min(e.time, send, wait, receive)).toBeGreaterThanOrEqual(0);
    expect(e.time).toBeCloseTo(send + wait + receive);
  }
  const times = entries.map((e) => Date.parse(e.startedDateTime));
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

function exchangeCount(result: RunResult): number {
  return result.cases.flatMap((c) => [...c.steps, ...c.cleanup]).reduce((n, s) => n + s.exchanges.length, 0);
}

/** Exchanges of await steps: copies of mock Mozrest calls, which the HAR lists once, as calls. */
function callbackCopies(result: RunResult): number {
  return result.cases.flatMap((c) => [...c.steps, ...c.cleanup]).filter((s) => s.kind === 'await').reduce((n, s) => n + s.exchanges.length, 0);
}

const MOZREST_URL = 'http://127.0.0.1:4020/v1/pos';

function call(seq: number, overrides: Partial<ReceivedCall> = {}): ReceivedCall {
  return {
    seq,
    receivedAt: `2025-01-15T10:00:0${seq}.000Z`,
    method: 'PUT',
    path: `/v1/pos/demo-venue/order/100${seq}?attempt=${seq}`,
    route: { kind: 'update', venueId: 'demo-venue', orderId: `100${seq}` },
    headers: { authorization: 'Bearer ***', 'content-type': 'application/json' },
    authorized: true,
    bodyText: '{"id":"1001"}',
    schemaIssues: [],
    response: { status: 200, body: { id: 'm-1', status: 'update' } },
    rms: [],
    ...overrides,
  };
}

/** A call as an await step records it (src/engine/steps/operator-steps.ts `toExchange`). */
function copyOf(c: ReceivedCall): Exchange {
  const text = JSON.stringify(c.response.body);
  return {
    startedAt: c.receivedAt, durationMs: 0,
    request: { method: c.method, url: c.path, headers: c.headers, body: c.bodyText },
    response: { status: c.response.status, headers: { 'content-type': 'application/json' }, body: text, bodyBytes: text.length },
  };
}

/**
 * The sample run plus a refused request, a cleanup step and three callbacks: #1 matched by an
 * await step of LIFE-UPDATE, #2 seen (not matched) by the failing await of LIFE-VOID, #3 by none.
 */
function sampleWithCallbacks(): RunResult {
  const calls = [call(1), call(2, { route: undefined, bodyText: '', authorized: false }), call(3)];
  const cases = sampleCases();
  cases.push(caseResult('LIFE-UPDATE', 'pass', {
    startedAt: '2025-01-15T10:00:00.500Z',
    steps: [
      step({ exchanges: [exchange({ startedAt: '2025-01-15T10:00:00.600Z', request: { method: 'GET', url: 'http://127.0.0.1:4010/venue/demo/orders?status=open&x=a%20b', headers: {} }, response: undefined, error: { code: 'ECONNREFUSED', message: 'connect refused' } })] }),
      step({ kind: 'await', name: 'the POS sends the update', exchanges: [copyOf(calls[0]!)], callback: { seq: 1, method: 'PUT', path: calls[0]!.path, matchedBy: 'pos-id', rms: [] } }),
    ],
    cleanup: [step({ name: 'void the order', exchanges: [exchange({ startedAt: '2025-01-15T10:00:05.000Z' })] })],
  }));
  cases.push(caseResult('LIFE-VOID', 'fail', {
    startedAt: '2025-01-15T10:00:01.500Z',
    steps: [step({ kind: 'await', name: 'the POS sends the void', status: 'fail', exchanges: [copyOf(calls[1]!)] })],
  }));
  return runResult(cases, { mozrest: { url: MOZREST_URL, calls } });
}

describe('renderHar', () => {
  it('validates against the HAR 1.2 schemas (sample run, and the sample with callbacks)', () => {
    expectValidHar(renderHar(runResult()));
    expectValidHar(renderHar(sampleWithCallbacks()));
  });

  it('has one page per case and one entry per exchange and per callback', () => {
    const result = sampleWithCallbacks();
    const { log } = renderHar(result);
    expect(log.version).toBe('1.2');
    expect(log.creator).toEqual({ name: 'pos-accredit', version: '0.1.0' });
    expect(log.pages.map((p) => p.id)).toEqual(result.cases.map((c) => c.id));
    expect(log.pages[0]?.title).toBe('ORD-CREATE-MIN — Title of ORD-CREATE-MIN');
    // 2 callback copies in await steps are the calls #1 and #2 again: listed once.
    expect(callbackCopies(result)).toBe(2);
    expect(log.entries).toHaveLength(exchangeCount(result) - 2 + 3);
    const pageIds = new Set(log.pages.map((p) => p.id));
    for (const e of log.entries) if (e.pageref !== undefined) expect(pageIds.has(e.pageref)).toBe(true);
  });

  it('turns an exchange into request, response, query string, body and timings', () => {
    const entry = renderHar(runResult()).log.entries.find((e) => e._case === 'ORD-CREATE-FULL');
    expect(entry).toMatchObject({
      pageref: 'ORD-CREATE-FULL', startedDateTime: T0, time: 34, timings: { send: 0, wait: 34, receive: 0 }, cache: {},
      _direction: 'harness-to-pos', _step: 'create order', _phase: 'step',
      request: {
        method: 'POST', url: 'http://127.0.0.1:4010/venue/demo/order', httpVersion: 'HTTP/1.1', cookies: [], queryString: [],
        headers: [{ name: 'authorization', value: 'Bearer ***' }, { name: 'content-type', value: 'application/json' }],
        postData: { mimeType: 'application/json', text: '{"items":[]}' }, headersSize: -1, bodySize: 12,
      },
      response: {
        status: 500, statusText: 'Internal Server Error', httpVersion: 'HTTP/1.1', redirectURL: '', headersSize: -1, bodySize: 46,
        content: { size: 46, mimeType: 'application/json', text: '{"error":"boom","detail":{"a":1,"b":[1,2,3]}}' },
      },
    });
  });

  it('gives a request with no response status 0 and _error, and parses its query string', () => {
    const entry = renderHar(sampleWithCallbacks()).log.entries.find((e) => e.response.status === 0);
    expect(entry?.response._error).toBe('ECONNREFUSED: connect refused');
    expect(entry?.request.queryString).toEqual([{ name: 'status', value: 'open' }, { name: 'x', value: 'a b' }]);
    expect(entry?.request.postData).toBeUndefined();
    expect(entry?.request.bodySize).toBe(0);
  });

  it('marks callbacks, with the full URL, and pages them under the case that awaited them', () => {
    const callbacks = renderHar(sampleWithCallbacks()).log.entries.filter((e) => e._direction === 'pos-to-mozrest');
    expect(callbacks.map((e) => [e._seq, e.pageref, e._case, e._step, e._matched, e._route])).toEqual([
      [1, 'LIFE-UPDATE', 'LIFE-UPDATE', 'the POS sends the update', true, 'update'],
      [2, 'LIFE-VOID', 'LIFE-VOID', 'the POS sends the void', false, 'unmatched'],
      [3, undefined, undefined, undefined, undefined, 'update'],
    ]);
    expect(callbacks[0]?.request.url).toBe('http://127.0.0.1:4020/v1/pos/demo-venue/order/1001?attempt=1');
    expect(callbacks[0]?.request.queryString).toEqual([{ name: 'attempt', value: '1' }]);
    expect(callbacks[0]?.request.postData).toEqual({ mimeType: 'application/json', text: '{"id":"1001"}' });
    expect(callbacks[0]?.response).toMatchObject({ status: 200, content: { mimeType: 'application/json; charset=utf-8', text: '{"id":"m-1","status":"update"}' } });
    expect(callbacks[1]?.request.postData).toBeUndefined();
  });

  it('pages a callback by the await step callback.seq even when the step kept no copy', () => {
    const result = sampleWithCallbacks();
    result.cases.at(-2)!.steps[1]!.exchanges = [];
    const first = renderHar(result).log.entries.find((e) => e._seq === 1);
    expect([first?.pageref, first?._matched]).toEqual(['LIFE-UPDATE', true]);
  });

  it('keeps a callback an await step recorded but the call list lacks, with an absolute URL', () => {
    const result = sampleWithCallbacks();
    result.mozrest!.calls.splice(1, 1);
    const callbacks = renderHar(result).log.entries.filter((e) => e._direction === 'pos-to-mozrest');
    expect(callbacks.map((e) => [e.pageref, e.request.url])).toEqual([
      ['LIFE-UPDATE', 'http://127.0.0.1:4020/v1/pos/demo-venue/order/1001?attempt=1'],
      ['LIFE-VOID', 'http://127.0.0.1:4020/v1/pos/demo-venue/order/1002?attempt=2'],
      [undefined, 'http://127.0.0.1:4020/v1/pos/demo-venue/order/1003?attempt=3'],
    ]);
    expectValidHar(renderHar(result));
  });

  it('sorts entries by start time (the cleanup exchange comes after the callbacks)', () => {
    const entries = renderHar(sampleWithCallbacks()).log.entries;
    expect(entries.at(-1)?._phase).toBe('cleanup');
  });
});

describe('the HAR schema rejects broken documents', () => {
  const good = (): any => JSON.parse(JSON.stringify(renderHar(sampleWithCallbacks())));
  const broken: Array<[string, (d: any) => void, string]> = [
    ['an entry without response', (d) => delete d.log.entries[0].response, '/log/entries/0'],
    ['headers as an object', (d) => (d.log.entries[0].request.headers = { a: 'b' }), '/log/entries/0/request/headers'],
    ['a page without title', (d) => delete d.log.pages[0].title, '/log/pages/0'],
    ['a start time that is not a date-time', (d) => (d.log.entries[0].startedDateTime = 'soon'), '/log/entries/0/startedDateTime'],
  ];
  it('accepts the unbroken document', () => expect(validate(good())).toBe(true));
  for (const [name, breakIt, path] of broken) {
    it(`rejects ${name}`, () => {
      const doc = good();
      breakIt(doc);
      expect(validate(doc)).toBe(false);
      expect(validate.errors?.some((e) => e.instancePath === path)).toBe(true);
    });
  }
});

describe('har reporter', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function write(result: RunResult, redact?: (text: string) => string): Promise<string> {
    const outDir = await mkdtemp(join(tmpdir(), 'pos-accredit-har-'));
    dirs.push(outDir);
    const ctx: ReporterContext = { outDir, stream: new PassThrough(), color: false, isTTY: false, quiet: false, verbose: false, redact };
    expect(await createHarReporter(ctx).onRunEnd?.(result)).toEqual([join(outDir, HAR_FILE_NAME)]);
    return readFile(join(outDir, HAR_FILE_NAME), 'utf8');
  }

  it('masks a secret only the context knows, even where JSON escaping changes it', async () => {
    const secrets = ['tok-9f8e7d6c5b', 'pa"ss\\word-42'];
    const redactor = new Redactor();
    for (const s of secrets) redactor.add(s);
    const result = sampleWithCallbacks();
    const ex = result.cases[0]!.steps[0]!.exchanges[0]!;
    ex.request.headers['x-api-key'] = secrets[0]!;
    ex.request.headers['x-password'] = secrets[1]!;
    ex.request.url += `?token=${secrets[0]!}`;
    ex.request.body = JSON.stringify({ password: secrets[1] });
    result.mozrest!.calls[0]!.bodyText = `{"key":"${secrets[0]!}","p":${JSON.stringify(secrets[1])}}`;

    const unmasked = await write(result);
    expect(unmasked).toContain(secrets[0]);
    expect(unmasked).toContain(JSON.stringify(secrets[1]).slice(1, -1));

    const text = await write(result, (t) => redactor.redact(t));
    const strings: string[] = [];
    JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && strings.push(value), value));
    for (const s of secrets) {
      expect(text).not.toContain(JSON.stringify(s).slice(1, -1));
      expect(strings.filter((v) => v.includes(s) || v.includes(JSON.stringify(s).slice(1, -1)))).toEqual([]);
    }
    expect(text).toContain('"value": "***"');
    expectValidHar(JSON.parse(text));
  });

  describe('a real run against the reference POS', () => {
    let result: RunResult;
    let har: HarDocument;
    beforeAll(async () => {
      result = await accreditReferencePos();
      har = JSON.parse(await write(result)) as HarDocument;
    });

    it('validates, with an entry for every exchange and every callback', () => {
      expectValidHar(har);
      const calls = result.mozrest?.calls ?? [];
      expect(calls.length).toBeGreaterThan(0);
      // Await steps record the callbacks they saw; each is one of the calls, listed once.
      expect(har.log.entries).toHaveLength(exchangeCount(result) - callbackCopies(result) + calls.length);
      expect(callbackCopies(result)).toBeGreaterThan(0);
      expect(har.log.pages).toHaveLength(result.cases.length);
    });

    it('marks every callback and pages it under the case whose await step matched it', () => {
      const awaited = new Map<number, string>();
      for (const c of result.cases) {
        for (const s of [...c.steps, ...c.cleanup]) if (s.callback && !awaited.has(s.callback.seq)) awaited.set(s.callback.seq, c.id);
      }
      expect(awaited.size).toBeGreaterThan(0);
      const callbacks = har.log.entries.filter((e) => e._direction === 'pos-to-mozrest');
      expect(callbacks).toHaveLength(result.mozrest!.calls.length);
      for (const e of callbacks) {
        if (awaited.has(e._seq!)) expect([e.pageref, e._matched]).toEqual([awaited.get(e._seq!), true]);
        else expect(e._matched).not.toBe(true);
        expect(e.request.url.startsWith(new URL(result.mozrest!.url).origin + '/v1/pos/')).toBe(true);
      }
      expect(callbacks.filter((e) => e._matched).length).toBe(awaited.size);
      const others = har.log.entries.filter((e) => e._direction !== 'pos-to-mozrest');
      expect(others.every((e) => e._direction === 'harness-to-pos' && typeof e.pageref === 'string')).toBe(true);
    });
  });
});
