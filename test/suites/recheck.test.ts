// --recheck: orders an earlier run saw closed must still be listed and retrievable. Shown
// against the reference POS's seeded closed order 9001, with and without a POS that purges
// closed orders at once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/reference-pos/faults.js';
import { accreditReferencePos } from '../helpers/accredit.js';
import { tempDir } from '../helpers/cli.js';

function earlierReport(): string {
  const file = join(tempDir(), 'report.json');
  const closedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  writeFileSync(file, JSON.stringify({
    format: 'pos-accredit-report', startedAt: closedAt,
    mozrest: { calls: [{ route: { kind: 'close', venueId: 'venue-ref-1', orderId: '9001' }, response: { status: 200, body: {} }, receivedAt: closedAt }] },
  }));
  return file;
}

/** `run --recheck REPORT --id RECHECK-*` against the embedded reference POS. */
function recheck(faults: FaultName[]) {
  return accreditReferencePos({ faults, recheck: earlierReport(), ids: ['RECHECK-*'] });
}

describe('--recheck', () => {
  it('passes when the order closed two days ago is still listed and retrievable, and says how old it is', async () => {
    const result = await recheck([]);
    expect(result.cases[0]?.status, result.cases[0]?.reason).toBe('pass');
    expect(result.cases[0]?.steps[0]?.name).toBe('order 9001, closed 2 days ago: still listed as closed');
  });

  it('fails against a POS that purges closed orders', async () => {
    const result = await recheck(['closed-orders-purged']);
    expect(result.cases[0]?.status).toBe('fail');
    expect(result.cases[0]?.reason).toContain('not contained');
  });
});
