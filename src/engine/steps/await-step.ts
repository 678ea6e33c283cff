// `await` steps: wait for a POS callback on the mock Mozrest that matches the method, the path,
// the order (by its POS id or its Mozrest id) and the `where` conditions; then judge it — both by
// the suite's expectations and by what Mozrest itself would refuse (its key, JSON, the payload).
import { checkExpectation, show } from '../../assert/check-expectation.js';
import { OP_PHRASES } from '../../assert/compare.js';
import type { Exchange, ReceivedCall } from '../../core/evidence.js';
import type { AssertionResult } from '../../core/results.js';
import { formatDuration } from '../../core/words/duration.js';
import type { WaitOutcome } from '../../mozrest/types.js';
import type { Scope } from '../../suite/language/scope.js';
import { render, renderText } from '../../suite/language/template.js';
import type { AwaitStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { evaluateResponse } from './evaluate-response.js';
import { skippedStep, suiteError, type StepRun } from './step-run.js';

export async function runAwaitStep(step: AwaitStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  if (!ctx.receiver) return skippedStep('no-receiver', 'needs the mock Mozrest receiver to observe the POS callback');
  let path: string;
  let order: { posId?: string; mozrestId?: string };
  try {
    path = renderText(step.path, scope);
    order = orderIds(Object.fromEntries(Object.entries(step.order).map(([k, v]) => [k, renderText(v, scope)])), ctx);
  } catch (err) {
    return suiteError(err, ctx);
  }
  // A `where` that cannot be evaluated (a JSONPath built from a capture that does not parse) is a
  // fault of the suite: the receiver stops the wait with it, and the step errors saying so.
  const where = step.where.length === 0 ? undefined : (call: ReceivedCall): boolean => {
    const view = { status: call.response.status, headers: call.headers, json: call.body, jsonError: call.jsonError };
    return checkExpectation({ headers: [], body: step.where, pos: step.pos }, view, { schemas: ctx.schemas, scope, soft: false }).every((a) => a.ok);
  };
  const venueId = String(scope.get('venue'));
  const timeoutMs = step.timeoutMs ?? ctx.callbackTimeoutMs;
  const about = order.posId ?? order.mozrestId;
  await ctx.events?.onWait?.({ caseId: ctx.holder, what: `${step.none ? 'no ' : ''}${step.method} ${path} callback${about === undefined ? '' : ` for order ${about}`}`, timeoutMs });
  let outcome: WaitOutcome;
  try {
    outcome = await ctx.receiver.waitFor({ method: step.method, path, venueId, order, where, ...(where ? { whereText: whereText(step, scope) } : {}), peek: step.peek }, timeoutMs, ctx.signal);
  } catch (err) {
    return suiteError(err, ctx, 'where: ');
  }
  if (step.none) return noCallExpected(step, path, timeoutMs, outcome);
  if (!outcome.ok) {
    if (outcome.code === 'aborted') return skippedStep('aborted', outcome.message);
    const missing: AssertionResult = { check: `callback ${step.method} ${path}`, ok: false, soft: false, pos: step.pos, expected: `${step.method} ${path}`, actual: outcome.related.map(describeCall), message: outcome.message };
    return { result: { status: 'fail', exchanges: outcome.related.map(toExchange), assertions: [missing] } };
  }
  const { call } = outcome;
  const answerId = (call.response.body as { id?: unknown } | null)?.id;
  noteInLedger(call, typeof answerId === 'string' ? answerId : undefined, ctx);
  const view = {
    status: call.response.status, headers: call.headers, json: call.body, jsonError: call.jsonError, answer: call.response.body,
    callback: { orderId: call.route?.orderId, matchedBy: outcome.matchedBy, mozrestId: typeof answerId === 'string' ? answerId : undefined },
  };
  const evaluation = evaluateResponse(step, view, scope, ctx);
  // Whatever the suite checks, a callback Mozrest would refuse is a failure with the rule named.
  const builtIn = callbackChecks(step, call);
  const assertions = [...builtIn, ...evaluation.assertions];
  const status = evaluation.status === 'error' ? 'error' : builtIn.some((a) => !a.ok) ? 'fail' : evaluation.status;
  return {
    result: {
      ...evaluation, status, assertions, exchanges: [toExchange(call)],
      callback: { seq: call.seq, method: call.method, path: call.path, matchedBy: outcome.matchedBy, rms: call.rms },
    },
  };
}

/** `$.checks[*].status containing "void"`: the where block in words, its values rendered. */
function whereText(step: AwaitStep, scope: Scope): string {
  return step.where.map((a) => {
    let value: unknown;
    try {
      value = render(a.value, scope);
    } catch {
      value = a.value;
    }
    if (a.op === 'exists') return `${a.path} ${value === false ? 'absent' : 'present'}`;
    return `${a.path} ${a.each ? 'each ' : ''}${OP_PHRASES[a.op]} ${show(value)}`;
  }).join(' and ');
}

/**
 * The ids a callback may carry for the order: those the step names and, for an order the run
 * opened, its other id too — the contract leaves open which one a POS uses (A11), and the step
 * records which one it did. `exactly`: only the id given, for a check that the POS keeps its choice.
 */
function orderIds(given: { posId?: string; mozrestId?: string; exactly?: string }, ctx: RunContext): { posId?: string; mozrestId?: string } {
  if (given.exactly !== undefined) {
    const known = ctx.ledger.find(given.exactly);
    return known?.mozrestId === given.exactly && known.posId !== given.exactly ? { mozrestId: given.exactly } : { posId: given.exactly };
  }
  const known = [given.posId, given.mozrestId].map((id) => (id === undefined ? undefined : ctx.ledger.find(id))).find((o) => o !== undefined);
  const posId = given.posId ?? known?.posId;
  const mozrestId = given.mozrestId ?? known?.mozrestId;
  return { ...(posId === undefined ? {} : { posId }), ...(mozrestId === undefined ? {} : { mozrestId }) };
}

/** What a callback tells the ledger: a close or a void frees the order's tables; M1 names a walk-in. */
function noteInLedger(call: ReceivedCall, answeredId: string | undefined, ctx: RunContext): void {
  const kind = call.route?.kind;
  const pathId = call.route?.orderId;
  if ((kind === 'close' || kind === 'void') && pathId !== undefined) ctx.ledger.ended(pathId, kind === 'close' ? 'closed' : 'voided');
  if (kind === 'create') {
    const body = call.body as { id?: unknown; tables?: unknown } | undefined;
    const tables = Array.isArray(body?.tables) ? body.tables.map(String) : [];
    const posId = typeof body?.id === 'string' || typeof body?.id === 'number' ? String(body.id) : undefined;
    ctx.ledger.identify(tables, { ...(posId === undefined ? {} : { posId }), ...(answeredId === undefined ? {} : { mozrestId: answeredId }) });
  }
}

/** `none: true`: the step holds when the wait times out, and fails on the call that did arrive. */
function noCallExpected(step: AwaitStep, path: string, timeoutMs: number, outcome: WaitOutcome): StepRun {
  if (!outcome.ok && outcome.code === 'aborted') return skippedStep('aborted', outcome.message);
  const expected = `no ${step.method} ${path} call within ${formatDuration(timeoutMs)}`;
  if (!outcome.ok) {
    const quiet: AssertionResult = { check: `no callback ${step.method} ${path}`, ok: true, soft: false, pos: step.pos, expected, message: `${expected} arrived` };
    return { result: { status: 'pass', assertions: [quiet], exchanges: [] } };
  }
  const { call } = outcome;
  const arrived: AssertionResult = {
    check: `no callback ${step.method} ${path}`, ok: false, soft: false, pos: step.pos, expected, actual: describeCall(call),
    message: `expected ${expected}, but the POS sent ${describeCall(call)}${statusOfPayload(call)}`,
  };
  return {
    result: {
      status: 'fail', assertions: [arrived], exchanges: [toExchange(call)],
      callback: { seq: call.seq, method: call.method, path: call.path, matchedBy: outcome.matchedBy, rms: call.rms },
    },
  };
}

function statusOfPayload(call: ReceivedCall): string {
  const status = (call.body as { status?: unknown } | null | undefined)?.status;
  return status === undefined ? '' : ` saying status ${JSON.stringify(status)}`;
}

function callbackChecks(step: AwaitStep, call: ReceivedCall): AssertionResult[] {
  const base = { soft: false, pos: step.pos };
  const out: AssertionResult[] = [{
    ...base, check: 'callback authorization', ok: call.authorized, expected: 'Authorization: Bearer <Mozrest key>', actual: call.headers.authorization ?? 'absent',
    message: call.authorized ? 'callback carried the Mozrest key' : `the ${call.method} ${call.path} callback did not carry "Authorization: Bearer <Mozrest key>" (8.6/58)`,
  }];
  if (call.jsonError !== undefined) {
    out.push({ ...base, check: 'callback payload', ok: false, expected: 'a JSON order payload', actual: call.jsonError, message: `the callback body is not JSON: ${call.jsonError} (8.6/58)` });
  }
  for (const issue of call.schemaIssues) {
    out.push({ ...base, check: 'callback payload', ok: false, pointer: issue.pointer, expected: issue.expected, actual: issue.actual, message: `callback payload: ${issue.message} (mozrest-order-payload.json)` });
  }
  return out;
}

function describeCall(call: ReceivedCall): string {
  return `${call.method} ${call.path} (${call.route?.kind ?? 'no such endpoint'}) at ${call.receivedAt}`;
}

/** A callback as evidence, in the same shape as the harness's own requests. */
function toExchange(call: ReceivedCall): Exchange {
  return {
    startedAt: call.receivedAt,
    durationMs: 0,
    request: { method: call.method, url: call.path, headers: call.headers, body: call.bodyText, ...(call.bodyTruncated ? { bodyTruncated: true } : {}) },
    response: { status: call.response.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.response.body), bodyBytes: JSON.stringify(call.response.body).length },
  };
}
