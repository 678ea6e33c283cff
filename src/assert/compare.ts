// The comparison operators shared by body and header assertions. Each returns null when the
// comparison holds, or a short phrase saying what was wrong.
import { SuiteFault } from '../suite/language/suite-fault.js';
import type { CompareOp } from '../suite/types.js';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value === undefined) return 'missing';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

export function toRegExp(pattern: unknown): RegExp {
  try {
    return new RegExp(String(pattern));
  } catch (err) {
    throw new SuiteFault(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

const article = (word: string): string => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

function ordered(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean): string | null {
  const bothNumbers = typeof actual === 'number' && typeof expected === 'number';
  const bothStrings = typeof actual === 'string' && typeof expected === 'string';
  if (!bothNumbers && !bothStrings) return `cannot order ${jsonType(actual)} against ${jsonType(expected)}`;
  const cmp = bothNumbers ? (actual as number) - (expected as number) : (actual as string).localeCompare(expected as string);
  return test(cmp, 0) ? null : 'out of range';
}

function includes(container: unknown, needle: unknown): boolean {
  if (typeof container === 'string' && typeof needle === 'string') return container.includes(needle);
  if (!Array.isArray(container)) return false;
  const needles = Array.isArray(needle) ? needle : [needle];
  return needles.every((n) => container.some((c) => deepEqual(c, n)));
}

/**
 * When two scalars read the same but differ in JSON type (1064 and "1064"): `number vs string`,
 * naming the expected type first. The commonest mismatch between a POS and the contract.
 */
function typeMismatch(expected: unknown, actual: unknown): string | undefined {
  const scalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (!scalar(expected) || !scalar(actual) || typeof expected === typeof actual) return undefined;
  return String(expected) === String(actual) ? `${typeof expected} vs ${typeof actual}` : undefined;
}

/** In a list that lacks `needle`: an element that reads the same in another JSON type. */
function listMismatch(list: unknown, needle: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const needles = Array.isArray(needle) ? needle : [needle];
  for (const n of needles) {
    if (list.some((c) => deepEqual(c, n))) continue;
    const twin = list.find((c) => typeMismatch(n, c) !== undefined);
    if (twin !== undefined) return `${typeMismatch(n, twin)}: the list holds ${JSON.stringify(twin)}`;
  }
  return undefined;
}

const withWhy = (phrase: string, why: string | undefined): string => (why ? `${phrase} (${why})` : phrase);

export function compare(op: CompareOp, actual: unknown, expected: unknown): string | null {
  switch (op) {
    case 'eq':
      return deepEqual(actual, expected) ? null : withWhy('not equal', typeMismatch(expected, actual));
    case 'ne':
      return deepEqual(actual, expected) ? 'equal but must differ' : null;
    case 'gt':
      return ordered(actual, expected, (a, b) => a > b);
    case 'gte':
      return ordered(actual, expected, (a, b) => a >= b);
    case 'lt':
      return ordered(actual, expected, (a, b) => a < b);
    case 'lte':
      return ordered(actual, expected, (a, b) => a <= b);
    case 'in':
      if (Array.isArray(expected) && expected.some((e) => deepEqual(actual, e))) return null;
      return withWhy('not one of the allowed values', Array.isArray(expected) ? expected.map((e) => typeMismatch(e, actual)).find((m) => m !== undefined) : undefined);
    case 'contains':
      if (typeof actual !== 'string' && !Array.isArray(actual)) return withWhy(`${article(jsonType(actual))} cannot contain anything`, typeMismatch(expected, actual));
      return includes(actual, expected) ? null : withWhy('not contained', listMismatch(actual, expected));
    case 'notContains':
      return includes(actual, expected) ? 'contained but must not be' : null;
    case 'matches':
      if (typeof actual !== 'string') return `${article(jsonType(actual))} is not text`;
      return toRegExp(expected).test(actual) ? null : 'does not match';
    case 'exists':
      return (actual !== undefined) === (expected !== false) ? null : expected === false ? 'present but must be absent' : 'missing';
    case 'type': {
      const t = jsonType(actual);
      const ok = t === expected || (expected === 'number' && t === 'integer');
      return ok ? null : `is ${t}`;
    }
    case 'unique': {
      if (!Array.isArray(actual)) return `${article(jsonType(actual))} is not a list`;
      const seen = new Set(actual.map((v) => JSON.stringify(v)));
      const unique = seen.size === actual.length;
      return unique === (expected !== false) ? null : 'has duplicates';
    }
    case 'length': {
      const n = typeof actual === 'string' || Array.isArray(actual) ? actual.length : undefined;
      if (n === undefined) return `${article(jsonType(actual))} has no length`;
      return n === expected ? null : `has length ${n}`;
    }
  }
}

/** Human phrase for an operator, used in messages: `$.status eq "open"` → `equal to "open"`. */
export const OP_PHRASES: Record<CompareOp, string> = {
  eq: 'equal to', ne: 'different from', gt: 'greater than', gte: 'at least', lt: 'less than',
  lte: 'at most', in: 'one of', contains: 'containing', notContains: 'not containing',
  matches: 'matching', exists: 'present', type: 'of type', unique: 'without duplicates', length: 'of length',
};
