// Before any order is opened, the run looks at the venue: its tables (E1, the preflight's first
// look) and the orders open on them (E3 with status=open). Free tables are those no open order stands on; the ledger hands
// them out, and the plan's needs are compared with them. The survey's exchanges are evidence.
import type { Exchange } from '../core/evidence.js';
import { fillPath } from '../contract/contract.js';
import type { Contract } from '../contract/types.js';
import type { HttpClient } from '../http/client.js';
import type { FirstLook } from './preflight.js';

export interface VenueSurvey {
  /** Every table id E1 lists; absent when E1 did not answer a list of tables. */
  tables?: string[];
  /** Tables with no open order; absent when the tables are not known. */
  free?: string[];
  /** Why the tables (or the open orders) could not be read. */
  problem?: string;
  exchanges: Exchange[];
}

/** From Get Tables' answer (the first look), and List Orders with status=open. */
export async function surveyVenue(http: HttpClient, contract: Contract, venue: string, look: FirstLook, signal?: AbortSignal): Promise<VenueSurvey> {
  const path = (name: string): string => fillPath(String(contract.sections.paths?.[name]?.value ?? ''), [venue]);
  const exchanges: Exchange[] = [];
  const tablesPath = path('getTables');
  if (!look.tables) return { problem: look.problem ?? `GET ${tablesPath} did not answer`, exchanges };
  const listed = look.tables.json;
  const tables = Array.isArray(listed) ? listed.map((t) => (isRecord(t) && (typeof t.id === 'string' || typeof t.id === 'number') ? String(t.id) : undefined)) : undefined;
  if (!tables || tables.length === 0 || tables.some((t) => t === undefined)) {
    return { problem: `GET ${tablesPath} did not answer a list of tables with ids (TABLES-LIST checks it)`, exchanges };
  }

  // Open ones only, even if the POS ignored ?status=open: a broken filter is the status cases'
  // failure, and must not make every table look busy.
  const ordersPath = `${path('listOrders')}?status=open`;
  const outcome = await http.send({ method: 'GET', path: ordersPath, headers: { accept: 'application/json' }, auth: true, signal });
  exchanges.push(...outcome.exchanges);
  const known = tables as string[];
  const orders = outcome.ok && outcome.response.status >= 200 && outcome.response.status <= 299 ? parse(outcome.response.bodyText) : undefined;
  if (!Array.isArray(orders)) {
    // Without the open orders every table looks free; a create on a busy one gets 409 and the
    // ledger takes the next.
    return { tables: known, free: known, problem: `GET ${ordersPath} did not answer a list of orders: every table is taken as free`, exchanges };
  }
  const busy = new Set(orders.flatMap((o) => (isRecord(o) && o.status === 'open' && Array.isArray(o.tables) ? o.tables.map(String) : [])));
  return { tables: known, free: known.filter((t) => !busy.has(t)), exchanges };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
