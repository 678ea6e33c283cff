// E1 — GET /venue/{venueId}/tables (§2.1, §8.2): a bare array of `{ id, name, area }`, ids being
// the strings E2 accepts in `tables`.

import { ok } from '../http-io.js';
import { tablesToWire } from '../wire.js';
import type { Handler } from './context.js';

export const getTables: Handler = ({ venue, faults }) => {
  const tables = tablesToWire(venue.tables, faults);
  return ok(faults.has('tables-wrapped') ? { tables } : tables);
};
