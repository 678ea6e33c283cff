// One-line summaries of suite steps for docs/checks.md: what a step sends (or makes the POS do, or
// waits for) and what it expects, in words a reviewer reads without the suite format at hand.
import type { Contract } from '../contract/types.js';
import type { BodyAssertion, Expectation, HeaderAssertion, RequestSpec, Step, Template } from '../suite/types.js';
import { formatDuration } from '../core/words/duration.js';

export interface StepSummary {
  /** The step's name, when it has one. */
  name?: string;
  /** What the step does: `sends GET /venue/{{ venue }}/tables`, `operator action add-items …`. */
  does: string;
  /** Hard expectations, one phrase each. */
  expects: string[];
  /** Soft expectations (warn only), one phrase each. */
  should: string[];
  /** Poll steps: what the polling waits for. */
  until: string[];
}

export function summarizeStep(step: Step, contract?: Contract): StepSummary {
  const text = (t: Template): string => showTemplate(t, contract);
  let does: string;
  let until: string[] = [];
  switch (step.kind) {
    case 'request':
      does = `sends ${requestLine(step.request, text)}`;
      break;
    case 'poll':
      if (step.keepUp) {
        const age = step.keepUp.runAge === undefined ? [] : [`the run is ${code(text(step.keepUp.runAge))} ms old`];
        const sent = step.keepUp.runRequests === undefined ? [] : [`has sent ${code(text(step.keepUp.runRequests))} requests with the token`];
        does = `sends ${requestLine(step.request, text)} again and again until ${[...age, ...sent].join(' and ')}, every answer judged`;
      } else {
        does = `polls ${requestLine(step.request, text)} (every ${formatDuration(step.intervalMs)}, up to ${formatDuration(step.timeoutMs)})`;
        until = step.until ? expectationParts(step.until, text) : [];
      }
      break;
    case 'action': {
      const params = Object.keys(step.params);
      does = `operator action ${code(step.action)}${step.order !== undefined ? ` on order ${code(text(step.order))}` : ''}${params.length ? ` with ${params.join(', ')}` : ''}`;
      break;
    }
    case 'await': {
      if (step.none) {
        const where = step.where.map((a) => assertionText(a, text));
        does = `expects the POS not to call ${code(`${step.method} ${text(step.path)}`)}${where.length ? ` where ${where.join(', ')}` : ''} within ${step.timeoutMs ?? 'the callback timeout'}${step.timeoutMs === undefined ? '' : ' ms'}`;
        break;
      }
      const ids = [step.order.posId !== undefined && `POS id ${code(text(step.order.posId))}`, step.order.mozrestId !== undefined && `Mozrest id ${code(text(step.order.mozrestId))}`].filter(Boolean);
      const where = step.where.map((a) => assertionText(a, text));
      does = `waits for the POS to call ${code(`${step.method} ${text(step.path)}`)}${ids.length ? ` for the order with ${ids.join(' or ')}` : ''}${where.length ? ` where ${where.join(', ')}` : ''}`;
      break;
    }
    case 'mozrest':
      does = `mock Mozrest answers the next ${step.failNext.count === 1 ? 'callback' : `${step.failNext.count} callbacks`} with ${step.failNext.status}${step.failNext.order === undefined ? '' : ` (only callbacks about order ${String(step.failNext.order)})`}`;
      break;
    case 'check':
      does = `checks ${code(text(step.value))}`;
      break;
    case 'forEach': {
      const inner = (steps: Step[]): string => steps.map((s) => {
        const sum = summarizeStep(s, contract);
        const checks = [...sum.expects, ...sum.should.map((x) => `${x} (should)`)];
        return `${sum.name ? `${sum.name}: ` : ''}${sum.does}${checks.length ? ` — expects ${checks.join(', ')}` : ''}`;
      }).join('; then ');
      does = `for each ${code(step.as)} in ${code(text(step.items))}: ${inner(step.steps)}${step.cleanup.length ? `; cleanup: ${inner(step.cleanup)}` : ''}`;
      break;
    }
  }
  return {
    ...(step.name !== undefined ? { name: step.name } : {}),
    does,
    expects: step.expect ? expectationParts(step.expect, text) : [],
    should: step.should ? expectationParts(step.should, text) : [],
    until,
  };
}

