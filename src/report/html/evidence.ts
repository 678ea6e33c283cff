// A case's evidence as HTML: its steps with every check (expected vs actual when it failed), the
// HTTP exchanges (headers and bodies, capped), the operator actions and the POS callbacks with
// the webhook Mozrest would forward to the reservation system (the RMS view).
import type { AssertionResult, StepResult } from '../../core/results.js';
import type { Exchange, RmsWebhook } from '../../core/evidence.js';
import { bodyPreview, preview, truncate } from '../../core/words/preview.js';
import { formatDuration } from '../../core/words/duration.js';
import { formatPos } from '../../core/words/position.js';
import { html, type Html } from './escape.js';
import { badge, formatTime, valueCode } from './labels.js';
import { ASSERTION_LABELS, assertionOutcome } from '../../core/words/status.js';

/** Per body: at most this many lines (after JSON re-indentation) and this many characters. */
export const BODY_MAX_LINES = 60;
export const BODY_MAX_CHARS = 4096;
const BODY_LINE_CHARS = 240;
const HEADER_VALUE_CHARS = 300;
const MAX_HEADERS = 40;

/** A body capped to BODY_MAX_LINES / BODY_MAX_CHARS, saying what was cut and why. */
export function bodyBlock(body: string, capture?: { truncated?: boolean; bytes?: number }): Html {
  const { lines, omitted } = bodyPreview(body, BODY_MAX_LINES, BODY_LINE_CHARS);
  const kept: string[] = [];
  let chars = 0;
  for (const line of lines) {
    if (chars + line.length + 1 > BODY_MAX_CHARS && kept.length > 0) break;
    kept.push(line);
    chars += line.length + 1;
  }
  const notShown = omitted + lines.length - kept.length;
  const notes: string[] = [];
  if (notShown > 0) {
    notes.push(`${notShown} more line${notShown === 1 ? '' : 's'} not shown (the report keeps ${BODY_MAX_LINES} lines or ${BODY_MAX_CHARS / 1024} KB per body; the JSON report has it all)`);
  }
  if (capture?.truncated) {
    notes.push(`body truncated when captured${capture.bytes !== undefined ? `: ${capture.bytes} bytes received` : ''}`);
  }
  return html`<pre>${kept.join('\n')}</pre>${notes.map((n) => html`<p class="cut">… ${n}</p>`)}`;
}

function headersBlock(headers: Record<string, string>): Html {
  const entries = Object.entries(headers);
  if (entries.length === 0) return html`<p class="muted small">(no headers)</p>`;
  const lines = entries.slice(0, MAX_HEADERS).map(([k, v]) => `${k}: ${truncate(v, HEADER_VALUE_CHARS)}`);
  const more = entries.length - MAX_HEADERS;
  return html`<pre>${lines.join('\n')}</pre>${more > 0 ? html`<p class="cut">… ${more} more headers not shown</p>` : ''}`;
}

function httpStatus(status: number): Html {
  const cls = status >= 200 && status < 300 ? 'http-ok' : status >= 400 ? 'http-bad' : 'http-other';
  return html`<span class="${cls}">${status}</span>`;
}

/** One HTTP exchange; `callback` when the POS sent it to the mock Mozrest. */
export function exchangeBlock(ex: Exchange, open: boolean, callback: boolean): Html {
  const who = callback ? 'POS → Mozrest' : 'Mozrest → POS';
  const outcome = ex.response
    ? html`→ ${httpStatus(ex.response.status)}`
    : html`→ <span class="http-bad">no response${ex.error ? html` (${ex.error.code})` : ''}</span>`;
  const req = ex.request;
  const res = ex.response;
  return html`<details class="exchange"${open ? html` open` : ''}><summary><span class="muted">${who}</span> <code>${req.method} ${req.url}</code> ${outcome} <span class="muted">· ${formatDuration(ex.durationMs)} · ${formatTime(ex.startedAt)}</span></summary>
<div class="exchange-body"><div><h6>Request</h6><pre>${req.method} ${req.url}</pre>${headersBlock(req.headers)}${req.body ? bodyBlock(req.body, { truncated: req.bodyTruncated }) : html`<p class="muted small">(no body)</p>`}</div>
<div><h6>Response</h6>${res
    ? html`<pre>HTTP ${res.status} · ${res.bodyBytes} bytes</pre>${headersBlock(res.headers)}${res.body ? bodyBlock(res.body, { truncated: res.bodyTruncated, bytes: res.bodyBytes }) : html`<p class="muted small">(empty body)</p>`}`
    : html`<p><strong>No response</strong>${ex.error ? html`: <code>${ex.error.code}</code> ${ex.error.message}` : ''}</p>`}</div></div></details>
`;
}

function assertionRow(a: AssertionResult): Html {
  const status = assertionOutcome(a);
  const values = !a.ok && (a.expected !== undefined || a.actual !== undefined)
    ? html`<table class="ea"><tbody><tr><th scope="row">Expected</th><td>${valueCode(a.expected)}</td></tr><tr><th scope="row">Actual</th><td>${valueCode(a.actual)}</td></tr></tbody></table>`
    : '';
  const pointer = a.pointer ? html` <span class="muted small">at <code>${a.pointer}</code></span>` : '';
  return html`<tr><td>${badge(status, ASSERTION_LABELS[status])}</td><td><code>${a.check}</code></td><td>${a.message}${pointer}${values}</td><td class="small mono">${formatPos(a.pos)}</td></tr>`;
}

