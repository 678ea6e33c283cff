// Before any order is opened: what the plan needs of the venue against what the venue has free.
// With a driver that closes what it opens, the most tables held at once must be free, or the run
// stops with the numbers (nothing opened). Without one (or with --keep), every order stays open,
// so the free tables are a budget: the cases are given tables in plan order, and those that no
// longer fit are skipped saying so — never a cascade of "no free table" errors. Cases that need
// operator actions do not start without a driver, so they open nothing.
import type { RunResult, VenueReport } from '../core/results.js';
import { plural } from '../core/words/counts.js';
import type { Contract } from '../contract/types.js';
import type { HttpClient } from '../http/client.js';
import type { Case, Suite } from '../suite/types.js';
import type { Plan } from './plan.js';
import type { Skip } from './runner.js';
import { VenueLedger } from './venue-ledger.js';
import { casesHoldingLoops, hasAction, venueNeeds, type CaseNeeds } from './venue-needs.js';
import { lookAtTarget, type FirstLook } from './preflight.js';
import { surveyVenue } from './venue-survey.js';

export interface VenuePreparation {
  ledger: VenueLedger;
  skips: Map<Case, Skip>;
  aborted?: NonNullable<RunResult['aborted']>;
  /** For the console before the run: the venue, what the run needs, what it will leave open. */
  notices: string[];
  report: Omit<VenueReport, 'leftOpen'>;
}

export interface VenueInput {
  plan: Plan;
  http: HttpClient;
  contract: Contract;
  venue: string;
  baseUrl: string;
  /** Where the token came from (`$POS_ACCREDIT_TOKEN`), for the message when the POS refuses it. */
  tokenSource?: string;
  /** A driver is there to perform operator actions. */
  driver: boolean;
  /** It takes a loop's actions as one batch (a person at the terminal). */
  batches?: boolean;
  keep: boolean;
  /** Stop before any case when the first look finds the POS unreachable or refusing (default). */
  preflight?: boolean;
  /** Taken already (by the session, before the suites loaded): not taken again. */
  firstLook?: FirstLook;
  signal?: AbortSignal;
}

export async function prepareVenue(o: VenueInput): Promise<VenuePreparation> {
  const skips = new Map<Case, Skip>();
  const planSkipped = new Set(o.plan.skipped.map((s) => s.case));
  if (!o.driver) {
    for (const c of o.plan.cases) {
      const action = firstAction(c);
      if (!planSkipped.has(c) && action !== undefined) {
        skips.set(c, { notRun: 'needs-driver', reason: `needs a driver to perform "${action}" on the POS (--driver prompt|http|exec); accreditation needs this check` });
      }
    }
  }
  const needs = venueNeeds(o.plan, o.keep);
  const report: VenuePreparation['report'] = { venue: o.venue, needs: { peakTables: needs.peakTables, leftOpenWithoutDriver: needs.leftOpenWithoutDriver } };
  const opensOrders = needs.peakTables > 0 || needs.tablesLeftOpenWithoutDriver > 0;
  if (o.preflight === false && !opensOrders) return { ledger: new VenueLedger([]), skips, notices: [], report };
  // One look at the target before anything: unreachable, a refused token, an unknown venue stop here.
  const look = o.firstLook ?? await lookAtTarget(o.http, o.contract, { venue: o.venue, baseUrl: o.baseUrl, ...(o.tokenSource ? { tokenSource: o.tokenSource } : {}), ...(o.signal ? { signal: o.signal } : {}) });
  if (look.aborted && o.preflight !== false) return { ledger: new VenueLedger([]), skips, notices: [], report, aborted: look.aborted };
  // A plan that opens no order needs no more of the venue.
  if (!opensOrders) return { ledger: new VenueLedger([]), skips, notices: [], report };

  const survey = await surveyVenue(o.http, o.contract, o.venue, look, o.signal);
  if (survey.free === undefined) {
    const problem = survey.problem ?? 'the venue could not be read';
    return {
      ledger: new VenueLedger(problem), skips, report: { ...report, problem },
      notices: [`Venue ${o.venue}: its free tables are not known (${problem}); the checks that need a table will say so.`],
    };
  }
  const free = survey.free;
  const tables = survey.tables ?? free;
  const found = { ...report, tables, free, ...(survey.problem ? { problem: survey.problem } : {}) };
  const head = `Venue ${o.venue}: ${plural(tables.length, 'table')}, ${free.length} free`;
  const ledger = new VenueLedger(free);
  const closes = o.driver && !o.keep;
  if (closes) {
    // A person voids a loop's orders in one go after its last open: until then it holds them all.
    const holding = o.batches ? casesHoldingLoops(o.plan) : [];
    const most = holding.length ? `${plural(needs.peakTables, 'table')} at once (${holding.join(', ')}: every free table, until you have voided its orders)` : `${plural(needs.peakTables, 'table')} at once`;
    const notices = [`${head}; this run holds at most ${most} and closes every order it opens.`];
    if (free.length >= needs.peakTables) return { ledger, skips, notices, report: found };
    const hungry = [...needs.withDriver].filter(([, n]) => n.peak === needs.peakTables).map(([c]) => c.id);
    const message = `venue ${o.venue} has ${free.length} free ${free.length === 1 ? 'table' : 'tables'} (of ${tables.length}); this plan holds up to ${needs.peakTables} at once (${hungry.slice(0, 5).join(', ')}${hungry.length > 5 ? ', …' : ''}): free tables on the POS (close open orders) or use a larger test venue`;
    return { ledger, skips, notices, report: found, aborted: { code: 'venue-too-small', message } };
  }
  return budget(o, needs.withDriver, needs.withoutDriver, needs.setupWithDriver, needs.setupWithoutDriver, { ledger, skips, head, found, free: free.length });
}

