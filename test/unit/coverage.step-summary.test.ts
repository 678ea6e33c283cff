// One-line step summaries for docs/checks.md: what a step sends and what it expects.
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../src/contract/types.js';
import { showTemplate, summarizeStep } from '../../src/coverage/step-summary.js';
import type { Expectation, Step } from '../../src/suite/types.js';

const pos = { file: 's.yaml', line: 1, col: 1 };
const contract: Contract = {
  name: 'c', version: '1', file: 'contract.yaml',
  sections: { paths: { getOrder: { value: '/venue/{venueId}/orders/{orderId}', basis: 'inferred', source: 'A6' }, mozrestUpdateOrder: { value: '/{venueId}/order/{orderId}', basis: 'documented', source: 'P3' } } },
};
const common = { capture: [], set: {}, let: {}, pos };
const expectation = (e: Partial<Expectation>): Expectation => ({ headers: [], body: [], pos, ...e });

describe('summarizeStep', () => {
  it('a request: method, path with query, body keys, headers, auth; then status, schema and body checks', () => {
    const step: Step = {
      ...common, kind: 'request', name: 'create',
      request: { method: 'POST', path: '/venue/{{ venue }}/orders', query: { status: 'open' }, headers: { 'X-A': 'b' }, auth: 'none', body: { tables: ['T1'], guestName: 'x' }, pos },
      expect: expectation({ status: { codes: [200, 201], pos }, schema: { ref: 'order.json', pos }, body: [{ path: '$.id', op: 'type', value: 'string', each: false, pos }] }),
      should: expectation({ body: [{ path: '$.checks[*].status', op: 'eq', value: 'open', each: true, pos }] }),
    };
    expect(summarizeStep(step)).toEqual({
      name: 'create',
      does: 'sends `POST /venue/{{ venue }}/orders?status=open`, body `{ tables, guestName }`, header `X-A: b`, without Authorization',
      expects: ['status 200 or 201', 'schema `order.json`', '`$.id type string`'],
      should: ['`$.checks[*].status each eq open`'],
      until: [],
    });
  });

  it('an await shows the contract path and its where-conditions', () => {
    const step: Step = { ...common, kind: 'await', method: 'PUT', path: '{{ contract.paths.mozrestUpdateOrder }}', peek: false, order: { posId: '{{ orderId }}' }, where: [{ path: '$.partySize', op: 'eq', value: 4, each: false, pos }] };
    expect(summarizeStep(step, contract).does).toBe('waits for the POS to call `PUT /{venueId}/order/{orderId}` for the order with POS id `{{ orderId }}` where `$.partySize eq 4`');
  });

  it('an action names the action, its order and its parameters; a mozrest step says what the mock answers', () => {
    expect(summarizeStep({ ...common, kind: 'action', action: 'close-order', order: '{{ orderId }}', params: { paymentMethod: 'card', tip: 5 } }).does)
      .toBe('operator action `close-order` on order `{{ orderId }}` with paymentMethod, tip');
    expect(summarizeStep({ ...common, kind: 'mozrest', failNext: { count: 2, status: 503 } }).does).toBe('mock Mozrest answers the next 2 callbacks with 503');
  });
});

describe('summarizeStep: check, forEach, await none, maxDuration', () => {
  it('a check names the value it judges', () => {
    const step: Step = { ...common, kind: 'check', value: '{{ target }}', expect: expectation({ body: [{ path: '$.transport', op: 'in', value: ['https', 'http-loopback'], each: false, pos }] }) };
    expect(summarizeStep(step)).toMatchObject({ does: 'checks `{{ target }}`', expects: ['`$.transport in ["https","http-loopback"]`'] });
  });

  it('a forEach says what it iterates and what each iteration does and expects, cleanup included', () => {
    const step: Step = {
      ...common, kind: 'forEach', items: '{{ freeTables }}', as: 'table',
      steps: [{ ...common, kind: 'request', name: 'open', request: { method: 'POST', path: '/venue/{{ venue }}/orders', query: {}, headers: {}, auth: 'token', body: { tables: ['{{ table }}'] }, pos }, expect: expectation({ status: { codes: [200, 409], pos } }) }],
      cleanup: [{ ...common, kind: 'action', name: 'void it', action: 'void-order', order: '{{ orderId }}', params: {} }],
    };
    expect(summarizeStep(step).does).toBe(
      'for each `table` in `{{ freeTables }}`: open: sends `POST /venue/{{ venue }}/orders`, body `{ tables }` — expects status 200 or 409; cleanup: void it: operator action `void-order` on order `{{ orderId }}`',
    );
  });

  it('an await for no call says so, with its window; maxDuration reads as a time limit', () => {
    const none: Step = { ...common, kind: 'await', method: 'PUT', path: '{{ contract.paths.mozrestUpdateOrder }}', peek: false, none: true, timeoutMs: 500, order: { posId: '{{ orderId }}' }, where: [{ path: '$.status', op: 'ne', value: 'closed', each: false, pos }] };
    expect(summarizeStep(none, contract).does).toBe('expects the POS not to call `PUT /{venueId}/order/{orderId}` where `$.status ne closed` within 500 ms');
    const timed: Step = { ...common, kind: 'request', request: { method: 'GET', path: '/t', query: {}, headers: {}, auth: 'token', pos }, should: expectation({ maxDuration: { value: '{{ contract.limits.slowResponseMs }}', pos } }) };
    expect(summarizeStep(timed).should).toEqual(['an answer within `{{ contract.limits.slowResponseMs }}`']);
    const withLimits: Contract = { ...contract, sections: { ...contract.sections, limits: { slowResponseMs: { value: 2000, basis: 'inferred', source: 'A22' } } } };
    expect(summarizeStep(timed, withLimits).should).toEqual(['an answer within 2 s']);
    expect(summarizeStep({ ...timed, should: expectation({ maxDuration: { value: 2000, pos } }) }).should).toEqual(['an answer within 2 s']);
  });
});

describe('showTemplate', () => {
  it('fills contract paths and fill(...) slots, keeping other placeholders', () => {
    expect(showTemplate("{{ fill(contract.paths.getOrder, venue, 'any-order') }}", contract)).toBe('/venue/{{ venue }}/orders/any-order');
    expect(showTemplate('{{ contract.paths.nope }}', contract)).toBe('{{ contract.paths.nope }}');
    expect(showTemplate('{{ orderId }}', contract)).toBe('{{ orderId }}');
  });
});
