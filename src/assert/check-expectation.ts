// Checks one `expect` / `should` block against a response and returns one result per assertion.
import type { AssertionResult } from '../core/results.js';
import { render, renderText } from '../suite/language/template.js';
import { type Scope } from '../suite/language/scope.js';
import { select } from '../suite/language/select.js';
import { SuiteFault } from '../suite/language/suite-fault.js';
import { formatDuration, parseDuration } from '../core/words/duration.js';
import type { BodyAssertion, Expectation, HeaderAssertion } from '../suite/types.js';
import { compare, OP_PHRASES } from './compare.js';
import type { SchemaRegistry } from '../suite/schema-registry.js';
import { preview } from '../core/words/preview.js';

export interface ResponseView {
  status: number;
  headers: Record<string, string>;
  /** Request and poll steps: how long the answer took, redirects included (for `maxDuration`). */
  durationMs?: number;
  /** Parsed JSON body; undefined when the body was empty or not JSON. */
  json: unknown;
  /** Why the body could not be read as JSON, when it could not. */
  jsonError?: string;
  /** Await steps: the mock Mozrest's answer, and facts about the callback, for captures. */
  answer?: unknown;
  callback?: Record<string, unknown>;
}

export interface CheckContext {
  schemas: SchemaRegistry;
  scope: Scope;
  soft: boolean;
}

export function checkExpectation(exp: Expectation, res: ResponseView, ctx: CheckContext): AssertionResult[] {
  const results: AssertionResult[] = [];
  if (exp.status) {
    const ok = exp.status.codes.includes(res.status);
    const expected = exp.status.codes.length === 1 ? exp.status.codes[0] : exp.status.codes;
    results.push({
      check: 'status', ok, soft: ctx.soft, pos: exp.status.pos, expected, actual: res.status,
      message: ok ? `status ${res.status}` : `expected status ${exp.status.codes.join(' or ')}, got ${res.status}`,
    });
  }
  if (exp.maxDuration && res.durationMs !== undefined) results.push(checkDuration(exp.maxDuration, res.durationMs, ctx));
  for (const h of exp.headers) results.push(checkHeader(h, res, ctx));
  if (exp.schema) {
    const { ref, pos } = exp.schema;
    if (res.jsonError !== undefined) {
      results.push({ check: `schema ${ref}`, ok: false, soft: ctx.soft, pos, message: `body is not JSON (${res.jsonError}), cannot validate against ${ref}`, expected: ref, actual: res.jsonError });
    } else {
      const issues = ctx.schemas.validate(ref, res.json);
      if (issues.length === 0) results.push({ check: `schema ${ref}`, ok: true, soft: ctx.soft, pos, message: `body matches ${ref}` });
      for (const issue of issues) {
        results.push({
          check: `schema ${ref}`, ok: false, soft: ctx.soft, pos, pointer: issue.pointer,
          message: `${ref}: ${issue.message}`, expected: issue.expected, actual: issue.actual,
        });
      }
    }
  }
  for (const a of exp.body) results.push(checkBody(a, res, ctx));
  return results;
}

/** `maxDuration`: the answer came within the limit (Mozrest documents none, A22: suites choose one). */
function checkDuration(limit: NonNullable<Expectation['maxDuration']>, durationMs: number, ctx: CheckContext): AssertionResult {
  const rendered = render(limit.value, ctx.scope);
  const maxMs = parseDuration(rendered, Number.NaN);
  if (!Number.isFinite(maxMs) || maxMs < 0) throw new SuiteFault(`maxDuration: ${JSON.stringify(rendered)} is not a duration (500, 2s …)`);
  const ok = durationMs <= maxMs;
  return {
    check: 'duration', ok, soft: ctx.soft, pos: limit.pos, expected: maxMs, actual: durationMs,
    message: ok ? `answered in ${formatDuration(durationMs)} (limit ${formatDuration(maxMs)})` : `answered in ${formatDuration(durationMs)}, slower than the ${formatDuration(maxMs)} limit`,
  };
}

function checkHeader(h: HeaderAssertion, res: ResponseView, ctx: CheckContext): AssertionResult {
  const actual = res.headers[h.name.toLowerCase()];
  const expected = render(h.value, ctx.scope);
  const problem = compare(h.op, actual, expected);
  const check = `header ${h.name} ${h.op}`;
  return {
    check, ok: problem === null, soft: ctx.soft, pos: h.pos, expected, actual,
    message: problem === null ? `${h.name} ${OP_PHRASES[h.op]} ${show(expected)}` : `header ${h.name} ${problem}: expected ${OP_PHRASES[h.op]} ${show(expected)}, got ${show(actual)}`,
  };
}

function checkBody(a: BodyAssertion, res: ResponseView, ctx: CheckContext): AssertionResult {
  // Paths may hold placeholders, e.g. $[?@.id == '{{ orderId }}'].status
  const rendered = renderText(a.path, ctx.scope);
  // "" is the whole body (for check steps: the whole value); say so in messages.
  const path = rendered === '' ? 'the whole value' : rendered;
  const check = `${path} ${a.each ? 'each ' : ''}${a.op}`;
  const base = { check, soft: ctx.soft, pos: a.pos };
  if (res.jsonError !== undefined) {
    return { ...base, ok: false, message: `body is not JSON (${res.jsonError}), cannot check ${path}`, actual: res.jsonError };
  }
  const expected = render(a.value, ctx.scope);
  const selection = select(res.json, rendered);
  // A singular path that selects nothing has nothing to compare, whatever the operator
  // (exists: false excepted). Nor does `each` over nothing hold, unless the step says the list
  // may be empty: "every check of the closed order has a total" must not pass with no checks.
  if (selection.singular && selection.values.length === 0 && a.op !== 'exists') {
    return { ...base, ok: false, expected, actual: undefined, message: `nothing at ${path}: expected ${OP_PHRASES[a.op]} ${show(expected)}` };
  }
  if (a.each && selection.values.length === 0 && !a.allowEmpty) {
    return { ...base, ok: false, expected, actual: [], message: `${path} selected nothing: expected every one ${OP_PHRASES[a.op]} ${show(expected)}, and there is none (allowEmpty: true when the list may be empty)` };
  }
  if (a.each) {
    for (const [i, value] of selection.values.entries()) {
      const problem = compare(a.op, value, expected);
      if (problem !== null) {
        const failing = selection.values.filter((v) => compare(a.op, v, expected) !== null).length;
        return {
          ...base, ok: false, pointer: selection.pointers[i], expected, actual: value,
          message: `${selection.pointers[i] || path} ${problem}: expected every ${path} ${OP_PHRASES[a.op]} ${show(expected)}, got ${show(value)} (${failing} of ${selection.values.length} fail)`,
        };
      }
    }
    return { ...base, ok: true, expected, message: `all ${selection.values.length} ${path} ${OP_PHRASES[a.op]} ${show(expected)}` };
  }
  // `exists` asks whether anything was selected, for lists too.
  const nothing = selection.values.length === 0;
  const actual = selection.singular || (a.op === 'exists' && nothing) ? selection.values[0] : selection.values;
  const problem = compare(a.op, actual, expected);
  return {
    ...base, ok: problem === null, pointer: selection.singular ? selection.pointers[0] : undefined, expected, actual,
    message: problem === null ? `${path} ${OP_PHRASES[a.op]} ${show(expected)}` : `${path} ${problem}: expected ${OP_PHRASES[a.op]} ${show(expected)}, got ${show(actual)}`,
  };
}

export const show = (value: unknown): string => preview(value);
