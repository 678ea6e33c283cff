// The venue ledger: tables leased and given back, orders known by both ids, what stays open.
import { describe, expect, it } from 'vitest';
import { VenueLedger } from '../../src/engine/venue-ledger.js';
import { SuiteFault } from '../../src/suite/language/suite-fault.js';

const inOrder = (list: string[]): string[] => list;

describe('VenueLedger', () => {
  it('a lease takes free tables; an order opened on them keeps them until it is closed or voided', () => {
    const ledger = new VenueLedger(['T1', 'T2', 'T3'], inOrder);
    const lease = ledger.lease('CASE-A', 2);
    expect(lease.tables).toEqual(['T1', 'T2']);
    expect(ledger.freeTables()).toEqual(['T3']);
    ledger.opened(lease, { posId: '1001', mozrestId: 'm-1' });
    ledger.endOf('CASE-A');
    expect(ledger.freeTables()).toEqual(['T3']);
    expect(ledger.open()).toEqual([{ posId: '1001', mozrestId: 'm-1', tables: ['T1', 'T2'], openedBy: 'CASE-A', state: 'open' }]);
    // Found by either id.
    expect(ledger.ended('m-1', 'closed')?.state).toBe('closed');
    expect(ledger.freeTables().sort()).toEqual(['T1', 'T2', 'T3']);
    expect(ledger.open()).toEqual([]);
  });

  it('a refused create gives its tables back; a lease never seated returns at the end of its case', () => {
    const ledger = new VenueLedger(['T1', 'T2'], inOrder);
    ledger.giveBack(ledger.lease('CASE-A', 1));
    expect(ledger.freeTables().sort()).toEqual(['T1', 'T2']);
    ledger.lease('CASE-B', 2);
    expect(ledger.freeTables()).toEqual([]);
    ledger.endOf('CASE-B');
    expect(ledger.freeTables().sort()).toEqual(['T1', 'T2']);
  });

  it('a table found occupied (409) is not handed out again', () => {
    const ledger = new VenueLedger(['T1', 'T2'], inOrder);
    const lease = ledger.lease('CASE-A', 1);
    ledger.busy(lease, lease.tables[0]!);
    expect(ledger.lease('CASE-A', 1).tables).toEqual(['T2']);
    expect(() => ledger.lease('CASE-A', 1)).toThrow(SuiteFault);
  });

  it('with no table left it says who holds them', () => {
    const ledger = new VenueLedger(['T1'], inOrder);
    ledger.opened(ledger.lease('ORD-CREATE-MIN', 1), { posId: '1001' });
    expect(() => ledger.lease('ORD-CREATE-FULL', 1)).toThrow(/no free table left \(needed 1, 0 free; this run's open orders hold 1001 \(T1, ORD-CREATE-MIN\)\)/);
  });

  it('a walk-in is named by its M1; a move frees the old table', () => {
    const ledger = new VenueLedger(['T1', 'T2', 'T3'], inOrder);
    ledger.opened(ledger.lease('LIFE-WALK-IN', 1), {});
    expect(ledger.identify(['T1'], { posId: '2001', mozrestId: 'mz-9' })?.posId).toBe('2001');
    expect(ledger.find('mz-9')?.tables).toEqual(['T1']);
    ledger.moved('2001', ledger.lease('LIFE-WALK-IN', 1));
    expect(ledger.find('2001')?.tables).toEqual(['T2']);
    expect(ledger.freeTables().sort()).toEqual(['T1', 'T3']);
  });

  it('a named table is leased even if the survey found it busy, but never one this run holds', () => {
    const ledger = new VenueLedger(['T1'], inOrder);
    expect(ledger.lease('TABLES-ALL-ACCEPTED', ['T9']).tables).toEqual(['T9']);
    ledger.opened(ledger.lease('X', 1), { posId: '1' });
    expect(() => ledger.lease('Y', ['T1'])).toThrow(/table T1 is not free: this run's order 1 \(T1, X\) stands there/);
  });

  it('unknown free tables: every lease says why', () => {
    const ledger = new VenueLedger('GET /venue/v/tables answered 500');
    expect(() => ledger.lease('X', 1)).toThrow(/free tables are not known \(GET \/venue\/v\/tables answered 500\)/);
  });
});
