// Issue 9: an await step whose `where` cannot be evaluated (here a JSONPath built from a value that
// breaks it) was swallowed by a `catch { return false }` and became a silent wait for the whole
// callback timeout, blamed on the POS. It is a fault of the suite: the step errors at once, saying
// so, as soon as a call is there to be judged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mozrestPaths } from '../../src/contract/contract.js';
import { Redactor } from '../../src/core/redactor.js';
import { executeRun } from '../../src/engine/execute-run.js';
import { makePlan } from '../../src/engine/plan.js';
import { startMockMozrest } from '../../src/mozrest/receiver.js';
import { loadSuites } from '../../src/suite/load-suites.js';
import { suiteWorkspace } from '../helpers/cli.js';

const KEY = 'regression-mozrest-key-51c0';

function suiteWithWhere(path: string): string {
  const dir = suiteWorkspace();
  const file = join(dir, 'where.yaml');
  writeFileSync(file, `suite: where
title: Where
cases:
  - id: WHERE
    title: an await with a where
    level: must
    basis: documented
    spec: ["test"]
    steps:
      - name: the POS sends the update
        let: { quote: "'" }
        await:
          method: PUT
          path: "{{ contract.paths.mozrestUpdateOrder }}"
          order: { posId: "42" }
          timeout: 10s
          where:
            - { path: "${path}", exists: true }
`);
  return file;
}

async function awaitWith(path: string) {
  const loaded = loadSuites({ paths: [suiteWithWhere(path)] });
  const redactor = new Redactor();
  redactor.add(KEY);
  const mock = await startMockMozrest({ key: KEY, paths: mozrestPaths(loaded.contract), schemas: loaded.schemas, redactor });
  try {
    // The POS's update is already there when the step starts waiting.
    const sent = await fetch(`${mock.localUrl}/v1/order/42`, {
      method: 'PUT', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: '42', status: 'open', tables: ['T1'], partySize: 2, checks: [{ checkNumber: '7', status: 'open', totalAmount: 0, tax: 0, tip: 0, discount: 0, paymentMethod: null, items: [] }] }),
    });
    expect(sent.status).toBe(200);
    const started = performance.now();
    const result = await executeRun({
      loaded, plan: makePlan(loaded.suites, { tags: [], ids: [] }), runId: 'r', timeoutMs: 2000, strict: false, version: 'test', redactor,
      target: { baseUrl: 'http://127.0.0.1:9', venue: 'v1', otherVenue: 'v2', token: 'regression-token-9f2a', embedded: false },
      mozrest: { url: mock.url, receiver: mock, calls: () => mock.calls() },
      // No POS here (nothing listens on port 9): the await needs only the mock Mozrest.
      preflight: false,
    });
    return { c: result.cases[0]!, ms: performance.now() - started };
  } finally {
    await mock.close();
  }
}

describe('an await whose where cannot be evaluated', () => {
  it('errors at once as a fault of the suite, naming the where, instead of waiting out its timeout', async () => {
    const { c, ms } = await awaitWith("$.checks[?@.checkNumber == '{{ quote }}']");
    expect(c.status).toBe('error');
    expect(c.steps[0]?.error?.code).toBe('suite');
    expect(c.steps[0]?.error?.message).toMatch(/^where: invalid JSONPath/);
    expect(c.decidedBy).toEqual({ phase: 'steps', step: 0 });
    expect(ms).toBeLessThan(5000);
  });

  it('a where that evaluates still takes the call it matches (the control)', async () => {
    const { c } = await awaitWith('$.checks[0].checkNumber');
    expect(c.status, c.reason).toBe('pass');
  });
});
