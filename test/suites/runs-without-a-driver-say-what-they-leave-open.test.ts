// Issue 10: without a driver nothing can close what a run opens. Three runs in a row against one
// served POS of 8 tables: the first says up front how many orders it will leave open, fits its
// checks into the free tables and lists what it left; the next ones run what still fits — or stop
// at the precondition with the numbers. Never a "no free table" error.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mozrestPaths } from '../../src/contract/contract.js';
import { Redactor } from '../../src/core/redactor.js';
import type { RunResult } from '../../src/core/results.js';
import { startMockMozrest, type RunningMockMozrest } from '../../src/mozrest/receiver.js';
import { startReferencePos, type RunningReferencePos } from '../../src/reference-pos/server.js';
import { accreditExternal, builtInSuites } from '../helpers/accredit.js';

const token = randomBytes(12).toString('hex');
const key = randomBytes(12).toString('hex');
let mock: RunningMockMozrest;
let pos: RunningReferencePos;

beforeAll(async () => {
  const suites = builtInSuites();
  const redactor = new Redactor();
  redactor.add(key);
  mock = await startMockMozrest({ key, schemas: suites.schemas, redactor, paths: mozrestPaths(suites.contract) });
  pos = await startReferencePos({ token, tables: 8, mozrest: { baseUrl: mock.localUrl, key } });
});
afterAll(async () => {
  await pos.close();
  await mock.close();
});

function runWithoutDriver(notices: string[]): Promise<RunResult> {
  return accreditExternal({ baseUrl: pos.url, venue: pos.venueId, otherVenue: pos.otherVenueId, token, key, mozrestUrl: mock.url, notices });
}

async function openOnPos(): Promise<{ id: string; tables: string[] }[]> {
  const res = await fetch(`${pos.url}/venue/${pos.venueId}/orders?status=open`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as { id: string; tables: string[] }[];
}

const noTableErrors = (r: RunResult): string[] =>
  r.cases.flatMap((c) => [...c.steps, ...c.cleanup].filter((s) => /no-free-table|list-exhausted|venue-unknown/.test(s.error?.code ?? '')).map(() => c.id));

describe('three runs in a row without a driver, one POS of 8 tables', () => {
  it('the first says what it will leave open, leaves exactly that, and lists it; the next ones run what fits or stop with the numbers', async () => {
    const first: string[] = [];
    const one = await runWithoutDriver(first);
    const announced = /No driver: this run will leave (\d+) orders? open on the POS, on (\d+) tables?/.exec(first.join('\n'));
    expect(announced, first.join('\n')).not.toBeNull();
    const open = await openOnPos();
    expect(open).toHaveLength(Number(announced![1]));
    expect(one.venue?.leftOpen.map((o) => o.posId).sort()).toEqual(open.map((o) => o.id).sort());
    expect(noTableErrors(one)).toEqual([]);
    // Cases needing a driver never started: nothing of theirs is open.
    expect(one.cases.filter((c) => c.notRun === 'needs-driver').length).toBeGreaterThan(0);
    expect(one.cases.filter((c) => c.notRun === 'needs-driver').every((c) => c.steps.length === 0)).toBe(true);

    for (const again of [await runWithoutDriver([]), await runWithoutDriver([])]) {
      expect(noTableErrors(again)).toEqual([]);
      if (again.aborted) {
        expect(again.aborted.code).toMatch(/^venue-(full|too-small)$/);
        expect(again.aborted.message).toMatch(/\d+ tables/);
      } else {
        // What no longer fits is skipped for want of a table, and says so.
        const skipped = again.cases.filter((c) => c.notRun === 'needs-table');
        expect(skipped.length).toBeGreaterThan(0);
        expect(skipped.every((c) => /none is left for it: without a driver/.test(c.reason ?? ''))).toBe(true);
      }
      // Nothing more is left open than the 8 tables hold.
      expect((await openOnPos()).flatMap((o) => o.tables).length).toBeLessThanOrEqual(8);
    }
  });
});
