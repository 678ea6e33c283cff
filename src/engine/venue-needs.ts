// What the plan needs of the venue, read from the suites before anything runs: the most tables
// held at once, and the orders left open when nothing can close them (no driver, or --keep). A
// step that leases tables and expects its create to succeed opens an order; one that expects it
// refused gives its tables back; an action that closes or voids an order frees its tables; with a
// driver, a case's cleanup frees whatever it still holds.
import type { Case, RequestStep, Step, Suite } from '../suite/types.js';
import { ACTIONS, isActionName } from '../suite/language/actions.js';
import type { Plan } from './plan.js';

export interface CaseNeeds {
  /** The most tables held at once while the case runs, the suite's setup orders included. */
  peak: number;
  /** Tables still held by orders when the case ends (nothing closes them without a driver). */
  leavesOpen: number;
  /** Orders still open when the case ends. */
  ordersLeftOpen: number;
  /** The case's steps need operator actions. */
  needsDriver: boolean;
}

export interface VenueNeeds {
  /** With a driver: the most tables held at once by any case (with its suite's setup orders). */
  peakTables: number;
  /** Without a driver: the orders the whole plan leaves open, and the tables they stand on. */
  leftOpenWithoutDriver: number;
  tablesLeftOpenWithoutDriver: number;
  /** Per case and per suite setup, with and without a driver (`keep`: cleanup does not run). */
  withDriver: Map<Case, CaseNeeds>;
  withoutDriver: Map<Case, CaseNeeds>;
  setupWithDriver: Map<Suite, number>;
  setupWithoutDriver: Map<Suite, number>;
}

export interface NeedsMode {
  driver: boolean;
  /** --keep: cleanup and teardown do not run, so only the steps themselves close orders. */
  keep: boolean;
}

export function venueNeeds(plan: Plan, keep = false): VenueNeeds {
  const skipped = new Set(plan.skipped.map((s) => s.case));
  const withDriver = new Map<Case, CaseNeeds>();
  const withoutDriver = new Map<Case, CaseNeeds>();
  const setupWithDriver = new Map<Suite, number>();
  const setupWithoutDriver = new Map<Suite, number>();
  let peakTables = 0;
  let leftOpen = 0;
  let tablesLeftOpen = 0;
  for (const { suite, cases } of plan.suites) {
    const run = cases.filter((c) => !skipped.has(c));
    if (run.length === 0) continue;
    // Setup orders stand for the whole suite; the teardown closes them (with a driver).
    const setupDriver = simulate(suite.setup, [], { driver: true, keep }).leavesOpen;
    const setupAlone = simulate(suite.setup, [], { driver: false, keep });
    setupWithDriver.set(suite, setupDriver);
    setupWithoutDriver.set(suite, setupAlone.leavesOpen);
    leftOpen += setupAlone.ordersLeftOpen;
    tablesLeftOpen += setupAlone.leavesOpen;
    for (const c of run) {
      const d = simulate(c.steps, c.cleanup, { driver: true, keep });
      const n = simulate(c.steps, c.cleanup, { driver: false, keep });
      withDriver.set(c, { ...d, peak: d.peak + setupDriver });
      withoutDriver.set(c, { ...n, peak: n.peak + setupAlone.leavesOpen });
      peakTables = Math.max(peakTables, d.peak + setupDriver);
      if (!n.needsDriver) {
        leftOpen += n.ordersLeftOpen;
        tablesLeftOpen += n.leavesOpen;
      }
    }
  }
  return { peakTables, leftOpenWithoutDriver: leftOpen, tablesLeftOpenWithoutDriver: tablesLeftOpen, withDriver, withoutDriver, setupWithDriver, setupWithoutDriver };
}

interface Held {
  /** Tables of each order the steps opened, by the variables the create captured its id into. */
  orders: { vars: string[]; tables: number }[];
  /** Tables leased for a moment (a create expected to be refused). */
  peak: number;
}

