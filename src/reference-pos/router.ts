// Request pipeline: authenticate → match the route (404 / 405) → resolve the venue (404) → run
// the endpoint → write the reply. Authentication comes first so an unauthenticated caller learns
// nothing, not even which paths exist. Any exception becomes a 500 in the error envelope; in
// correct mode no input can cause one.
//
// One path is not the contract's: the test-automation hook (automation/route.ts), which has its
// own token and answers without the E-endpoint faults.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, tokenExpired } from './auth.js';
import { AUTOMATION_PATH, AUTOMATION_WRITE_FAULTS } from './automation/route.js';
import type { Handler, RequestContext } from './endpoints/context.js';
import { getTables } from './endpoints/e1-get-tables.js';
import { createOrder } from './endpoints/e2-create-order.js';
import { listOrders } from './endpoints/e3-list-orders.js';
import { getOrder } from './endpoints/e4-get-order.js';
import type { FaultSet } from './faults.js';
import { fail, writeReply, type Reply } from './http-io.js';
import type { PosStore } from './store.js';
import type { TokenLifetime } from './token-lifetime.js';

interface Route {
  /** Named groups become parameters; `venueId` is required in every route. */
  pattern: RegExp;
  methods: Readonly<Record<string, Handler>>;
}

const ROUTES: readonly Route[] = [
  { pattern: /^\/venue\/(?<venueId>[^/]+)\/tables$/, methods: { GET: getTables } },
  { pattern: /^\/venue\/(?<venueId>[^/]+)\/orders$/, methods: { GET: listOrders, POST: createOrder } },
  { pattern: /^\/venue\/(?<venueId>[^/]+)\/orders\/(?<orderId>[^/]+)$/, methods: { GET: getOrder } },
];

export interface PipelineDeps {
  token: string;
  store: PosStore;
  faults: FaultSet;
  now: () => Date;
  /** Faults `token-dies-after-…`: counts requests and refuses the token once it has "expired". */
  tokenLifetime?: TokenLifetime;
  /** The test-automation hook, served at AUTOMATION_PATH. */
  automation?: (req: IncomingMessage) => Promise<Reply>;
}

export function createRequestListener(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const automation = deps.automation && isAutomationPath(req.url) ? deps.automation : undefined;
    (automation ? automation(req) : handle(req, deps))
      .catch((): Reply => fail(500, 'Internal server error'))
      .then((reply) => writeReply(res, reply, automation ? AUTOMATION_WRITE_FAULTS : deps.faults))
      .catch(() => res.destroy());
  };
}

function isAutomationPath(url: string | undefined): boolean {
  return URL.parse(url ?? '/', 'http://reference-pos.invalid')?.pathname === AUTOMATION_PATH;
}

async function handle(req: IncomingMessage, deps: PipelineDeps): Promise<Reply> {
  const { store, faults, now } = deps;
  const url = URL.parse(req.url ?? '/', 'http://reference-pos.invalid');
  // Blind fault: the auth middleware is mounted on the /orders routes only; E1 goes unchecked.
  const unprotected = faults.has('auth-tables-unprotected') && /\/tables$/.test(url?.pathname ?? '');
  if (!unprotected) {
    // Blind fault: a token in the query string stands in for a missing Authorization header.
    const queryToken = faults.has('auth-token-in-query') ? tokenFromQuery(url) : undefined;
    const header = req.headers.authorization ?? (queryToken === undefined ? undefined : `Bearer ${queryToken}`);
    const refused = authenticate(header, deps.token, faults);
    if (refused) return refused;
    if (deps.tokenLifetime?.spend()) return tokenExpired();
  }

  const found = url && matchRoute(url.pathname);
  if (!url || !found) return fail(404, `No route for ${url?.pathname ?? req.url}`);

  const handler = found.route.methods[req.method ?? ''];
  if (!handler) {
    const allow = Object.keys(found.route.methods).join(', ');
    return fail(405, `Method ${req.method} not allowed on ${url.pathname}`, undefined, { Allow: allow });
  }

  const { venueId = '', ...params } = found.params;
  let venue = store.venue(venueId);
  if (!venue && faults.has('unknown-venue-200')) venue = store.venues[0];
  if (!venue) return fail(404, `Venue ${venueId} not found`);
  // The POS knows the venue, but this token was issued for others (§8.1 #7, P1 Errors 403).
  if (venue.forbidden && !faults.has('forbidden-venue-served')) return fail(403, `The token may not access venue ${venueId}`);

  const ctx: RequestContext = { req, venue, params, query: url.searchParams, store, faults, now };
  return handler(ctx);
}

/** Fault `auth-token-in-query`: the token as `?access_token=`, `?token=` or `?api_key=`. */
function tokenFromQuery(url: URL | null): string | undefined {
  for (const name of ['access_token', 'token', 'api_key']) {
    const value = url?.searchParams.get(name);
    if (value) return value;
  }
  return undefined;
}

function matchRoute(pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const groups = route.pattern.exec(pathname)?.groups;
    if (!groups) continue;
    const params: Record<string, string> = {};
    for (const [name, raw] of Object.entries(groups)) {
      // A malformed escape like `%E0%A4%A` cannot name anything that exists.
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    }
    return { route, params };
  }
  return undefined;
}
