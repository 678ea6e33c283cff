// The size of the accredited venue (`startReferencePos({ tables })`): a real restaurant has 8 or 20
// tables, not the fixture's 60, and a suite that quietly relies on "there is always another free
// table" should meet a venue of a vendor's size before it meets a vendor. The venue keeps the
// fixture's first N tables, names and areas unchanged; every other venue stays as it is.
//
// Seed orders are closed, so they hold no table; but they stand on tables, and an order on a table
// E1 no longer lists would contradict E1. Dropping them would lose what the suites and the recheck
// read (9001 closed 2 days ago, the 44-day-old 9003, the merged-table 9002), so each table the
// smaller venue lacks is moved onto a kept one instead, wrapping around by its position in the
// fixture (with 8 tables: T12 → T4, T13 → T5). Merged tables stay merged while the venue has room
// for them; with too few tables they fold onto one.

import type { Fixture } from './fixture.js';

/** How many tables the accredited venue has in the fixture: the largest `tables` accepted. */
export function fullVenueSize(fixture: Fixture): number {
  return accreditedVenue(fixture).tables.length;
}

/** The fixture with the accredited venue cut to its first `tables` tables; throws on a bad count. */
export function withVenueSize(fixture: Fixture, tables: number): Fixture {
  const venue = accreditedVenue(fixture);
  const full = venue.tables.length;
  if (!Number.isInteger(tables) || tables < 1 || tables > full) {
    throw new Error(`The reference POS's tables must be a whole number between 1 and ${full} (the fixture's venue ${venue.id} has ${full}), not ${String(tables)}`);
  }
  if (tables === full) return fixture;

  const kept = venue.tables.slice(0, tables);
  const keptIds = new Set(kept.map((t) => t.id));
  const position = new Map(venue.tables.map((t, i) => [t.id, i]));
  const onKept = (id: string): string => (keptIds.has(id) ? id : kept[position.get(id)! % tables]!.id);
  const resized = {
    ...venue,
    tables: kept,
    orders: venue.orders.map((order) => ({ ...order, tables: [...new Set(order.tables.map(onKept))] })),
  };
  return { venues: fixture.venues.map((v) => (v === venue ? resized : v)) };
}

/** The venue runs accredit: the first one the token may access (as `fixtureVenues` picks it). */
function accreditedVenue(fixture: Fixture): Fixture['venues'][number] {
  const venue = fixture.venues.find((v) => !v.forbidden);
  if (!venue) throw new Error('The fixture has no venue the token may access');
  return venue;
}