/**
 * Without a driver (or with --keep) nothing closes, so the free tables are a budget. They go
 * first to suite setups (one order serves every case of the suite), then to MUST checks, then to
 * SHOULD and MAY ones, each group smallest first; a table is kept back for the checks that only
 * hold one for a moment (a create expected to be refused). The cases left out are skipped saying
 * why; the rest run in plan order.
 */
function budget(
  o: VenueInput, withDriver: Map<Case, CaseNeeds>, withoutDriver: Map<Case, CaseNeeds>, setupWith: Map<Suite, number>, setupWithout: Map<Suite, number>,
  s: { ledger: VenueLedger; skips: Map<Case, Skip>; head: string; found: VenuePreparation['report']; free: number },
): VenuePreparation {
  const perCase = o.driver ? withDriver : withoutDriver;
  const perSetup = o.driver ? setupWith : setupWithout;
  const candidates = o.plan.suites.flatMap(({ suite, cases }) => cases.filter((c) => perCase.has(c) && !s.skips.has(c)).map((c) => ({ c, suite, n: perCase.get(c)!, setup: perSetup.get(suite) ?? 0 })));
  const needing = candidates.filter((x) => x.n.peak > 0);
  if (needing.length === 0) return { ledger: s.ledger, skips: s.skips, notices: [`${s.head}.`], report: s.found };
  const why = o.driver ? 'with --keep' : 'without a driver';
  if (s.free === 0) {
    const message = `venue ${o.venue} has no free table: every one of its ${s.found.tables?.length ?? 0} tables has an open order (${why} a run leaves the orders it opens open): close them on the POS, or use another test venue`;
    return { ledger: s.ledger, skips: s.skips, notices: [`${s.head}.`], report: s.found, aborted: { code: 'venue-full', message } };
  }
  // Held for a moment only: they need a free table when they run, and leave none taken.
  const brief = needing.filter((x) => x.n.leavesOpen === 0 && x.n.peak > x.setup);
  const reserve = Math.max(0, ...brief.map((x) => x.n.peak - x.setup));
  let remaining = s.free;
  const seated = new Set<Suite>();
  const granted = new Set<Case>();
  const rank = { must: 0, should: 1, may: 2 } as const;
  // Setups first, as any case of their suite needs them; then the checks that keep tables.
  for (const suite of new Set(needing.filter((x) => x.setup > 0).map((x) => x.suite))) {
    const need = perSetup.get(suite) ?? 0;
    if (need <= remaining - reserve) {
      remaining -= need;
      seated.add(suite);
    }
  }
  const keeping = needing.filter((x) => x.n.leavesOpen > 0).sort((a, b) => rank[a.c.level] - rank[b.c.level] || a.n.leavesOpen - b.n.leavesOpen);
  for (const x of keeping) {
    if ((x.setup === 0 || seated.has(x.suite)) && x.n.leavesOpen <= remaining - reserve) {
      remaining -= x.n.leavesOpen;
      granted.add(x.c);
    }
  }
  for (const x of brief) if ((x.setup === 0 || seated.has(x.suite)) && x.n.peak - x.setup <= remaining) granted.add(x.c);
  for (const x of needing) if (x.n.peak === x.setup && seated.has(x.suite)) granted.add(x.c);
  const left: string[] = [];
  for (const x of needing) {
    if (granted.has(x.c)) continue;
    const wants = x.setup > 0 && !seated.has(x.suite) ? `its suite's setup needs ${plural(x.setup, 'free table')}` : `needs ${plural(Math.max(1, x.n.peak - x.setup), 'free table')}`;
    s.skips.set(x.c, { notRun: 'needs-table', reason: `${wants}, and none is left for it: ${why} every order a run opens stays open (${s.free} free at the start, given to the MUST checks first); run with a driver, or close those orders on the POS` });
    left.push(x.c.id);
  }
  const orders = [...seated].length + [...granted].reduce((n, c) => n + (perCase.get(c)?.ordersLeftOpen ?? 0), 0);
  const tables = s.free - remaining;
  const leaves = orders === 0 ? 'this run leaves nothing open on the POS' : `this run will leave ${plural(orders, 'order')} open on the POS, on ${plural(tables, 'table')}; close ${orders === 1 ? 'it' : 'them'} on the POS afterwards`;
  const notices = [`${s.head}. ${o.driver ? 'With --keep' : 'No driver'}: ${leaves}.`];
  if (left.length > 0) notices.push(`  ${plural(left.length, 'check')} ${left.length === 1 ? 'does' : 'do'} not fit in the free tables and ${left.length === 1 ? 'is' : 'are'} skipped: ${left.join(', ')}.`);
  return { ledger: s.ledger, skips: s.skips, notices, report: s.found };
}

/** The first operator action among the case's steps (loops included), or undefined. */
function firstAction(c: Case): string | undefined {
  const find = (steps: Case['steps']): string | undefined => {
    for (const s of steps) {
      if (s.kind === 'action') return s.action;
      if (s.kind === 'forEach') {
        const inner = find([...s.steps, ...s.cleanup]);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
  return hasAction(c.steps) ? find(c.steps) : undefined;
}
