import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, ACTIONS, describeAction, validateActionParams } from '../../src/suite/language/actions.js';
import { formatDuration } from '../../src/core/words/duration.js';
import { buildDriverRequest } from '../../src/drivers/driver-request.js';

describe('describeAction', () => {
  const T12 = { tables: ['T12'] };

  it.each([
    ['add-items', { items: [{ name: 'Steak', price: 40, quantity: 2 }] }, 'On the POS, add 2 × Steak at 40.00 to order 98765 (table T12), then press Enter'],
    [
      'add-items',
      { checkNumber: '2', items: [{ name: 'Steak', price: 40, quantity: 2 }, { name: 'Water', price: 2.5, quantity: 1 }, { name: 'Cake', price: 7, quantity: 3 }] },
      'On the POS, add 2 × Steak at 40.00, 1 × Water at 2.50 and 3 × Cake at 7.00 to check 2 of order 98765 (table T12), then press Enter',
    ],
    ['split-check', { parts: 3 }, 'On the POS, split the bill of order 98765 (table T12) into 3 checks, then press Enter'],
    ['pay-check', { checkNumber: '2', paymentMethod: 'card', tip: 5 }, 'On the POS, take payment for check 2 of order 98765 (table T12) by card, with a tip of 5.00, then press Enter'],
    ['close-order', { paymentMethod: 'cash' }, 'On the POS, take payment for everything still open on order 98765 (table T12) by cash, and close the order, then press Enter'],
    ['void-order', {}, 'On the POS, void order 98765 (table T12), then press Enter'],
    ['void-check', { checkNumber: '1' }, 'On the POS, void check 1 of order 98765 (table T12), then press Enter'],
    ['move-table', { tables: ['T3', 'T4'] }, 'On the POS, move order 98765 from table T12 to tables T3 + T4, then press Enter'],
    ['set-party-size', { partySize: 1 }, 'On the POS, change the party size of order 98765 (table T12) to 1 guest, then press Enter'],
  ])('%s: %s', (action, params, expected) => {
    expect(describeAction(action, 'V1', '98765', params, T12)).toBe(expected);
  });

  it('names the venue for a walk-in, which has no order yet', () => {
    expect(describeAction('open-walk-in', 'V1', null, { tables: ['T3'], partySize: 4 })).toBe(
      'On the POS of venue V1, open a walk-in order for 4 guests at table T3, then press Enter',
    );
  });

  it('leaves out the table when unknown and never throws on bad params', () => {
    expect(describeAction('void-order', 'V1', '98765', {})).toBe('On the POS, void order 98765, then press Enter');
    expect(describeAction('add-items', 'V1', null, { items: 'lots' })).toBe('On the POS, add the items lots to the order, then press Enter');
    expect(describeAction('pay-check', 'V1', '1', {})).toBe('On the POS, take payment for check ? of order 1 by ?, then press Enter');
    expect(describeAction('dance', 'V1', '1', { style: 'waltz' })).toBe('On the POS of venue V1, perform "dance" on order 1 with {"style":"waltz"}, then press Enter');
  });
});

describe('validateActionParams', () => {
  it('accepts a valid call of every action (orderId allowed)', () => {
    const valid: Record<string, Record<string, unknown>> = {
      'add-items': { orderId: '1', items: [{ name: 'Steak', price: 40, quantity: 2 }] },
      'split-check': { parts: 2 },
      'pay-check': { checkNumber: 2, paymentMethod: 'card', tip: 0 },
      'close-order': { paymentMethod: 'cash' },
      'void-order': {},
      'void-check': { checkNumber: '1' },
      'open-walk-in': { tables: ['T3'], partySize: 4 },
      'move-table': { tables: ['T3', 7] },
      'set-party-size': { partySize: 6 },
    };
    expect(Object.keys(valid).sort()).toEqual([...ACTION_NAMES].sort());
    for (const [action, params] of Object.entries(valid)) expect(validateActionParams(action, params), action).toEqual([]);
  });

  it('reports unknown actions, missing and mistyped params, and unknown params', () => {
    expect(validateActionParams('dance', {})).toMatchObject([{ code: 'unknown-action', severity: 'error', path: 'action' }]);
    expect(validateActionParams('pay-check', { checkNumber: '1' })).toMatchObject([{ code: 'missing-param', path: 'params.paymentMethod' }]);
    expect(validateActionParams('split-check', { parts: 2.5 })).toMatchObject([{ code: 'bad-param', path: 'params.parts', message: 'parts must be an integer ≥ 1, got 2.5' }]);
    expect(validateActionParams('add-items', { items: [{ name: 'Steak', price: '40', quantity: 0 }] })).toMatchObject([
      { code: 'bad-param', path: 'params.items[0].price' },
      { code: 'bad-param', path: 'params.items[0].quantity' },
    ]);
    expect(validateActionParams('open-walk-in', { tables: [], partySize: 2 })).toMatchObject([{ code: 'bad-param', path: 'params.tables' }]);
    expect(validateActionParams('void-order', { reason: 'x' })).toMatchObject([{ code: 'unknown-param', severity: 'warning', path: 'params.reason' }]);
  });

  it('lets templates through at load time only', () => {
    const params = { partySize: '{{ partySize }}' };
    expect(validateActionParams('set-party-size', params, { templates: true })).toEqual([]);
    expect(validateActionParams('set-party-size', params)).toMatchObject([{ code: 'bad-param' }]);
  });

  it('documents every action: a summary, and a meaning for every param', () => {
    for (const name of ACTION_NAMES) {
      expect(ACTIONS[name].summary).not.toBe('');
      for (const p of ACTIONS[name].params) expect(p.meaning, `${name}.${p.name}`).not.toBe('');
    }
  });
});

describe('driver request', () => {
  it('takes orderId out of the params', () => {
    expect(buildDriverRequest('void-check', 'V1', { orderId: 42, checkNumber: '1' })).toEqual({ action: 'void-check', venueId: 'V1', orderId: '42', params: { checkNumber: '1' } });
    expect(buildDriverRequest('open-walk-in', 'V1', { tables: ['T1'], partySize: 2 }).orderId).toBeNull();
  });

  it('formats durations for messages', () => {
    expect([formatDuration(150), formatDuration(120_000), formatDuration(1500)]).toEqual(['150 ms', '2 min', '1.5 s']);
  });
});
