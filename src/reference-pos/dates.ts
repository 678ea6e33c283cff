// The two date formats of the contract, parsed strictly by hand: `Date.parse` accepts far too much
// (`2025-02-30` rolls over to March, missing zones mean local time), and a model POS should reject
// what it cannot read rather than guess.
//
// - E2 `date`: `Y-m-d H:i:s` without a zone (§2.2). A1 leaves the zone open; the reference POS
//   reads it as UTC so results never depend on the machine's time zone.
// - E3 `from`/`until`: ISO 8601 date-time with `Z` or a numeric offset (§2.3, §8.4 #45–46).

const SEATING_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

// Date and time are required; seconds and fractions optional; the zone is required because an
// instant without one is ambiguous. A space may stand for the `+` of an offset: an unencoded `+`
// in a query string arrives as a space, a mistake common enough to forgive.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+\- ](\d{2}):?(\d{2}))$/i;

/** Parses `Y-m-d H:i:s` as UTC; null when the text or the calendar date is invalid. */
export function parseSeatingDate(text: string): Date | null {
  const m = SEATING_DATE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  if (!isValidDateTime(year, month, day, hour, minute, second)) return null;
  return utcDate(year, month, day, hour, minute, second, 0);
}

/** Formats an instant as `Y-m-d H:i:s` in UTC, the inverse of `parseSeatingDate`. */
export function formatSeatingDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export interface InstantOptions {
  /** Fault `list-ignores-offset`: read `+02:00` as if it were `Z`. */
  ignoreOffset?: boolean;
}

/** Parses an ISO 8601 date-time with zone; null when unparsable or not a real calendar date. */
export function parseIsoInstant(text: string, options: InstantOptions = {}): Date | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (!isValidDateTime(year, month, day, hour, minute, second)) return null;

  let offsetMinutes = 0;
  if (m[8]?.toUpperCase() !== 'Z') {
    const offHours = Number(m[9]);
    const offMinutes = Number(m[10]);
    if (offHours > 23 || offMinutes > 59) return null;
    const sign = m[8]?.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (offHours * 60 + offMinutes);
  }
  if (options.ignoreOffset) offsetMinutes = 0;

  const local = utcDate(year, month, day, hour, minute, second, millis);
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

/** Drops milliseconds: `date` on the wire has whole seconds, so stored times must too. */
export function truncateToSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

function isValidDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return false;
  return h <= 23 && mi <= 59 && s <= 59;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; the Date arithmetic handles leap years.
  return utcDate(year, month + 1, 0, 0, 0, 0, 0).getUTCDate();
}

// `Date.UTC` maps years 0–99 to 1900–1999; setting the full year afterwards avoids that trap.
function utcDate(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date {
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y, mo - 1, d);
  return date;
}
