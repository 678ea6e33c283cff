// One fault, one root cause (issue 11): a POS that breaks what the other checks rest on gets that
// one thing first — the case that checks it, with every check resting on it reported `blocked by`
// it (not erroring on its own, not starving for tables), and a hint naming it; or, when the POS
// cannot be talked to at all, one stop before any case, saying what to change. Real reference
// POSes with one fault each, and real sockets for the POS that refuses or never answers.
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/results.js';
import { exitCodeFor } from '../../src/engine/summarize.js';
import type { FaultName } from '../../src/reference-pos/faults.js';
import { accreditExternal, accreditReferencePos, serveReferencePos, type ServedPos } from '../helpers/accredit.js';

/** The root a vendor must see first, and how many checks at least rest on it. */
const ROOTS: [fault: FaultName, root: string, atLeast: number][] = [
  ['tables-wrapped', 'TABLES-LIST', 40],
  ['tables-numeric-ids', 'TABLES-LIST', 40],
  ['create-not-persisted', 'ORD-CREATE-LISTED', 40],
  ['list-wrapped', 'ORD-CREATE-LISTED', 40],
  ['void-not-recorded', 'ORD-VOID-FREES-TABLE', 40],
];

function expectRootFirst(result: RunResult, root: string, atLeast: number): void {
  const first = result.blocking[0];
  expect(first?.id, JSON.stringify(result.blocking.slice(0, 3))).toBe(root);
  expect(first?.status).toBe('fail');
  expect(first?.blocks ?? 0).toBeGreaterThanOrEqual(atLeast);
  const blocked = result.cases.filter((c) => c.status === 'blocked');
  expect(blocked.length).toBe(first?.blocks);
  expect(blocked.every((c) => c.blockedBy?.[0] === root && c.reason?.startsWith(`blocked by ${root}: `))).toBe(true);
  // The dependants are blocked, not erroring on their own; no "ran out of tables" misdirection.
  expect(result.cases.filter((c) => c.status === 'error').map((c) => c.id)).toEqual([]);
  expect(result.hints[0]).toMatch(new RegExp(`^Fix ${root} first: \\d+ checks rest on it`));
  expect(result.hints.join(' ')).not.toContain('ran out of free tables');
  expect(result.verdict).toBe('fail');
}

describe('a POS that breaks what the other checks rest on', () => {
  it.each(ROOTS)('%s: %s comes first, every check resting on it is blocked by it', async (fault, root, atLeast) => {
    expectRootFirst(await accreditReferencePos({ faults: [fault] }), root, atLeast);
  }, 60_000);

  it('a venue of 8 tables with void-not-recorded: the same root, not a run out of tables', async () => {
    expectRootFirst(await accreditReferencePos({ faults: ['void-not-recorded'], tables: 8 }), 'ORD-VOID-FREES-TABLE', 40);
  }, 60_000);
});

/**
 * Stopped before any case, for one reason; nothing opened. `planned`: the run got as far as
 * planning (the venue too small) and lists every case as not run; otherwise its first look
 * stopped it before the suites were loaded, and it lists none.
 */
function expectStoppedFirst(result: RunResult, code: string, says: string, exit: number, planned = false): void {
  expect(result.aborted?.code).toBe(code);
  expect(result.aborted?.message).toContain(says);
  if (planned) {
    expect(result.cases.length).toBeGreaterThan(50);
    expect(result.cases.every((c) => c.status === 'skip' && c.notRun === 'aborted')).toBe(true);
  } else {
    expect(result.cases).toEqual([]);
  }
  expect(result.blocking).toEqual([]);
  expect(result.venue?.leftOpen ?? []).toEqual([]);
  expect(exitCodeFor(result)).toBe(exit);
}

describe('a POS the run cannot talk to: one stop before any case', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function served(): Promise<ServedPos> {
    const served = await serveReferencePos();
    stops.push(() => served.close());
    return served;
  }

  it('a wrong token: stopped at the first 401, naming the variable (exit 2)', async () => {
    const pos = await served();
    const result = await accreditExternal({ ...pos.target, token: 'not-the-token-9d8c7b' });
    expectStoppedFirst(result, 'token-refused', 'check that $POS_ACCREDIT_TOKEN holds the token this POS accepts', 2);
  });

  it('a venue the POS does not know: stopped, naming --venue (exit 2)', async () => {
    const pos = await served();
    const result = await accreditExternal({ ...pos.target, venue: 'no-such-venue' });
    expectStoppedFirst(result, 'venue-unknown', 'check --venue (no-such-venue)', 2);
  });

  it('a refused connection: stopped, naming --base-url (exit 3)', async () => {
    const pos = await served();
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const result = await accreditExternal({ ...pos.target, baseUrl: `http://127.0.0.1:${port}` });
    expectStoppedFirst(result, 'unreachable', `connection refused by 127.0.0.1:${port}`, 3);
  });

  it('a POS that never answers: stopped after one request timeout, naming --base-url (exit 3)', async () => {
    const pos = await served();
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    stops.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });
    const { port } = silent.address() as { port: number };
    const result = await accreditExternal({ ...pos.target, baseUrl: `http://127.0.0.1:${port}`, timeout: '1s' });
    expectStoppedFirst(result, 'unreachable', 'no response within 1 s from GET', 3);
  });

  it('a venue too small for the plan: stopped before anything is opened, with the numbers (exit 3)', async () => {
    const result = await accreditReferencePos({ tables: 2 });
    expectStoppedFirst(result, 'venue-too-small', 'has 2 free tables (of 2); this plan holds up to 3 at once', 3, true);
  });
});
