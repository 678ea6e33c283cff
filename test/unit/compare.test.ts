import { describe, expect, it } from 'vitest';
import { compare, deepEqual, jsonType, OP_PHRASES } from '../../src/assert/compare.js';
import { COMPARE_OPS } from '../../src/suite/types.js';

describe('compare: eq / ne', () => {
  it('eq holds for deeply equal values, whatever the key order', () => {
    expect(compare('eq', 'open', 'open')).toBeNull();
    expect(compare('eq', { a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeNull();
    expect(compare('eq', null, null)).toBeNull();
  });

  it('eq fails on any difference, including type', () => {
    expect(compare('eq', 'open', 'closed')).toBe('not equal');
    expect(compare('eq', 1, '1')).toBe('not equal (string vs number)');
    expect(compare('eq', [1, 2], [2, 1])).toBe('not equal');
    expect(compare('eq', { a: 1 }, { a: 1, b: undefined })).toBe('not equal');
    expect(compare('eq', [], {})).toBe('not equal');
    expect(compare('eq', undefined, null)).toBe('not equal');
  });

  it('ne is the opposite', () => {
    expect(compare('ne', 'open', 'closed')).toBeNull();
    expect(compare('ne', { a: [1] }, { a: [1] })).toBe('equal but must differ');
  });
});

describe('compare: ordering (gt gte lt lte)', () => {
  it('orders numbers', () => {
    expect(compare('gt', 3, 2)).toBeNull();
    expect(compare('gt', 2, 2)).toBe('out of range');
    expect(compare('gte', 2, 2)).toBeNull();
    expect(compare('gte', 1.5, 2)).toBe('out of range');
    expect(compare('lt', 1, 2)).toBeNull();
    expect(compare('lt', 2, 2)).toBe('out of range');
    expect(compare('lte', 2, 2)).toBeNull();
    expect(compare('lte', 3, 2)).toBe('out of range');
  });

  it('orders strings (same-format timestamps compare chronologically)', () => {
    expect(compare('gt', '2026-01-02 10:00:00', '2026-01-02 09:59:59')).toBeNull();
    expect(compare('lt', '2026-01-02T10:00:00Z', '2026-01-02T09:00:00Z')).toBe('out of range');
  });

  it('refuses to order mixed or non-orderable types', () => {
    expect(compare('gt', '3', 2)).toBe('cannot order string against integer');
    expect(compare('lte', undefined, 2)).toBe('cannot order missing against integer');
    expect(compare('gte', [1], 1.5)).toBe('cannot order array against number');
  });
});

describe('compare: in', () => {
  it('holds when the value deep-equals one of the allowed values', () => {
    expect(compare('in', 'open', ['open', 'closed'])).toBeNull();
    expect(compare('in', { a: 1 }, [{ a: 1 }, 2])).toBeNull();
  });

  it('fails otherwise, and when the allowed values are not a list', () => {
    expect(compare('in', 'OPEN', ['open', 'closed'])).toBe('not one of the allowed values');
    expect(compare('in', 'open', 'open closed')).toBe('not one of the allowed values');
  });
});

describe('compare: contains / notContains', () => {
  it('a string contains a substring', () => {
    expect(compare('contains', 'Accredit r1', 'r1')).toBeNull();
    expect(compare('contains', 'Accredit r1', 'r2')).toBe('not contained');
  });

  it('a list contains an element (deep equality)', () => {
    expect(compare('contains', ['o-1', 'o-2'], 'o-2')).toBeNull();
    expect(compare('contains', [{ id: 1 }], { id: 1 })).toBeNull();
    expect(compare('contains', [4, 5], '4')).toBe('not contained (string vs number: the list holds 4)');
  });

  it('a list needle means every element must be there (subset)', () => {
    expect(compare('contains', ['a', 'b', 'c'], ['c', 'a'])).toBeNull();
    expect(compare('contains', ['a', 'b'], ['a', 'z'])).toBe('not contained');
  });

  it('only text and lists can contain', () => {
    expect(compare('contains', 42, 4)).toMatch(/^an? integer cannot contain anything$/);
    expect(compare('contains', undefined, 'x')).toMatch(/^an? missing cannot contain anything$/);
  });

  it('notContains is the opposite', () => {
    expect(compare('notContains', ['o-1'], 'o-2')).toBeNull();
    expect(compare('notContains', 'abc', 'z')).toBeNull();
    expect(compare('notContains', ['o-1', 'o-2'], 'o-2')).toBe('contained but must not be');
    expect(compare('notContains', 'abc', 'b')).toBe('contained but must not be');
  });
});

describe('compare: matches', () => {
  it('tests a regular expression (unanchored) against text', () => {
    expect(compare('matches', 'application/json; charset=utf-8', '^application/json')).toBeNull();
    expect(compare('matches', 'o-1', '\\S')).toBeNull();
    expect(compare('matches', 'text/html', '^application/json')).toBe('does not match');
    expect(compare('matches', '', '\\S')).toBe('does not match');
  });

  it('fails on anything but text', () => {
    expect(compare('matches', 42, '\\d')).toMatch(/^an? integer is not text$/);
    expect(compare('matches', undefined, '.')).toMatch(/^an? missing is not text$/);
  });
});

describe('compare: exists', () => {
  it('exists: true holds for any present value, null included', () => {
    expect(compare('exists', 'x', true)).toBeNull();
    expect(compare('exists', null, true)).toBeNull();
    expect(compare('exists', undefined, true)).toBe('missing');
  });

  it('exists: false holds only when absent', () => {
    expect(compare('exists', undefined, false)).toBeNull();
    expect(compare('exists', 0, false)).toBe('present but must be absent');
  });
});

describe('compare: type', () => {
  it('recognises JSON types; integers count as numbers', () => {
    expect(compare('type', 'x', 'string')).toBeNull();
    expect(compare('type', 3, 'integer')).toBeNull();
    expect(compare('type', 3, 'number')).toBeNull();
    expect(compare('type', 2.5, 'number')).toBeNull();
    expect(compare('type', true, 'boolean')).toBeNull();
    expect(compare('type', [], 'array')).toBeNull();
    expect(compare('type', {}, 'object')).toBeNull();
    expect(compare('type', null, 'null')).toBeNull();
  });

  it('says what the value is when it is not', () => {
    expect(compare('type', 2.5, 'integer')).toBe('is number');
    expect(compare('type', '3', 'number')).toBe('is string');
    expect(compare('type', [], 'object')).toBe('is array');
    expect(compare('type', null, 'object')).toBe('is null');
    expect(compare('type', undefined, 'string')).toBe('is missing');
  });
});

describe('compare: unique', () => {
  it('unique: true holds for a list without duplicates (deep)', () => {
    expect(compare('unique', ['t1', 't2'], true)).toBeNull();
    expect(compare('unique', [], true)).toBeNull();
    expect(compare('unique', [{ a: 1 }, { a: 1 }], true)).toBe('has duplicates');
    expect(compare('unique', ['t1', 't1'], true)).toBe('has duplicates');
  });

  it('unique: false requires a duplicate', () => {
    expect(compare('unique', ['t1', 't1'], false)).toBeNull();
    expect(compare('unique', ['t1', 't2'], false)).toBe('has duplicates');
  });

  it('needs a list', () => {
    expect(compare('unique', 't1', true)).toBe('a string is not a list');
  });
});

describe('compare: length', () => {
  it('counts list elements and string characters', () => {
    expect(compare('length', ['a', 'b'], 2)).toBeNull();
    expect(compare('length', [], 0)).toBeNull();
    expect(compare('length', 'abc', 3)).toBeNull();
  });

  it('fails with the actual length, or when there is none', () => {
    expect(compare('length', ['a'], 2)).toBe('has length 1');
    expect(compare('length', ['a', 'b'], '2')).toBe('has length 2');
    expect(compare('length', { a: 1 }, 1)).toMatch(/^an? object has no length$/);
    expect(compare('length', undefined, 0)).toMatch(/^an? missing has no length$/);
  });
});

describe('compare helpers', () => {
  it('jsonType names JSON types, missing for undefined', () => {
    expect([null, [], undefined, 1, 1.5, 'x', true, {}].map(jsonType)).toEqual(['null', 'array', 'missing', 'integer', 'number', 'string', 'boolean', 'object']);
  });

  it('deepEqual compares structurally', () => {
    expect(deepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(deepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });

  it('every operator has a phrase for messages', () => {
    expect(Object.keys(OP_PHRASES).sort()).toEqual([...COMPARE_OPS].sort());
    expect(OP_PHRASES.gte).toBe('at least');
  });
});

describe('compare: a value that reads the same in another JSON type', () => {
  it('names the mismatch, expected type first: number vs string', () => {
    expect(compare('contains', ['1064'], 1064)).toBe('not contained (number vs string: the list holds "1064")');
    expect(compare('contains', [1064], '1064')).toBe('not contained (string vs number: the list holds 1064)');
    expect(compare('eq', '12.5', 12.5)).toBe('not equal (number vs string)');
    expect(compare('in', 1, ['1', '2'])).toBe('not one of the allowed values (string vs number)');
  });

  it('says nothing more when the values differ anyway', () => {
    expect(compare('contains', ['1065'], 1064)).toBe('not contained');
    expect(compare('eq', '13', 12)).toBe('not equal');
    expect(compare('eq', true, 'yes')).toBe('not equal');
  });
});
