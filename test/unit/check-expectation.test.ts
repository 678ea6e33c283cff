import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkExpectation, show, type ResponseView } from '../../src/assert/check-expectation.js';
import { SchemaRegistry } from '../../src/suite/schema-registry.js';
import type { Scope } from '../../src/suite/language/scope.js';
import type { BodyAssertion, CompareOp, Expectation, HeaderAssertion } from '../../src/suite/types.js';
import type { SourcePos } from '../../src/core/words/position.js';

const dir = mkdtempSync(join(tmpdir(), 'pos-accredit-check-'));
writeFileSync(join(dir, 'order.json'), JSON.stringify({
  type: 'object',
  required: ['id', 'status'],
  properties: {
    id: { type: 'string' },
    status: { enum: ['open', 'closed'] },
    partySize: { type: 'integer' },
  },
}));
const schemas = new SchemaRegistry(dir);
const problems = schemas.loadAll();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (line: number, col = 9): SourcePos => ({ file: 'suites/orders.yaml', line, col });

function exp(parts: Partial<Omit<Expectation, 'pos'>>): Expectation {
  return { headers: [], body: [], pos: at(1), ...parts };
}
function body(path: string, op: CompareOp, value: unknown, line = 20, each = false): BodyAssertion {
  return { path, op, value, each, pos: at(line) };
}
function header(name: string, op: CompareOp, value: unknown, line = 10): HeaderAssertion {
  return { name, op, value, pos: at(line) };
}

const ORDERS = [
  { id: 'o-1', status: 'open', tables: ['t1'], partySize: 2 },
  { id: 'o-2', status: 'closed', tables: ['t2', 't3'], partySize: 4 },
  { id: 'o-3', status: 'Open', tables: ['t4'], partySize: 3 },
];
function response(json: unknown, extra: Partial<ResponseView> = {}): ResponseView {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, json, ...extra };
}
const NOT_JSON: ResponseView = { status: 200, headers: { 'content-type': 'text/html' }, json: undefined, jsonError: 'invalid JSON (Unexpected token <); body starts "<html>"' };
const scope = (): Scope => new Map<string, unknown>([['orderId', 'o-2'], ['statuses', ['open', 'closed']]]);
const check = (e: Expectation, res: ResponseView, soft = false) => checkExpectation(e, res, { schemas, scope: scope(), soft });

describe('the test schema registry', () => {
  it('loads', () => {
    expect(problems).toEqual([]);
    expect(schemas.names()).toEqual(['order.json']);
  });
});

describe('status', () => {
  it('passes when the code is one of those accepted', () => {
    const [r] = check(exp({ status: { codes: [200, 201], pos: at(5) } }), response({}));
    expect(r).toEqual({ check: 'status', ok: true, soft: false, pos: at(5), expected: [200, 201], actual: 200, message: 'status 200' });
  });

  it('fails with expected, actual and position; a single code is expected as a number', () => {
    const [r] = check(exp({ status: { codes: [401], pos: at(7, 17) } }), response({}, { status: 403 }));
    expect(r).toEqual({ check: 'status', ok: false, soft: false, pos: at(7, 17), expected: 401, actual: 403, message: 'expected status 401, got 403' });
  });

  it('several codes are listed in the message', () => {
    const [r] = check(exp({ status: { codes: [401, 403], pos: at(5) } }), response({}, { status: 200 }));
    expect(r?.message).toBe('expected status 401 or 403, got 200');
  });

  it('carries soft from the context (should blocks)', () => {
    const [r] = check(exp({ status: { codes: [401], pos: at(5) } }), response({}, { status: 403 }), true);
    expect(r?.ok).toBe(false);
    expect(r?.soft).toBe(true);
  });
});

describe('headers', () => {
  it('matches a header by lower-cased name', () => {
    const [r] = check(exp({ headers: [header('Content-Type', 'matches', '^application/json', 12)] }), response([]));
    expect(r).toMatchObject({ check: 'header Content-Type matches', ok: true, expected: '^application/json', actual: 'application/json; charset=utf-8', pos: at(12) });
  });

  it('fails with the actual value', () => {
    const [r] = check(exp({ headers: [header('content-type', 'matches', '^application/json')] }), NOT_JSON);
    expect(r).toMatchObject({ ok: false, expected: '^application/json', actual: 'text/html' });
    expect(r?.message).toBe('header content-type does not match: expected matching "^application/json", got "text/html"');
  });

  it('a missing header is undefined: exists fails, exists: false passes', () => {
    const [present, absent] = check(exp({ headers: [header('x-request-id', 'exists', true), header('x-powered-by', 'exists', false)] }), response([]));
    expect(present).toMatchObject({ ok: false, actual: undefined, expected: true, message: 'header x-request-id missing: expected present true, got nothing' });
    expect(absent?.ok).toBe(true);
  });

  it('renders template values', () => {
    const [r] = check(exp({ headers: [header('x-order', 'eq', '{{ orderId }}')] }), response([], { headers: { 'x-order': 'o-2' } }));
    expect(r).toMatchObject({ ok: true, expected: 'o-2', actual: 'o-2' });
  });
});

