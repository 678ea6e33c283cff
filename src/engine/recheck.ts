// --recheck REPORT: orders an earlier run closed must still be listed and retrievable later
// (45-day retention, P0) — something one run cannot prove. This builds a suite from the earlier
// report: for each order it saw closed, List Orders (status=closed) must include it, and Get
// Order (inferred path) should show it closed. Each step says how old the closure is.
import { readFileSync } from 'node:fs';
import { EXIT, PosAccreditError } from '../core/errors.js';
import type { ReceivedCall } from '../core/evidence.js';
import type { Expectation, RequestStep, Suite } from '../suite/types.js';
import type { SourcePos } from '../core/words/position.js';

export interface ClosedOrder {
  orderId: string;
  venueId: string;
  closedAt: string;
}

/** Orders the earlier run saw closed or voided: the close/void callbacks Mozrest accepted. */
export function closedOrdersIn(reportFile: string): { startedAt: string; orders: ClosedOrder[] } {
  let report: { format?: string; startedAt?: string; mozrest?: { calls?: ReceivedCall[] } };
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as typeof report;
  } catch (err) {
    throw new PosAccreditError('bad-recheck', `--recheck: cannot read ${reportFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (report.format !== 'pos-accredit-report') throw new PosAccreditError('bad-recheck', `--recheck: ${reportFile} is not a pos-accredit report.json`);
  const seen = new Map<string, ClosedOrder>();
  for (const call of report.mozrest?.calls ?? []) {
    const route = call.route;
    if (!route?.orderId || (route.kind !== 'close' && route.kind !== 'void') || call.response.status !== 200) continue;
    seen.set(`${route.venueId}/${route.orderId}`, { orderId: route.orderId, venueId: route.venueId, closedAt: call.receivedAt });
  }
  if (seen.size === 0) throw new PosAccreditError('bad-recheck', `--recheck: ${reportFile} records no order closed through the mock Mozrest`, EXIT.usage, 'recheck a report of a run that included the lifecycle suite');
  return { startedAt: report.startedAt ?? '?', orders: [...seen.values()] };
}

export function recheckSuite(reportFile: string, now: Date, getOrderPath: string): Suite {
  const { startedAt, orders } = closedOrdersIn(reportFile);
  const pos: SourcePos = { file: reportFile, line: 1, col: 1 };
  const expectation = (status: number[], body: Expectation['body']): Expectation => ({ status: { codes: status, pos }, headers: [], body, pos });
  const steps: RequestStep[] = orders.flatMap((o) => {
    const age = describeAge(now.getTime() - Date.parse(o.closedAt));
    const common = { capture: [], set: {}, let: {}, pos };
    return [
      {
        ...common, kind: 'request' as const, name: `order ${o.orderId}, closed ${age} ago: still listed as closed`,
        request: { method: 'GET', path: `/venue/${encodeURIComponent(o.venueId)}/orders`, query: { status: 'closed' }, headers: {}, auth: 'token' as const, pos },
        expect: expectation([200], [{ path: '$[*].id', op: 'contains' as const, value: o.orderId, each: false, pos }]),
      },
      {
        ...common, kind: 'request' as const, name: `order ${o.orderId}, closed ${age} ago: still retrievable (Get Order path inferred)`,
        request: { method: 'GET', path: getOrderPath.replace('{venueId}', encodeURIComponent(o.venueId)).replace('{orderId}', encodeURIComponent(o.orderId)), query: {}, headers: {}, auth: 'token' as const, pos },
        should: expectation([200], [{ path: '$.status', op: 'eq' as const, value: 'closed', each: false, pos }]),
      },
    ];
  });
  return {
    name: 'recheck', title: `Re-check of the run started ${startedAt}`, file: reportFile, setup: [], teardown: [], pos,
    cases: [{
      id: 'RECHECK-CLOSED-ORDERS', title: `Orders closed by the run of ${startedAt} are still listed and retrievable`,
      level: 'must', basis: 'documented', spec: ['8.4/51', '8.5/55', '8.1/6', 'P0#key-concepts'], tags: ['recheck', 'retention'],
      requires: [], after: [], contractRefs: ['paths.getOrder'], steps, cleanup: [], suite: 'recheck', pos,
    }],
  };
}

function describeAge(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
