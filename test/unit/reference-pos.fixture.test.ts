// The fixture loader reports every problem with its path, so a hand-edited fixture fails clearly.
import { describe, expect, it } from 'vitest';
import { FixtureError, fixtureVenues, loadFixture, parseFixture } from '../../src/reference-pos/fixture.js';

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
  it('loads the shipped fixture: three venues (the third forbidden to the token), 60 + 8 + 2 tables, five closed seed orders', () => {
    const fixture = loadFixture();
    expect(fixture.venues.map((v) => [v.id, v.tables.length, v.orders.length, v.forbidden ?? false])).toEqual([
      ['venue-ref-1', 60, 4, false],
      ['venue-ref-2', 8, 1, false],
      ['venue-ref-3', 2, 0, true],
    ]);
    expect(fixtureVenues(fixture)).toEqual({ venueId: 'venue-ref-1', otherVenueId: 'venue-ref-2', forbiddenVenueId: 'venue-ref-3' });
  });

  it('access: is allowed (the default) or forbidden; two venues the token may access are needed', () => {
    const venue = (id: string, access?: string) => `{ id: ${id}, name: N, ${access ? `access: ${access}, ` : ''}tables: [{ id: T1, name: T }] }`;
    expect(() => parseFixture(`venues: [${venue('a')}, ${venue('b', 'secret')}]`)).toThrow(/venues\[1\]\.access: expected one of allowed, forbidden, found "secret"/);
    expect(() => parseFixture(`venues: [${venue('a')}, ${venue('b', 'forbidden')}]`)).toThrow(/at least two venues the token may access/);
    // Where the forbidden venue sits does not matter: the test venues are the first two allowed ones.
    const fixture = parseFixture(`venues: [${venue('x', 'forbidden')}, ${venue('a')}, ${venue('b', 'allowed')}]`);
    expect(fixtureVenues(fixture)).toEqual({ venueId: 'a', otherVenueId: 'b', forbiddenVenueId: 'x' });
    expect(fixtureVenues(parseFixture(`venues: [${venue('a')}, ${venue('b')}]`))).toEqual({ venueId: 'a', otherVenueId: 'b' });
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
