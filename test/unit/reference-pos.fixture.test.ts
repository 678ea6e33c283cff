// The fixture loader reports every problem with its path, so a hand-edited fixture fails clearly.
import { describe, expect, it } from 'vitest';
import { FixtureError, loadFixture, parseFixture } from '../../src/reference-pos/fixture.js';

const BROKEN = `
venues:
  - id: v1
    name: One
    tables: [{ id: T1, name: Table 1 }, { id: T1, name: Again }]
    orders:
      - id: "1"
        tables: [T9]
        closedDaysAgo: 1
        checks: [{ checkNumber: "5", status: open, paymentMetod: card, items: [] }]
  - id: v2
    name: Two
    tables: [{ id: B1, name: Booth, area: 3 }]
`;

describe('reference POS fixture', () => {
  it('loads the shipped fixture: two venues, 60 + 8 tables, five closed seed orders', () => {
    const { venues } = loadFixture();
    expect(venues.map((v) => [v.id, v.tables.length, v.orders.length])).toEqual([
      ['venue-ref-1', 60, 4],
      ['venue-ref-2', 8, 1],
    ]);
  });

  it('lists every problem with its path', () => {
    let error: unknown;
    try {
      parseFixture(BROKEN, 'broken.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FixtureError);
    const problems = (error as FixtureError).problems.join('\n');
    expect(problems).toContain('venues[0].tables: duplicate id "T1"');
    expect(problems).toContain('venues[0].orders[0].tables[0]: expected the id of one of this venue\'s tables, found "T9"');
    expect(problems).toContain('venues[0].orders[0].checks[0].status: expected one of closed, void');
    expect(problems).toContain('venues[0].orders[0].checks[0].paymentMetod: unknown key');
    expect(problems).toContain('venues[1].tables[0].area: expected a non-empty string, found a number');
    expect((error as Error).message).toMatch(/^Invalid reference-POS fixture broken.yaml:/);
  });

  it('needs two venues', () => {
    expect(() => parseFixture('venues: [{ id: v1, name: One, tables: [{ id: T1, name: T }] }]')).toThrow(/at least two venues/);
  });
});
