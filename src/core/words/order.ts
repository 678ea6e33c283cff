// How an order of the run is named in messages and reports: `1178 (T45, ORD-CREATE-MIN)`.
import type { LedgerOrder } from '../results.js';

export function describeOrder(order: LedgerOrder): string {
  const id = order.posId ?? (order.mozrestId ? `Mozrest ${order.mozrestId}` : 'walk-in');
  return `${id} (${[...order.tables, order.openedBy].join(', ')})`;
}

/** `Left open on the POS: order 1178 (T45, ORD-CREATE-MIN), …` — every run ends with it. */
export function leftOpenLine(venue: { leftOpen: LedgerOrder[]; kept?: boolean }): string {
  const what = venue.kept ? 'Kept open on the POS (--keep)' : 'Left open on the POS';
  if (venue.leftOpen.length === 0) return `${what}: nothing.`;
  const n = venue.leftOpen.length;
  return `${what}: ${n === 1 ? 'order' : `${n} orders`} ${venue.leftOpen.map(describeOrder).join(', ')}.`;
}
