// One POS → Mozrest call, from request to evidence: authenticate → route (404 / 405) → the
// failNext hook → body size (413) → JSON (400) → order-payload schema (400) → accept (200).
// Authentication comes first, as on the real API; whatever the answer, the call is recorded with
// everything learnt about it (route, body, schema issues, the RMS webhooks it would produce).

import type { IncomingHttpHeaders } from 'node:http';
import type { SchemaRegistry } from '../suite/schema-registry.js';
import type { CallbackKind, ReceivedCall, SchemaIssue } from '../core/evidence.js';
import type { Redactor } from '../core/redactor.js';
import { checkBearer, maskAuthorization } from './bearer.js';
import type { OrderBook, OrderRecord } from './order-book.js';
import { relativeToBase, type PathTemplate } from './path-template.js';
import { errorReply, recordedText, type RawBody, type Reply } from './request-body.js';
import { idOf, isObject } from './json-values.js';
import { rememberCheckTimes, toRmsWebhooks } from './rms-webhooks.js';

export const ORDER_PAYLOAD_SCHEMA = 'mozrest-order-payload.json';

export interface Endpoint {
  kind: CallbackKind;
  method: 'POST' | 'PUT';
  template: PathTemplate;
}

export interface PipelineState {
  key: string;
  endpoints: readonly Endpoint[];
  schemas: SchemaRegistry;
  redactor: Redactor;
  book: OrderBook;
  /**
   * The failNext hook: calls still to be refused with `status`, each arming on its own (two runs on
   * one shared mock each arm for their order); `orders` limits an arming to calls about those ids.
   */
  failures: InjectedFailure[];
  now: () => Date;
}

export interface IncomingCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: RawBody;
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="mock-mozrest"' };

/** The evidence (without its sequence number) and the reply to send. */
export function processCall(input: IncomingCall, state: PipelineState): { call: Omit<ReceivedCall, 'seq'>; reply: Reply } {
  const receivedAt = state.now();
  const method = input.method.toUpperCase();
  const relative = relativeToBase(input.path);
  const onPath = relative === undefined ? [] : state.endpoints.flatMap((e) => withParams(e, relative));
  const hit = onPath.find((e) => e.endpoint.method === method);

  const { text: bodyText, truncated } = recordedText(input.body, (t) => state.redactor.redact(t));
  const parsed = parseBody(input.body, hit !== undefined);
  const venueId = hit?.params.venueId ?? '';
  const orderId = hit && (hit.endpoint.kind === 'create' ? idOf(parsed.body) : hit.params.orderId);
  const route = hit && { kind: hit.endpoint.kind, venueId, ...(orderId !== undefined && { orderId }) };
  const schemaIssues: SchemaIssue[] = hit && parsed.body !== undefined ? state.schemas.validate(ORDER_PAYLOAD_SCHEMA, parsed.body) : [];
  const ids = orderIds(orderId, parsed.body);

  const auth = checkBearer(headerValue(input.headers.authorization), state.key);
  let accepted: OrderRecord | undefined;
  let reply: Reply;
  let injected: InjectedFailure | undefined;
  if (!auth.ok) reply = errorReply(401, auth.message, { headers: CHALLENGE });
  else if (!hit && onPath.length === 0) reply = errorReply(404, `No Mozrest endpoint at ${method} ${input.path.split('?')[0]}`);
  else if (!hit) {
    const allow = [...new Set(onPath.map((e) => e.endpoint.method))].join(', ');
    reply = errorReply(405, `Method ${method} not allowed here; use ${allow}`, { headers: { Allow: allow } });
  } else if ((injected = takeFailure(state, ids))) {
    reply = errorReply(injected.status, `Injected failure (pos-accredit failNext): ${injected.count} more to come`);
  } else if (input.body.tooLarge) reply = errorReply(413, 'Request body exceeds 1 MiB');
  else if (parsed.error !== undefined) reply = errorReply(400, parsed.error);
  else if (schemaIssues.length > 0) reply = errorReply(400, 'Validation failed', { details: toDetails(schemaIssues) });
  else {
    accepted = state.book.accept(venueId, ids, receivedAt);
    reply = {
      status: 200,
      // The extra fields are deliberate: the POS must ignore unknown fields (P1, 8.6/73).
      body: { id: accepted.mozrestId, status: responseStatus(hit.endpoint.kind, parsed.body), receivedAt: receivedAt.toISOString(), 'x-pos-accredit': true },
    };
  }

  const rms = hit
    ? toRmsWebhooks(parsed.body, { kind: hit.endpoint.kind, venueId, receivedAt, ...withOrder(accepted ?? state.book.find(venueId, ids)) })
    : [];
  if (accepted) rememberCheckTimes(accepted, rms, receivedAt);

  const r = state.redactor;
  const call: Omit<ReceivedCall, 'seq'> = {
    receivedAt: receivedAt.toISOString(),
    method,
    path: r.redact(input.path),
    ...(route && { route: r.redactValue(route) }),
    headers: recordedHeaders(input.headers, r),
    authorized: auth.ok,
    bodyText: r.redact(bodyText),
    ...(truncated && { bodyTruncated: true }),
    ...(parsed.body !== undefined && { body: r.redactValue(parsed.body) }),
    ...(parsed.error !== undefined && { jsonError: r.redact(parsed.error) }),
    schemaIssues: r.redactValue(schemaIssues),
    response: { status: reply.status, body: r.redactValue(reply.body) },
    rms: r.redactValue(rms),
  };
  return { call, reply };
}

