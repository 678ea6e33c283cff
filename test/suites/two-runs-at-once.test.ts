// Two accreditation runs at the same time against one POS (the reference POS, served on its own)
// and its one mock Mozrest, as a POS has one Mozrest URL: both runs follow a shared mock, as with
// `serve mozrest` and `run --mozrest-url`. Run-unique ids and guest names, shuffled free tables and
// a retry when a table was taken meanwhile (409) keep them apart. Both must pass.
import { describe, expect, it } from 'vitest';
import { accreditExternal, serveReferencePos } from '../helpers/accredit.js';
import { expectedOnLoopback } from './run-cases.js';

describe('two runs at once', () => {
  it('against the same reference POS both pass, and leave nothing open', async () => {
    const served = await serveReferencePos();
    const { pos, token } = served;
    // Every case, LIFE-RETRY-5XX included: it arms the shared mock for its own order only, so
    // the other run's callbacks cannot take its 503.
    const run = () => accreditExternal({ ...served.target, ...(pos.forbiddenVenueId ? { forbiddenVenue: pos.forbiddenVenueId } : {}) });
    try {
      const [a, b] = await Promise.all([run(), run()]);
      // Plain http on loopback warns in TRANSPORT-HTTPS (local development), in both runs alike.
      const notPassing = [a, b].flatMap((r) => r.cases.filter((c) => c.status !== 'pass' && !expectedOnLoopback(c)).map((c) => `${c.id}: ${c.status} ${c.reason}`));
      expect(notPassing).toEqual([]);
      expect([a.verdict, b.verdict]).toEqual(['pass', 'pass']);
      await pos.callbacksSettled();
      const open = await fetch(`${pos.url}/venue/${pos.venueId}/orders?status=open`, { headers: { authorization: `Bearer ${token}` } });
      expect(await open.json()).toEqual([]);
    } finally {
      await served.close();
    }
  });
});
