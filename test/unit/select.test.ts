import { describe, expect, it } from 'vitest';
import { isJsonPath, isSingularPath, resolvePointer, select, SelectError } from '../../src/suite/language/select.js';

const DOC = {
  id: 'o-1',
  status: 'open',
  none: null,
  'a/b': 1,
  'm~n': 2,
  'with:colon': 3,
  tables: ['t1', 't2'],
  checks: [
    { id: 'c-1', status: 'open', items: [{ name: 'Water', price: 2.5 }] },
    { id: 'c-2', status: 'closed', items: [{ name: 'Wine', price: 28.5 }, { name: 'Bread', price: 3 }] },
  ],
};

function selectError(path: string): SelectError {
  try {
    select(DOC, path);
  } catch (err) {
    if (err instanceof SelectError) return err;
    throw err;
  }
  throw new Error(`expected ${path} to be rejected`);
}

describe('select: JSONPath, singular queries', () => {
  it('a name/index path selects one node with its pointer', () => {
    expect(select(DOC, '$.checks[1].id')).toEqual({ values: ['c-2'], pointers: ['/checks/1/id'], singular: true });
    expect(select(DOC, "$['status']")).toEqual({ values: ['open'], pointers: ['/status'], singular: true });
  });

  it('negative indexes count from the end', () => {
    expect(select(DOC, '$.tables[-1]')).toEqual({ values: ['t2'], pointers: ['/tables/1'], singular: true });
  });

  it('$ alone selects the whole document', () => {
    expect(select(DOC, '$')).toEqual({ values: [DOC], pointers: [''], singular: true });
  });

  it('pointers escape / as ~1 and ~ as ~0', () => {
    expect(select(DOC, "$['a/b']")).toEqual({ values: [1], pointers: ['/a~1b'], singular: true });
    expect(select(DOC, "$['m~n']")).toEqual({ values: [2], pointers: ['/m~0n'], singular: true });
  });

  it('punctuation inside a quoted name does not make a path non-singular', () => {
    expect(select(DOC, "$['with:colon']")).toEqual({ values: [3], pointers: ['/with:colon'], singular: true });
  });

  it('a missing member selects nothing but stays singular', () => {
    expect(select(DOC, '$.nope')).toEqual({ values: [], pointers: [], singular: true });
    expect(select(DOC, '$.checks[5].id')).toEqual({ values: [], pointers: [], singular: true });
  });

  it('a null member is selected (present, value null)', () => {
    expect(select(DOC, '$.none')).toEqual({ values: [null], pointers: ['/none'], singular: true });
  });
});

describe('select: JSONPath, non-singular queries', () => {
  it('wildcards select every node in document order', () => {
    expect(select(DOC, '$.checks[*].id')).toEqual({ values: ['c-1', 'c-2'], pointers: ['/checks/0/id', '/checks/1/id'], singular: false });
    expect(select(DOC, '$.checks[*].items[*].name').values).toEqual(['Water', 'Wine', 'Bread']);
  });

  it('descendant segments and slices are non-singular', () => {
    const names = select(DOC, '$..name');
    expect(names.singular).toBe(false);
    expect(names.values).toEqual(['Water', 'Wine', 'Bread']);
    expect(select(DOC, '$.tables[0:1]')).toEqual({ values: ['t1'], pointers: ['/tables/0'], singular: false });
  });

  it('filters select the matching nodes, with single or double quotes', () => {
    expect(select(DOC, "$.checks[?@.status == 'closed'].id")).toEqual({ values: ['c-2'], pointers: ['/checks/1/id'], singular: false });
    expect(select(DOC, '$.checks[?@.status == "open"].items[*].name').values).toEqual(['Water']);
    expect(select(DOC, '$.checks[*].items[?@.price > 3].name').values).toEqual(['Wine']);
  });

  it('a filter on a nested list (orders on a given table)', () => {
    const orders = [{ id: 'a', tables: ['t1'] }, { id: 'b', tables: ['t2', 't3'] }];
    expect(select(orders, "$[?@.tables[?@ == 't3']].id").values).toEqual(['b']);
  });

  it('a non-singular query matching nothing yields an empty list', () => {
    expect(select(DOC, "$.checks[?@.status == 'void'].id")).toEqual({ values: [], pointers: [], singular: false });
  });
});

describe('select: JSON Pointer (RFC 6901)', () => {
  it('selects one node, always singular', () => {
    expect(select(DOC, '/checks/0/items/0/name')).toEqual({ values: ['Water'], pointers: ['/checks/0/items/0/name'], singular: true });
  });

  it('the empty pointer is the whole document', () => {
    expect(select(DOC, '')).toEqual({ values: [DOC], pointers: [''], singular: true });
  });

  it('decodes ~1 as / and ~0 as ~', () => {
    expect(select(DOC, '/a~1b').values).toEqual([1]);
    expect(select(DOC, '/m~0n').values).toEqual([2]);
  });

  it('missing keys, out-of-range indexes and paths through scalars select nothing', () => {
    expect(select(DOC, '/nope')).toEqual({ values: [], pointers: [], singular: true });
    expect(select(DOC, '/tables/2').values).toEqual([]);
    expect(select(DOC, '/tables/x').values).toEqual([]);
    expect(select(DOC, '/id/0').values).toEqual([]);
  });

  it('a present null is found', () => {
    expect(resolvePointer(DOC, '/none')).toEqual({ ok: true, value: null });
    expect(resolvePointer(DOC, '/absent')).toEqual({ ok: false });
  });

  it('does not walk into inherited properties', () => {
    expect(resolvePointer({}, '/constructor')).toEqual({ ok: false });
    expect(resolvePointer([1, 2], '/length')).toEqual({ ok: false });
  });
});

describe('select: invalid paths', () => {
  it('a malformed JSONPath is a SelectError naming the path', () => {
    const err = selectError('$[');
    expect(err.message).toMatch(/^invalid JSONPath "\$\[": /);
    expect(selectError("$.checks[?@.status == 'open'").message).toMatch(/^invalid JSONPath /);
  });

  it('something that is neither JSONPath nor pointer is rejected', () => {
    expect(selectError('checks.0').message).toBe('"checks.0" is neither a JSONPath ($…) nor a JSON Pointer (/…)');
  });
});

describe('path classification', () => {
  it('isJsonPath: starts with $', () => {
    expect(isJsonPath('$.id')).toBe(true);
    expect(isJsonPath('/id')).toBe(false);
  });

  it('isSingularPath: only name and index segments', () => {
    expect(isSingularPath('$.a.b[0]')).toBe(true);
    expect(isSingularPath("$['x*y']")).toBe(true);
    expect(isSingularPath('$[*]')).toBe(false);
    expect(isSingularPath('$..a')).toBe(false);
    expect(isSingularPath('$[0:2]')).toBe(false);
    expect(isSingularPath('$[0,1]')).toBe(false);
    expect(isSingularPath('$[?@.a]')).toBe(false);
  });
});
