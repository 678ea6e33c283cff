import { describe, expect, it } from 'vitest';
import { formatIso, formatYmdHis } from '../../src/suite/language/template-functions.js';
import { placeholders, referencedNames, render, renderText } from '../../src/suite/language/template.js';
import { TemplateError } from '../../src/suite/language/suite-fault.js';
import { type Scope } from '../../src/suite/language/scope.js';

const NOW = new Date('2026-01-02T03:04:05.678Z');

function scope(extra: Record<string, unknown> = {}): Scope {
  return new Map<string, unknown>(Object.entries({
    venue: 'venue-1',
    runId: 'r1',
    n: 5,
    flag: true,
    nothing: null,
    tables: ['t1', 't2', 't3'],
    order: { id: 'o-1', checks: [{ id: 'c-1', items: [{ name: 'Water' }] }], 'odd key': 'x' },
    contract: { paths: { getOrder: '/venue/{venueId}/orders/{orderId}' }, enums: { orderStatus: ['open', 'closed'] } },
    __now: () => NOW,
    ...extra,
  }));
}

function renderError(template: unknown, s: Scope = scope()): TemplateError {
  try {
    render(template, s);
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(template)} to fail`);
}

describe('template interpolation', () => {
  it('replaces placeholders inside text, with or without spaces', () => {
    expect(render('/venue/{{ venue }}/tables', scope())).toBe('/venue/venue-1/tables');
    expect(render('/venue/{{venue}}/orders/{{ order.id }}', scope())).toBe('/venue/venue-1/orders/o-1');
  });

  it('writes non-string values as JSON inside text', () => {
    expect(render('n={{ n }}', scope())).toBe('n=5');
    expect(render('flag={{ flag }}', scope())).toBe('flag=true');
    expect(render('null={{ nothing }}', scope())).toBe('null=null');
    expect(render('list={{ tables }}', scope())).toBe('list=["t1","t2","t3"]');
  });

  it('leaves text without placeholders and non-string scalars alone', () => {
    expect(render('plain text', scope())).toBe('plain text');
    expect(render(42, scope())).toBe(42);
    expect(render(false, scope())).toBe(false);
    expect(render(null, scope())).toBeNull();
  });

  it('walks objects and arrays', () => {
    const body = { tables: ['{{ tables[0] }}'], guestName: 'Accredit {{ runId }}', partySize: '{{ n }}', nested: { ok: '{{ flag }}' } };
    expect(render(body, scope())).toEqual({ tables: ['t1'], guestName: 'Accredit r1', partySize: 5, nested: { ok: true } });
  });
});

describe('template whole-value typing', () => {
  it('a string that is exactly one placeholder keeps the value type', () => {
    expect(render('{{ n }}', scope())).toBe(5);
    expect(render('{{ flag }}', scope())).toBe(true);
    expect(render('{{ nothing }}', scope())).toBeNull();
    expect(render('{{ tables }}', scope())).toEqual(['t1', 't2', 't3']);
    expect(render('{{ order.checks[0] }}', scope())).toEqual({ id: 'c-1', items: [{ name: 'Water' }] });
  });

  it('surrounding text or a second placeholder makes it a string', () => {
    expect(render(' {{ n }}', scope())).toBe(' 5');
    expect(render('{{ n }}{{ n }}', scope())).toBe('55');
    expect(render('{{ venue }}-{{ n }}', scope())).toBe('venue-1-5');
  });

  it('renderText always yields text', () => {
    expect(renderText('{{ n }}', scope())).toBe('5');
    expect(renderText('{{ tables }}', scope())).toBe('["t1","t2","t3"]');
    expect(renderText('/x/{{ venue }}', scope())).toBe('/x/venue-1');
  });

  it('number and string literals are values too', () => {
    expect(render('{{ -3600 }}', scope())).toBe(-3600);
    expect(render('{{ 1.5 }}', scope())).toBe(1.5);
    expect(render("{{ 'single' }}", scope())).toBe('single');
    expect(render('{{ "double" }}', scope())).toBe('double');
  });
});

describe('template nested paths', () => {
  it('reads dotted names, indexes and quoted keys', () => {
    expect(render('{{ order.checks[0].items[0].name }}', scope())).toBe('Water');
    expect(render("{{ order['odd key'] }}", scope())).toBe('x');
    expect(render('{{ contract.paths.getOrder }}', scope())).toBe('/venue/{venueId}/orders/{orderId}');
    expect(render('{{ tables[2] }}', scope())).toBe('t3');
  });

  it('fails when a path goes through a value that is not an object', () => {
    const err = renderError('{{ n.x }}');
    expect(err.message).toBe('"n" has no x (value is 5)');
    expect(renderError('{{ nothing.id }}').message).toBe('"nothing" has no id (value is null)');
  });
});

describe('template functions', () => {
  it('uuid() makes a fresh v4 UUID each time', () => {
    const a = render('{{ uuid() }}', scope());
    const b = render('{{ uuid() }}', scope());
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it("unique('prefix') carries the run id and never repeats", () => {
    const a = render("{{ unique('order') }}", scope()) as string;
    const b = render("{{ unique('order') }}", scope()) as string;
    expect(a).toMatch(/^order-r1-\d+$/);
    expect(b).toMatch(/^order-r1-\d+$/);
    expect(a).not.toBe(b);
    expect(render('{{ unique() }}', scope())).toMatch(/^id-r1-\d+$/);
  });

  it('ymdHis(offset) formats the clock in UTC as Y-m-d H:i:s', () => {
    expect(render('{{ ymdHis() }}', scope())).toBe('2026-01-02 03:04:05');
    expect(render('{{ ymdHis(-900) }}', scope())).toBe('2026-01-02 02:49:05');
    expect(render('{{ ymdHis(86400) }}', scope())).toBe('2026-01-03 03:04:05');
    expect(formatYmdHis(new Date('2025-12-31T23:59:59Z'))).toBe('2025-12-31 23:59:59');
  });

  it('isoTime(offset, zone) writes ISO 8601 without milliseconds, Z or at a fixed offset', () => {
    expect(render('{{ isoTime() }}', scope())).toBe('2026-01-02T03:04:05Z');
    expect(render('{{ isoTime(3600) }}', scope())).toBe('2026-01-02T04:04:05Z');
    expect(render("{{ isoTime(-1800, '+02:00') }}", scope())).toBe('2026-01-02T04:34:05+02:00');
    expect(render("{{ isoTime(0, '-05:30') }}", scope())).toBe('2026-01-01T21:34:05-05:30');
    expect(formatIso(new Date('2026-01-02T03:04:05.678Z'), '+00:00')).toBe('2026-01-02T03:04:05+00:00');
  });

  it('isoTime() rejects an offset not written like +02:00', () => {
    expect(renderError("{{ isoTime(0, '+0200') }}").message).toBe('offset "+0200" is not like +02:00');
  });

  it('take(list) removes and returns the first element, across renders', () => {
    const s = scope();
    expect(render('{{ take(tables) }}', s)).toBe('t1');
    expect(render({ tables: ['{{ take(tables) }}'] }, s)).toEqual({ tables: ['t2'] });
    expect(s.get('tables')).toEqual(['t3']);
    expect(render('{{ take(tables) }}', s)).toBe('t3');
    expect(renderError('{{ take(tables) }}', s).message).toBe('take(tables): the list is empty (no free tables left?)');
  });

  it('take() consumes from the same list a copied scope shares', () => {
    const suiteScope = scope();
    const caseA = new Map(suiteScope);
    const caseB = new Map(suiteScope);
    expect(render('{{ take(tables) }}', caseA)).toBe('t1');
    expect(render('{{ take(tables) }}', caseB)).toBe('t2');
  });

  it('take() needs a variable holding a list', () => {
    expect(renderError('{{ take(venue) }}').message).toBe('take(venue): not a list');
    expect(renderError("{{ take('tables') }}").message).toBe('take() takes a variable name');
  });

  it('without(list, other) drops every element of other, flattening nested lists', () => {
    const s = scope({ busy: [['t1'], ['t3', 'zz']] });
    expect(render('{{ without(tables, busy) }}', s)).toEqual(['t2']);
    expect(render("{{ without(tables, 't2') }}", s)).toEqual(['t1', 't3']);
    expect(render('{{ without(venue, busy) }}', s)).toEqual([]);
  });

  it('first(list) and count(list)', () => {
    expect(render('{{ first(tables) }}', scope())).toBe('t1');
    expect(renderError('{{ first(venue) }}').message).toBe('first(): the list is empty');
    expect(render('{{ count(tables) }}', scope())).toBe(3);
    expect(render('{{ count(venue) }}', scope())).toBe(0);
  });

  it('fill(template, …values) fills placeholders in order, URL-encoded', () => {
    expect(render('{{ fill(contract.paths.getOrder, venue, order.id) }}', scope())).toBe('/venue/venue-1/orders/o-1');
    expect(render("{{ fill(contract.paths.getOrder, 'a b', 'x/y') }}", scope())).toBe('/venue/a%20b/orders/x%2Fy');
    expect(renderError('{{ fill(contract.paths.getOrder, venue) }}').message).toBe('no value for {orderId} in /venue/{venueId}/orders/{orderId}');
    expect(renderError('{{ fill(n, venue) }}').message).toBe('fill() takes a path template first');
  });

  it('calls nest', () => {
    expect(render('{{ count(without(tables, first(tables))) }}', scope())).toBe(2);
  });
});

describe('template errors', () => {
  it('an undefined variable is an error naming it', () => {
    const err = renderError('/venue/{{ venu }}/tables');
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toBe('undefined variable "venu"');
    expect(err.expression).toBe('venu');
  });

  it('an unknown function is an error', () => {
    expect(renderError('{{ frist(tables) }}').message).toBe('unknown function frist()');
  });

  it('unreadable expressions say why', () => {
    expect(renderError('{{ 1 + }}').message).toBe('cannot read expression "1 +": unexpected "+"');
    expect(renderError('{{ }}').message).toBe('cannot read expression "": it is empty');
    expect(renderError('{{ count(tables }}').message).toBe('cannot read expression "count(tables": missing ")"');
    expect(renderError('{{ order. }}').message).toBe('cannot read expression "order.": expected a name after "."');
    expect(renderError('{{ tables[0 }}').message).toBe('cannot read expression "tables[0": missing "]"');
    expect(renderError('{{ venue venue }}').message).toBe('cannot read expression "venue venue": unexpected "venue"');
  });

  it('true, false and null are names, not literals', () => {
    expect(renderError('{{ true }}').message).toBe('undefined variable "true"');
  });
});

describe('placeholders and referencedNames (load-time checks)', () => {
  it('lists each placeholder with its offset and length', () => {
    expect(placeholders('/venue/{{ venue }}/orders/{{order.id}}')).toEqual([
      { expression: 'venue', index: 7, length: 11 },
      { expression: 'order.id', index: 26, length: 12 },
    ]);
  });

  it('reports root variables and called functions, not nested keys', () => {
    expect(referencedNames('fill(contract.paths.getOrder, venue, unique(prefix))')).toEqual({
      roots: ['contract', 'venue', 'prefix'],
      functions: ['fill', 'unique'],
    });
    expect(referencedNames("order.checks[0]['x']")).toEqual({ roots: ['order'], functions: [] });
  });

  it('throws TemplateError on an unreadable expression', () => {
    expect(() => referencedNames('a +')).toThrow(TemplateError);
  });
});

describe('template regressions from review', () => {
  const scope = (): Map<string, unknown> => new Map<string, unknown>([['a', {}], ['n', 1]]);
  it('a missing nested key is an error, not "undefined"', () => {
    expect(() => render('x{{ a.b }}', scope())).toThrow('"a" has no b');
  });
  it('string literals may contain punctuation; arguments need commas', () => {
    expect(String(render("{{ unique(')') }}", new Map([['runId', 'r1']])))).toMatch(/^\)-r1-\d+$/);
    expect(() => render('{{ unique(n n) }}', scope())).toThrow('expected "," or ")" between arguments');
  });
});