function requestLine(request: RequestSpec, text: (t: Template) => string): string {
  const query = Object.entries(request.query).map(([k, v]) => `${k}=${text(v)}`).join('&');
  const parts = [code(`${request.method} ${text(request.path)}${query ? `?${query}` : ''}`)];
  if (request.body !== undefined) parts.push(`body ${code(bodyShape(request.body))}`);
  if (request.rawBody !== undefined) parts.push(`raw body ${code(text(request.rawBody))}`);
  const headers = Object.keys(request.headers);
  if (headers.length) parts.push(`header ${headers.map((h) => code(`${h}: ${text(request.headers[h])}`)).join(', ')}`);
  if (request.auth === 'none') parts.push('without Authorization');
  return parts.join(', ');
}

/** `{ tables, guestName }` — the keys a body carries, not their values. */
function bodyShape(body: Template): string {
  if (Array.isArray(body)) return `[${body.length} item${body.length === 1 ? '' : 's'}]`;
  if (body !== null && typeof body === 'object') return `{ ${Object.keys(body).join(', ')} }`;
  return JSON.stringify(body);
}

function expectationParts(e: Expectation, text: (t: Template) => string): string[] {
  const parts: string[] = [];
  if (e.status) parts.push(`status ${e.status.codes.join(' or ')}`);
  if (e.maxDuration) {
    const limit = valueText(e.maxDuration.value, text);
    parts.push(`an answer within ${/^\d+$/.test(limit) ? formatDuration(Number(limit)) : code(limit)}`);
  }
  if (e.schema) parts.push(`schema ${code(e.schema.ref)}`);
  for (const h of e.headers) parts.push(headerText(h, text));
  for (const a of e.body) parts.push(assertionText(a, text));
  return parts;
}

function headerText(h: HeaderAssertion, text: (t: Template) => string): string {
  return code(`header ${h.name} ${h.op} ${valueText(h.value, text)}`);
}

function assertionText(a: BodyAssertion, text: (t: Template) => string): string {
  return code(`${a.path === '' ? 'the whole value' : a.path}${a.each ? ' each' : ''} ${a.op} ${valueText(a.value, text)}`);
}

function valueText(value: Template, text: (t: Template) => string): string {
  return typeof value === 'string' ? text(value) : JSON.stringify(value);
}

/**
 * A template as a reviewer reads it: `{{ contract.paths.x }}` becomes the contract path, and
 * `{{ fill(contract.paths.x, venue, orderId) }}` that path with `{{ venue }}` … in its slots.
 */
export function showTemplate(t: Template, contract?: Contract): string {
  if (typeof t !== 'string') return JSON.stringify(t);
  if (!contract) return t;
  const paths = contract.sections.paths ?? {};
  return t
    .replace(/\{\{\s*contract\.(\w+)\.(\w+)\s*\}\}/g, (whole, section: string, name: string) => {
      // Paths and other single values (limits.slowResponseMs); lists stay as written.
      const value = contract.sections[section]?.[name]?.value;
      return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
    })
    .replace(/\{\{\s*fill\(\s*contract\.paths\.(\w+)\s*,([^(){}]*)\)\s*\}\}/g, (whole, name: string, rest: string) => {
      const value = paths[name]?.value;
      if (typeof value !== 'string') return whole;
      const args = rest.split(',').map((a) => a.trim()).filter(Boolean);
      let i = 0;
      return value.replace(/\{[^{}]+\}/g, (slot) => {
        const arg = args[i++];
        if (arg === undefined) return slot;
        const literal = /^'(.*)'$/.exec(arg) ?? /^"(.*)"$/.exec(arg);
        return literal ? literal[1]! : `{{ ${arg} }}`;
      });
    });
}

/** Inline code; a value holding backticks gets a longer fence. */
export function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}