function withParams(endpoint: Endpoint, relative: string): { endpoint: Endpoint; params: Record<string, string> }[] {
  const params = endpoint.template.match(relative);
  return params ? [{ endpoint, params }] : [];
}

function withOrder(order: OrderRecord | undefined): { order?: OrderRecord } {
  return order ? { order } : {};
}

/** A body is parsed whenever there is one; an empty body is an error only where one is expected. */
function parseBody(body: RawBody, expected: boolean): { body?: unknown; error?: string } {
  if (body.readError !== undefined) return { error: `request body could not be read: ${body.readError}` };
  if (body.tooLarge) return {};
  const text = body.bytes.toString('utf8');
  if (text.trim() === '') return expected ? { error: 'Request body is empty; expected a JSON order' } : {};
  try {
    return { body: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `Request body is not valid JSON: ${(err as Error).message}` };
  }
}

export interface InjectedFailure {
  count: number;
  status: number;
  orders?: string[];
}

/** The first armed failure this call matches, counted down (and dropped at 0). */
function takeFailure(state: Pick<PipelineState, 'failures'>, ids: string[]): InjectedFailure | undefined {
  const index = state.failures.findIndex((f) => f.count > 0 && (!f.orders || ids.some((id) => f.orders!.includes(id))));
  const failure = state.failures[index];
  if (!failure) return undefined;
  failure.count -= 1;
  if (failure.count === 0) state.failures.splice(index, 1);
  return failure;
}

function orderIds(pathId: string | undefined, body: unknown): string[] {
  const ids = [pathId, idOf(body)].filter((id): id is string => id !== undefined && id !== '');
  return [...new Set(ids)];
}

function responseStatus(kind: CallbackKind, body: unknown): 'open' | 'closed' | 'void' {
  if (kind === 'close') return 'closed';
  if (kind === 'void') return 'void';
  const status = isObject(body) ? body.status : undefined;
  return status === 'closed' || status === 'void' ? status : 'open';
}

/** Mozrest's `details`: JSON pointer → messages; a missing property is named by its own pointer. */
function toDetails(issues: readonly SchemaIssue[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const escaped = issue.property?.replace(/~/g, '~0').replace(/\//g, '~1');
    const pointer = escaped !== undefined && issue.pointer.split('/').pop() !== escaped ? `${issue.pointer}/${escaped}` : issue.pointer;
    (details[pointer] ??= []).push(issue.message);
  }
  return details;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function recordedHeaders(headers: IncomingHttpHeaders, redactor: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const value = headerValue(raw);
    if (value === undefined) continue;
    out[name.toLowerCase()] = redactor.redact(name.toLowerCase() === 'authorization' ? maskAuthorization(value) : value);
  }
  return out;
}