function assertionsTable(assertions: AssertionResult[]): Html | '' {
  if (assertions.length === 0) return '';
  return html`<table class="checks"><thead><tr><th scope="col">Result</th><th scope="col">Check</th><th scope="col">Outcome</th><th scope="col">Defined at</th></tr></thead><tbody>${assertions.map(assertionRow)}</tbody></table>`;
}

function nullable(v: unknown): string {
  return v === null || v === undefined ? '–' : typeof v === 'string' ? v : preview(v, 60);
}

function unixTime(seconds: number | null): string {
  return seconds === null ? '–' : formatTime(new Date(seconds * 1000).toISOString());
}

function rmsRow(w: RmsWebhook): Html {
  const c = w.commercials;
  const money = `total ${nullable(c.totalAmount)} · tax ${nullable(c.tax)} · tip ${nullable(c.tip)} · discount ${nullable(c.discount)} · prepayment ${nullable(c.prepayment)} · payment ${nullable(c.paymentType)}`;
  const items = w.items.map((i) => `${nullable(i.quantity)} × ${nullable(i.name)} @ ${nullable(i.price)}`);
  const times = [`opened ${unixTime(w.openedAt)}`, `updated ${unixTime(w.updatedAt)}`];
  if (w.closedAt !== null) times.push(`closed ${unixTime(w.closedAt)}`);
  if (w.voidedAt !== null) times.push(`voided ${unixTime(w.voidedAt)}`);
  return html`<tr><td><strong>${w.type}</strong> / ${w.status}</td><td class="small">booking ${nullable(w.bookingId)}<br>check ${nullable(w.checkNumber)}<br>party ${nullable(w.partySize)} · tables ${w.tables.join(', ') || '–'}</td><td class="small">${money}</td><td class="small">${items.length > 0 ? items.join('; ') : '(no items)'}</td><td class="small">${times.join(', ')}</td></tr>`;
}

/** The webhooks Mozrest would forward to the RMS, one per check. */
export function rmsTable(webhooks: RmsWebhook[]): Html {
  if (webhooks.length === 0) return html`<p class="muted small">Mozrest would forward nothing to the RMS for this call.</p>`;
  return html`<table><caption class="small muted">What Mozrest would forward to the reservation system (RMS view), one webhook per check</caption><thead><tr><th scope="col">Type / status</th><th scope="col">Booking, check, party</th><th scope="col">Commercials</th><th scope="col">Items</th><th scope="col">Times (UTC)</th></tr></thead><tbody>${webhooks.map(rmsRow)}</tbody></table>`;
}

const MATCHED_BY: Record<'pos-id' | 'mozrest-id' | 'any', string> = {
  'pos-id': 'its {orderId} was the POS order id',
  'mozrest-id': 'its {orderId} was the Mozrest order id',
  any: 'any order matched',
};

function stepBlock(s: StepResult, inferredNote: boolean): Html {
  const failed = s.status === 'fail' || s.status === 'error' || s.status === 'warn';
  const attempts = s.attempts && s.attempts > 1 ? ` · ${s.attempts} attempts` : '';
  const callbackStep = s.kind === 'await' || s.kind === 'mozrest';
  return html`<li class="step"><p class="step-head">${badge(s.status)}<span class="kind">${s.kind}</span> <strong>${s.name}</strong> <span class="muted small">· ${formatPos(s.pos)} · ${formatDuration(s.durationMs)}${attempts}</span></p>
${inferredNote && s.basis === 'inferred' ? html`<p class="small muted">This step rests on an inferred contract detail: its failures only warn unless the run is strict.</p>` : ''}
${s.error ? html`<p>${s.status === 'skip' ? 'Skipped' : 'Error'}: <code>${s.error.code}</code> ${s.error.message}</p>` : ''}
${s.action ? html`<dl class="meta"><dt>Operator action</dt><dd><code>${s.action.name}</code> via the ${s.action.driver} driver${s.action.orderId ? html` on order <code>${s.action.orderId}</code>` : ''}</dd><dt>Parameters</dt><dd>${valueCode(s.action.params, 600)}</dd>${s.action.result !== undefined ? html`<dt>Driver answered</dt><dd>${valueCode(s.action.result, 600)}</dd>` : ''}</dl>` : ''}
${s.callback ? html`<p>Callback <strong>#${s.callback.seq}</strong> <code>${s.callback.method} ${s.callback.path}</code> <span class="muted small">(${MATCHED_BY[s.callback.matchedBy]})</span></p>${rmsTable(s.callback.rms)}` : ''}
${assertionsTable(s.assertions)}${s.exchanges.map((ex) => exchangeBlock(ex, failed, callbackStep))}</li>
`;
}

/** The steps of a case (or its cleanup) as an ordered list. */
export function stepsList(steps: StepResult[], inferredNote: boolean): Html {
  return html`<ol class="steps">${steps.map((s) => stepBlock(s, inferredNote))}</ol>`;
}
