// Two MAY checks depend on what the run is given: the latency threshold (a contract value, lowered
// here so a 300 ms answer crosses it) and a venue the token may not access (the embedded reference
// POS has one; for a vendor's POS it must be configured, or the case is skipped and never blocks).
import { describe, expect, it } from 'vitest';
import { SLOW_GET_ORDER_MS } from '../../src/reference-pos/endpoints/e4-get-order.js';
import { runCases } from './run-cases.js';

const THRESHOLD_MS = 200;
const lowered = { contract: { limits: { slowResponseMs: THRESHOLD_MS } } };

describe('TRANSPORT-LATENCY (8.1/12)', () => {
  it('passes when every endpoint answers within the threshold', async () => {
    const [c] = await runCases({ ids: ['TRANSPORT-LATENCY'], scope: lowered });
    expect(c?.status, c?.reason).toBe('pass');
    // Each timed answer carries its duration and the limit, for the report.
    const durations = c!.steps.flatMap((s) => s.assertions).filter((a) => a.check === 'duration');
    expect(durations).toHaveLength(4);
    expect(durations.every((a) => a.expected === THRESHOLD_MS && typeof a.actual === 'number')).toBe(true);
  });

  it('warns, naming the endpoint and its time, when one answers slower', async () => {
    expect(SLOW_GET_ORDER_MS).toBeGreaterThan(THRESHOLD_MS);
    const [c] = await runCases({ ids: ['TRANSPORT-LATENCY'], faults: ['slow-get-order'], scope: lowered });
    expect(c?.status).toBe('warn');
    expect(c?.reason).toMatch(/^E4 Get Order answers in time \(path inferred\): answered in \d{3} ms, slower than the 200 ms limit$/);
  });
});

describe('AUTH-FORBIDDEN-VENUE (8.1/7)', () => {
  it('uses the reference POS venue the token may not access when the POS is the embedded one', async () => {
    const [c] = await runCases({ ids: ['AUTH-FORBIDDEN-VENUE'] });
    expect(c?.status, c?.reason).toBe('pass');
    expect(c?.steps[0]?.exchanges[0]?.request.url).toMatch(/\/venue\/venue-ref-3\/tables$/);
  });

  it('is skipped, with how to configure it, when no such venue is given for a vendor POS', async () => {
    const [c] = await runCases({ ids: ['AUTH-FORBIDDEN-VENUE'], embedded: false });
    expect(c?.status).toBe('skip');
    expect(c?.reason).toContain('needs forbiddenVenue, which is not configured');
    expect(c?.reason).toContain('--forbidden-venue');
    expect(c?.steps).toEqual([]);
  });
});