describe('schema', () => {
  it('one passing result when the body matches', () => {
    const results = check(exp({ schema: { ref: 'order.json', pos: at(8, 17) } }), response(ORDERS[0]));
    expect(results).toEqual([{ check: 'schema order.json', ok: true, soft: false, pos: at(8, 17), message: 'body matches order.json' }]);
  });

  it('one failing result per problem, each with pointer, expected and actual', () => {
    const results = check(exp({ schema: { ref: 'order.json', pos: at(8, 17) } }), response({ id: 7, status: 'OPEN' }));
    expect(results).toHaveLength(2);
    expect(results.every((r) => !r.ok && r.check === 'schema order.json' && r.pos.line === 8)).toBe(true);
    const byPointer = Object.fromEntries(results.map((r) => [r.pointer, r]));
    expect(byPointer['/id']).toMatchObject({ expected: 'string', actual: 7, message: 'order.json: /id must be string, got number 7' });
    expect(byPointer['/status']).toMatchObject({ expected: ['open', 'closed'], actual: 'OPEN' });
  });

  it('a missing required property points at its parent', () => {
    const [r] = check(exp({ schema: { ref: 'order.json', pos: at(8) } }), response({ id: 'o-1' }));
    expect(r).toMatchObject({ ok: false, pointer: '', expected: 'property "status"', actual: 'absent', message: 'order.json: the body is missing required property "status"' });
  });

  it('a non-JSON body fails the schema check with the reason', () => {
    const [r] = check(exp({ schema: { ref: 'order.json', pos: at(8) } }), NOT_JSON);
    expect(r).toMatchObject({ ok: false, expected: 'order.json', actual: NOT_JSON.jsonError });
    expect(r?.message).toMatch(/^body is not JSON \(invalid JSON/);
  });
});

describe('body assertions', () => {
  it('a singular path compares the one value and reports its pointer', () => {
    const [r] = check(exp({ body: [body('$[1].status', 'eq', 'closed', 21)] }), response(ORDERS));
    expect(r).toEqual({ check: '$[1].status eq', ok: true, soft: false, pos: at(21), pointer: '/1/status', expected: 'closed', actual: 'closed', message: '$[1].status equal to "closed"' });
  });

  it('a failing singular comparison carries expected, actual, pointer and position', () => {
    const [r] = check(exp({ body: [body('/2/status', 'eq', 'open', 22)] }), response(ORDERS));
    expect(r).toMatchObject({ ok: false, pointer: '/2/status', expected: 'open', actual: 'Open', pos: at(22) });
    expect(r?.message).toBe('/2/status not equal: expected equal to "open", got "Open"');
  });

  it('a singular path that selects nothing fails before comparing', () => {
    const [r] = check(exp({ body: [body('$[0].guestName', 'type', 'string')] }), response(ORDERS));
    expect(r).toMatchObject({ ok: false, expected: 'string', actual: undefined, message: 'nothing at $[0].guestName: expected of type "string"' });
    expect(r?.pointer).toBeUndefined();
  });

  it('exists works on a singular path that selects nothing', () => {
    const [absent, present] = check(exp({ body: [body('$[0].guestName', 'exists', false), body('$[0].id', 'exists', true)] }), response(ORDERS));
    expect(absent?.ok).toBe(true);
    expect(present).toMatchObject({ ok: true, pointer: '/0/id', actual: 'o-1' });
  });

  it('a non-singular path compares the list of selected values, with no pointer', () => {
    const [contains, length] = check(exp({ body: [body('$[*].id', 'contains', 'o-2'), body('$[*].tables[*]', 'length', 5)] }), response(ORDERS));
    expect(contains).toMatchObject({ ok: true, actual: ['o-1', 'o-2', 'o-3'], expected: 'o-2' });
    expect(contains?.pointer).toBeUndefined();
    expect(length).toMatchObject({ ok: false, actual: ['t1', 't2', 't3', 't4'], expected: 5, message: '$[*].tables[*] has length 4: expected of length 5, got ["t1","t2","t3","t4"]' });
  });

  it('templates in the path and in the value are rendered', () => {
    const [r] = check(exp({ body: [body("$[?@.id == '{{ orderId }}'].partySize", 'eq', [4])] }), response(ORDERS));
    expect(r).toMatchObject({ check: "$[?@.id == 'o-2'].partySize eq", ok: true, actual: [4] });
    const [typed] = check(exp({ body: [body('$[0].status', 'in', '{{ statuses }}')] }), response(ORDERS));
    expect(typed).toMatchObject({ ok: true, expected: ['open', 'closed'] });
  });

  it('an invalid path is the suite\'s fault, thrown for the step to report as an error', () => {
    expect(() => check(exp({ body: [body('$[', 'exists', true)] }), response(ORDERS))).toThrow(/^invalid JSONPath "\$\[": /);
  });

  it('a non-JSON body fails every body assertion with the parse error as actual', () => {
    const [r] = check(exp({ body: [body('$.id', 'exists', true)] }), NOT_JSON);
    expect(r).toMatchObject({ check: '$.id exists', ok: false, actual: NOT_JSON.jsonError });
    expect(r?.message).toBe(`body is not JSON (${NOT_JSON.jsonError}), cannot check $.id`);
  });
});

describe('body assertions with each', () => {
  it('passes when every selected value passes', () => {
    const [r] = check(exp({ body: [body('$[*].partySize', 'type', 'integer', 30, true)] }), response(ORDERS));
    expect(r).toMatchObject({ check: '$[*].partySize each type', ok: true, expected: 'integer', message: 'all 3 $[*].partySize of type "integer"' });
  });

  it('reports the first failing node with its pointer and how many fail', () => {
    const [r] = check(exp({ body: [body('$[*].status', 'in', ['open', 'closed'], 31, true)] }), response([...ORDERS, { id: 'o-4', status: 'VOID' }]));
    expect(r).toMatchObject({ ok: false, pointer: '/2/status', expected: ['open', 'closed'], actual: 'Open', pos: at(31) });
    expect(r?.message).toBe('/2/status not one of the allowed values: expected every $[*].status one of ["open","closed"], got "Open" (2 of 4 fail)');
  });

  it('fails for an empty selection, and holds for one when allowEmpty says it may be empty', () => {
    const [r] = check(exp({ body: [body("$[?@.status == 'void'].id", 'eq', 'x', 32, true)] }), response(ORDERS));
    expect(r).toMatchObject({ ok: false, actual: [] });
    const [allowed] = check(exp({ body: [{ ...body("$[?@.status == 'void'].id", 'eq', 'x', 32, true), allowEmpty: true }] }), response(ORDERS));
    expect(allowed).toMatchObject({ ok: true, message: "all 0 $[?@.status == 'void'].id equal to \"x\"" });
  });
});

describe('a whole expectation', () => {
  it('returns status, headers, schema then body results, in that order', () => {
    const e = exp({
      status: { codes: [200], pos: at(2) },
      headers: [header('content-type', 'matches', 'json', 3)],
      schema: { ref: 'order.json', pos: at(4) },
      body: [body('$.id', 'eq', 'o-1', 5)],
    });
    const results = check(e, response(ORDERS[0]));
    expect(results.map((r) => [r.check, r.ok, r.pos.line])).toEqual([
      ['status', true, 2], ['header content-type matches', true, 3], ['schema order.json', true, 4], ['$.id eq', true, 5],
    ]);
  });

  it('show() truncates long values and says nothing for undefined', () => {
    expect(show(undefined)).toBe('nothing');
    expect(show('x'.repeat(200))).toHaveLength(120);
    expect(show({ a: 1 })).toBe('{"a":1}');
  });
});

describe('review regressions', () => {
  it('exists on a non-singular path asks whether anything was selected', () => {
    const [present] = check(exp({ body: [body("$[?@.id == 'o-2']", 'exists', true)] }), response(ORDERS));
    const [absent] = check(exp({ body: [body("$[?@.id == 'nope']", 'exists', false)] }), response(ORDERS));
    const [wronglyPresent] = check(exp({ body: [body("$[?@.id == 'nope']", 'exists', true)] }), response(ORDERS));
    expect([present?.ok, absent?.ok, wronglyPresent?.ok]).toEqual([true, true, false]);
  });

  it('each on a singular path that selects nothing fails; on an empty list too, unless allowEmpty says it may be empty', () => {
    const [missing] = check(exp({ body: [body('$[0].nope', 'eq', 1, 20, true)] }), response(ORDERS));
    expect(missing).toMatchObject({ ok: false, message: 'nothing at $[0].nope: expected equal to 1' });
    // "Every check of the closed order has a total" must not hold for an order without checks.
    const [vacuous] = check(exp({ body: [body('$.checks[*].totalAmount', 'type', 'number', 20, true)] }), response({ id: 'o-1', checks: [] }));
    expect(vacuous).toMatchObject({ ok: false, message: '$.checks[*].totalAmount selected nothing: expected every one of type "number", and there is none (allowEmpty: true when the list may be empty)' });
    const [allowed] = check(exp({ body: [{ ...body('$[*].id', 'eq', 'x', 20, true), allowEmpty: true }] }), response([]));
    expect(allowed?.ok).toBe(true);
  });
});
