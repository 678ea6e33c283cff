// Before any order is opened, the run looks at the venue: its tables (E1) and the orders open on
// them (E3 with status=open). Free tables are those no open order stands on; the ledger hands
// them out, and the plan's needs are compared with them. The survey's exchanges are evidence.
import type { Exchange } from '../core/evidence.js';
import { fillPath } from '../contract/contract.js';
import type { Contract } from '../contract/types.js';
import type { HttpClient } from '../http/client.js';

export interface VenueSurvey {
  /** Every table id E1 lists; absent when E1 did not answer a list of tables. */
  tables?: string[];
  /** Tables with no open order; absent when the tables are not known. */
  free?: string[];
  /** Why the tables (or the open orders) could not be read. */
  problem?: string;
  exchanges: Exchange[];
}

export async function surveyVenue(http: HttpClient, contract: Contract, venue: string, signal?: AbortSignal): Promise<VenueSurvey> {
  const path = (name: string): string => fillPath(String(contract.sections.paths?.[name]?.value ?? ''), [venue]);
  const exchanges: Exchange[] = [];
  const get = async (target: string): Promise<{ json?: unknown; problem?: string }> => {
    const outcome = await http.send({ method: 'GET', path: target, headers: { accept: 'application/json' }, auth: true, signal });
    exchanges.push(...outcome.exchanges);
    if (!outcome.ok) return { problem: `GET ${target}: ${outcome.error.message}` };
    if (outcome.response.status < 200 || outcome.response.status > 299) return { problem: `GET ${target} answered ${outcome.response.status}` };
    try {
      return { json: JSON.parse(outcome.response.bodyText) as unknown };
    } catch {
      return { problem: `GET ${target} did not answer JSON` };
    }
  };

  const tablesPath = path('getTables');
  const listed = await get(tablesPath);
  if (listed.problem) return { problem: listed.problem, exchanges };
  const tables = Array.isArray(listed.json) ? listed.json.map((t) => (isRecord(t) && (typeof t.id === 'string' || typeof t.id === 'number') ? String(t.id) : undefined)) : undefined;
  if (!tables || tables.length === 0 || tables.some((t) => t === undefined)) {
    return { problem: `GET ${tablesPath} did not answer a list of tables with ids (TABLES-LIST checks it)`, exchanges };
  }

  // Open ones only, even if the POS ignored ?status=open: a broken filter is the status cases'
  // failure, and must not make every table look busy.
  const ordersPath = `${path('listOrders')}?status=open`;
  const orders = await get(ordersPath);
  const known = tables as string[];
  if (orders.problem || !Array.isArray(orders.json)) {
    // Without the open orders every table looks free; a create on a busy one gets 409 and the
    // ledger takes the next.
    return { tables: known, free: known, problem: orders.problem ?? `GET ${ordersPath} did not answer a list of orders: every table is taken as free`, exchanges };
  }
  const busy = new Set(orders.json.flatMap((o) => (isRecord(o) && o.status === 'open' && Array.isArray(o.tables) ? o.tables.map(String) : [])));
  return { tables: known, free: known.filter((t) => !busy.has(t)), exchanges };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