/** Walks the steps as a correct POS would answer them; without a driver a case with actions does not run. */
function simulate(steps: Step[], cleanup: Step[], mode: NeedsMode): CaseNeeds {
  const needsDriver = hasAction(steps);
  if (!mode.driver && needsDriver) return { peak: 0, leavesOpen: 0, ordersLeftOpen: 0, needsDriver };
  const held: Held = { orders: [], peak: 0 };
  walk(steps, held, mode);
  // With a driver the cleanup closes what the steps left open (unless --keep).
  const cleans = mode.driver && !mode.keep && cleanup.length > 0;
  const open = cleans ? [] : held.orders;
  return { peak: held.peak, leavesOpen: sum(open), ordersLeftOpen: open.length, needsDriver };
}

function walk(steps: Step[], held: Held, mode: NeedsMode): void {
  for (const step of steps) {
    const leased = leaseCount(step);
    const now = sum(held.orders) + leased;
    held.peak = Math.max(held.peak, now);
    if (step.kind === 'request' && leased > 0 && expectsSuccess(step)) {
      held.orders.push({ vars: step.capture.map((c) => c.name), tables: leased });
    }
    if (step.kind === 'action' && isActionName(step.action)) {
      const effect = ACTIONS[step.action].venue;
      const target = orderVariable(step.order);
      if (effect === 'seats' && leased > 0) held.orders.push({ vars: [], tables: leased });
      if (effect === 'moves' && target !== undefined) {
        const order = held.orders.find((o) => o.vars.includes(target));
        if (order) order.tables = leased || order.tables;
      }
      if ((effect === 'closes' || effect === 'voids') && target !== undefined) {
        held.orders = held.orders.filter((o) => !o.vars.includes(target));
      }
    }
    if (step.kind === 'forEach') {
      // One iteration stands for all: with a driver its cleanup frees what it opened.
      const inner: Held = { orders: [...held.orders], peak: 0 };
      walk(step.steps, inner, mode);
      held.peak = Math.max(held.peak, inner.peak);
      if (!mode.driver || mode.keep || step.cleanup.length === 0) held.orders = inner.orders;
    }
  }
}

/** Tables a step leases: a count, or one for each template (a named table). */
function leaseCount(step: Step): number {
  return Object.values(step.lease ?? {}).reduce((n, spec) => n + ('count' in spec ? spec.count : 1), 0);
}

/** A create the step expects to succeed: no status expectation, or one that admits a 2xx. */
function expectsSuccess(step: RequestStep): boolean {
  const codes = step.expect?.status?.codes;
  return codes === undefined || codes.some((c) => c >= 200 && c <= 299);
}

/** `{{ orderId }}` → `orderId`. */
function orderVariable(template: unknown): string | undefined {
  return typeof template === 'string' ? /^\{\{\s*([A-Za-z_]\w*)\s*\}\}$/.exec(template)?.[1] : undefined;
}

/**
 * Cases with a loop whose cleanup is actions only: a driver that takes batches (a person) is asked
 * for them once, after the last iteration, so the loop holds every table it opened until then.
 */
export function casesHoldingLoops(plan: Plan): string[] {
  const holds = (steps: Step[]): boolean => steps.some((s) => s.kind === 'forEach' && (holds(s.steps) || (s.cleanup.length > 0 && s.cleanup.every((c) => c.kind === 'action' && !c.lease))));
  return plan.cases.filter((c) => holds(c.steps)).map((c) => c.id);
}

/** Operator actions among the steps; a loop's cleanup counts (it runs within the steps). */
export function hasAction(steps: Step[]): boolean {
  return steps.some((s) => s.kind === 'action' || (s.kind === 'forEach' && (hasAction(s.steps) || hasAction(s.cleanup))));
}

function sum(orders: { tables: number }[]): number {
  return orders.reduce((n, o) => n + o.tables, 0);
}
