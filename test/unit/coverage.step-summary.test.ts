// One-line step summaries for docs/checks.md: what a step sends and what it expects.
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../src/contract/contract.js';
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

describe('showTemplate', () => {
  it('fills contract paths and fill(...) slots, keeping other placeholders', () => {
    expect(showTemplate("{{ fill(contract.paths.getOrder, venue, 'any-order') }}", contract)).toBe('/venue/{{ venue }}/orders/any-order');
    expect(showTemplate('{{ contract.paths.nope }}', contract)).toBe('{{ contract.paths.nope }}');
    expect(showTemplate('{{ orderId }}', contract)).toBe('{{ orderId }}');
  });
});
