// Before any case: one look at the target, Get Tables with the token. It tells at once — in one
// message naming the setting to change — a POS that cannot be reached (exit 3, in the time a
// refused connection takes, or one request timeout for a POS that never answers), a token it
// refuses or a venue it does not know (exit 2: the configuration), instead of every case failing
// on its own. Its answer is the venue survey's first half.
import type { Exchange } from '../core/evidence.js';
import type { RunResult } from '../core/results.js';
import { fillPath } from '../contract/contract.js';
import type { Contract } from '../contract/types.js';
import type { HttpClient } from '../http/client.js';

export interface FirstLook {
  /** Get Tables' answer, when it answered 2xx. */
  tables?: { status: number; json?: unknown };
  /** Get Tables answered, but not 2xx and not a refusal the run stops for (a 500 …): the cases will say. */
  problem?: string;
  aborted?: NonNullable<RunResult['aborted']>;
  exchanges: Exchange[];
}

export async function lookAtTarget(http: HttpClient, contract: Contract, o: { venue: string; baseUrl: string; tokenSource?: string; signal?: AbortSignal }): Promise<FirstLook> {
  const path = fillPath(String(contract.sections.paths?.getTables?.value ?? ''), [o.venue]);
  const outcome = await http.send({ method: 'GET', path, headers: { accept: 'application/json' }, auth: true, signal: o.signal });
  const exchanges = outcome.exchanges;
  if (!outcome.ok) {
    if (outcome.error.code === 'ABORTED') {
      const term = o.signal?.reason === 'SIGTERM';
      return { exchanges, aborted: { code: term ? 'terminated' : 'interrupted', message: `${term ? 'terminated' : 'interrupted'} before the run started (${term ? 'SIGTERM' : 'Ctrl-C'})` } };
    }
    return { exchanges, aborted: { code: 'unreachable', message: `the POS could not be reached: ${outcome.error.message}; check --base-url (${o.baseUrl})` } };
  }
  const { status, bodyText } = outcome.response;
  const token = o.tokenSource ?? 'the token setting';
  if (status === 401 || status === 403) {
    return { exchanges, aborted: { code: 'token-refused', message: `the POS refused the token: GET ${path} answered ${status}; check that ${token} holds the token this POS accepts (for venue ${o.venue})` } };
  }
  if (status === 404) {
    return { exchanges, aborted: { code: 'venue-unknown', message: `GET ${path} answered 404: check --venue (${o.venue}) and --base-url (${o.baseUrl}), including any path prefix such as /api` } };
  }
  if (status < 200 || status > 299) return { exchanges, problem: `GET ${path} answered ${status}` };
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  return { exchanges, tables: { status, json } };
}

/** Runs stopped by what the user configured (exit 2), not by the target (exit 3). */
export const CONFIGURATION_STOPS: ReadonlySet<string> = new Set(['token-refused', 'venue-unknown']);
