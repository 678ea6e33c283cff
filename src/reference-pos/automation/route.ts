// `POST /_automation/actions` — the test-automation hook: the harness's `http` driver does here
// what an operator does at the till (add items, split, pay, void, seat a walk-in, move tables).
// It lives on the POS's own server and port but is no part of the Mozrest contract, so it has its
// own token (default: the POS token), its own answer shape, and no E-endpoint fault touches it.
//
//   POST /_automation/actions   Authorization: Bearer <automationToken>
//   { "action": "pay-check", "venueId": "venue-ref-1", "orderId": "1001",
//     "params": { "checkNumber": "500001", "paymentMethod": "card", "tip": 2.5 } }
//   → 200 { "ok": true, "action": "pay-check", "orderId": "1001", "checkNumber": "500001", "orderStatus": "closed" }
//   → 4xx { "ok": false, "error": "…" }
//
// The callback the action owes Mozrest is queued and leaves after this answer.

import type { IncomingMessage } from 'node:http';
import { authenticate } from '../auth.js';
import type { CallbackNotifier } from '../callbacks/notifier.js';
import { FaultSet } from '../faults.js';
import { ok, readJsonBody, type Reply } from '../http-io.js';
import { PosStateError, type PosStateCode } from '../order-ops.js';
import type { PosStore } from '../store.js';
import { ActionInputError, performAction } from './actions.js';
import { parseActionRequest } from './validate.js';

export const AUTOMATION_PATH = '/_automation/actions';

export interface AutomationDeps {
  token: string;
  store: PosStore;
  notifier: CallbackNotifier;
  now: () => Date;
}

const STATUS_FOR: Readonly<Record<PosStateCode, number>> = {
  'unknown-order': 404,
  'unknown-check': 404,
  'order-not-open': 409,
  'no-open-check': 409,
  'ambiguous-check': 409,
  'table-occupied': 409,
};

const NO_FAULTS = new FaultSet();

export async function handleAutomation(req: IncomingMessage, deps: AutomationDeps): Promise<Reply> {
  const refused = authenticate(req.headers.authorization, deps.token, NO_FAULTS);
  if (refused) return refuse(refused.status, 'error' in refused ? refused.error : 'Unauthorized', refused.headers);
  if (req.method !== 'POST') return refuse(405, `Method ${req.method} not allowed on ${AUTOMATION_PATH}`, { Allow: 'POST' });

  const body = await readJsonBody(req);
  switch (body.kind) {
    case 'too-large': return refuse(413, 'Request body larger than 1 MiB');
    case 'empty': return refuse(400, 'The request body should be a JSON object');
    case 'malformed': return refuse(400, `Malformed JSON: ${body.message}`);
  }
  const parsed = parseActionRequest(body.value);
  if (!parsed.ok) return refuse(400, parsed.error);

  const { request } = parsed;
  const venue = deps.store.venue(request.venueId);
  if (!venue) return refuse(404, `Venue ${request.venueId} not found`);

  try {
    const result = performAction(request, { venue, store: deps.store, notifier: deps.notifier, now: deps.now });
    return ok({ ok: true, action: request.action, ...result });
  } catch (err) {
    if (err instanceof PosStateError) return refuse(STATUS_FOR[err.code], err.message);
    if (err instanceof ActionInputError) return refuse(400, err.message);
    throw err;
  }
}

/** The hook's own error shape, `{ ok: false, error }`, rather than Mozrest's envelope. */
function refuse(status: number, error: string, headers?: Record<string, string>): Reply {
  return { status, json: { ok: false, error }, ...(headers && { headers }) };
}

/** Written without the E-endpoint faults (a text/plain fault must not break the harness's driver). */
export const AUTOMATION_WRITE_FAULTS = NO_FAULTS;
