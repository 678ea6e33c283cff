// The `lease:` step field: loaded with its names bound like `let`, refused where it cannot mean
// anything (a cleanup, a step that seats no order, a name used twice), and the plan's needs read
// from it (the most tables at once with a driver, what stays open without one).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/diagnostic.js';
import { makePlan } from '../../src/engine/plan.js';
import { venueNeeds } from '../../src/engine/venue-needs.js';
import { loadSuites } from '../../src/suite/load-suites.js';
import { suiteWorkspace } from '../helpers/cli.js';

function suite(steps: string, cleanup = ''): string {
  const dir = suiteWorkspace();
  const file = join(dir, 'lease.yaml');
  writeFileSync(file, `suite: lease\ntitle: Lease\ncases:\n  - id: L\n    title: leases\n    level: must\n    basis: documented\n    spec: ["x"]\n    steps:\n${steps}${cleanup ? `    cleanup:\n${cleanup}` : ''}`);
  return file;
}

const create = (lease: string, status = '[200, 201]', capture = 'orderId'): string => {
  const tables = lease.includes('tables:') ? '"{{ tables }}"' : '["{{ table }}"]';
  return `      - lease: ${lease}\n        request: { method: POST, path: "/venue/{{ venue }}/orders", body: { tables: ${tables} } }\n        expect: { status: ${status} }\n        capture: { ${capture}: $.id }\n`;
};
const voidIt = (order = 'orderId'): string => `      - action: void-order\n        order: "{{ ${order} }}"\n`;

function problems(file: string): string[] {
  try {
    loadSuites({ paths: [file] });
    return [];
  } catch (err) {
    if (!(err instanceof LoadError)) throw err;
    return err.diagnostics.map((d) => `${d.code} ${d.pos.line}:${d.pos.col} ${d.message}`);
  }
}

describe('lease: in the suite format', () => {
  it('binds its names for the step, like let', () => {
    expect(problems(suite(create('{ table: 1 }')))).toEqual([]);
  });

  it('is refused in a cleanup, on a step that seats no order, and with a name used twice', () => {
    expect(problems(suite(create('{ table: 1 }'), `      - lease: { table: 1 }\n        action: void-order\n        order: "{{ orderId }}"\n`))).toEqual([
      expect.stringMatching(/^bad-lease 15:9 a cleanup step cannot lease a table/),
    ]);
    expect(problems(suite(`      - lease: { table: 1 }\n        check: "{{ table }}"\n`))).toEqual([expect.stringMatching(/^bad-lease 10:9 a check step cannot lease a table/)]);
    expect(problems(suite(`      - lease: { table: 1 }\n        action: add-items\n        order: "1"\n        params: { items: [{ name: x, price: 1, quantity: 1 }] }\n`))).toEqual([expect.stringMatching(/^bad-lease 10:9 a "add-items" action cannot lease a table/)]);
    expect(problems(suite(`      - lease: { table: 1 }\n        let: { table: x }\n        request: { method: GET, path: "/x/{{ table }}" }\n`))).toEqual([expect.stringMatching(/^duplicate-name 10:18 "table" is both leased and in let/)]);
  });

  it('a count that is not a whole number of tables is a format error', () => {
    expect(problems(suite(create('{ table: 0 }')))).toEqual([expect.stringMatching(/^wrong-type 10:25 "table"/)]);
  });
});

describe('venueNeeds', () => {
  const needsOf = (file: string) => venueNeeds(makePlan(loadSuites({ paths: [file] }).suites, { tags: [], ids: [] }));

  it('a create that succeeds keeps its tables until its order is voided; a refused one gives them back', () => {
    const n = needsOf(suite(`${create('{ table: 1 }')}${create('{ tables: 2 }', '[200]', 'second')}${voidIt('second')}${create('{ table: 1 }', '400', 'refused')}`, voidIt()));
    // 1 + 2 held together, then the refused create's table on top of the first order.
    expect(n.peakTables).toBe(3);
    const [c] = [...n.withDriver.values()];
    expect(c?.needsDriver).toBe(true);
    // Without a driver the case does not start: it opens nothing.
    expect(n.leftOpenWithoutDriver).toBe(0);
  });

  it('without a driver, what a case without actions opens stays open', () => {
    const n = needsOf(suite(`${create('{ tables: 2 }')}${create('{ table: 1 }', '400', 'refused')}`, voidIt()));
    expect(n.peakTables).toBe(3);
    expect(n.leftOpenWithoutDriver).toBe(1);
    expect(n.tablesLeftOpenWithoutDriver).toBe(2);
  });
});
