// Writes `<outDir>/report.har`: every HTTP exchange of the run as an HTTP Archive (HAR 1.2), so a
// browser's network panel or any HAR viewer can replay the evidence. One page per case (entries
// group by case); one entry per harness → POS exchange and one per POS → mock Mozrest callback
// (`_direction` tells them apart), sorted by start time; a callback an await step recorded is the
// mock's call, listed once. Fields starting with `_` are HAR's
// custom fields. A request that got no answer has status 0 and `_error`, as Chrome writes it.
import { STATUS_CODES } from 'node:http';
import type { CaseResult, RunResult, StepResult } from '../core/results.js';
import type { Exchange, ReceivedCall } from '../core/evidence.js';
import { mapStrings } from '../core/redactor.js';
import { writeReportFile } from './report-file.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { VERDICT_LABELS } from '../core/words/status.js';

export const HAR_FILE_NAME = 'report.har';

export type HarDirection = 'harness-to-pos' | 'pos-to-mozrest';

export interface HarNameValue { name: string; value: string }

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: never[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: { mimeType: string; text: string; _truncated?: boolean };
  headersSize: -1;
  bodySize: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: never[];
  headers: HarNameValue[];
  content: { size: number; mimeType: string; text?: string; _truncated?: boolean };
  redirectURL: string;
  headersSize: -1;
  bodySize: number;
  /** No (complete) response: `CODE: message`. */
  _error?: string;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
  _direction: HarDirection;
  /** The case and step that made (harness) or awaited (callback) the request, when known. */
  _case?: string;
  _step?: string;
  _phase?: 'step' | 'cleanup';
  /** Callbacks: arrival order on the mock Mozrest, the endpoint matched, the key check. */
  _seq?: number;
  _route?: string;
  _authorized?: boolean;
  /** Callbacks: whether the await step of `_case` matched it (false: it listed it as evidence of a miss). */
  _matched?: boolean;
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad: number; onLoad: number };
  _status: string;
  _level: string;
}

export interface HarDocument {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: HarPage[];
    entries: HarEntry[];
    comment: string;
  };
}

/** What the mock Mozrest always answers with (src/mozrest/request-body.ts `writeReply`). */
const MOCK_MIME = 'application/json; charset=utf-8';

function headerList(headers: Record<string, string>): HarNameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value: String(value) }));
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function queryString(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The body size: the bytes kept, or -1 (unknown) when the evidence cut it short. */
function bodySize(text: string | undefined, truncated: boolean | undefined, headers: Record<string, string>): number {
  if (text === undefined) return 0;
  if (!truncated) return bytes(text);
  const declared = Number(header(headers, 'content-length'));
  return Number.isInteger(declared) && declared >= 0 ? declared : -1;
}

function requestOf(method: string, url: string, headers: Record<string, string>, body: string | undefined, truncated?: boolean): HarRequest {
  const request: HarRequest = {
    method,
    url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: headerList(headers),
    queryString: queryString(url),
    headersSize: -1,
    bodySize: bodySize(body, truncated, headers),
  };
  if (body !== undefined && body !== '') {
    request.postData = { mimeType: header(headers, 'content-type') ?? '', text: body };
    if (truncated) request.postData._truncated = true;
  }
  return request;
}

function exchangeResponse(ex: Exchange): HarResponse {
  const r = ex.response;
  const error = ex.error ? `${ex.error.code}: ${ex.error.message}` : undefined;
  if (!r) {
    return {
      status: 0, statusText: '', httpVersion: '', cookies: [], headers: [],
      content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1,
      _error: error ?? 'no response',
    };
  }
  const response: HarResponse = {
    status: r.status,
    statusText: STATUS_CODES[r.status] ?? '',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: headerList(r.headers),
    content: { size: r.bodyBytes, mimeType: header(r.headers, 'content-type') ?? 'x-unknown' },
    redirectURL: header(r.headers, 'location') ?? '',
    headersSize: -1,
    bodySize: r.bodyBytes,
  };
  if (r.body !== undefined) response.content.text = r.body;
  if (r.bodyTruncated) response.content._truncated = true;
  if (error) response._error = error;
  return response;
}

function exchangeEntry(ex: Exchange, c: CaseResult, step: StepResult, phase: 'step' | 'cleanup', url = ex.request.url): HarEntry {
  const wait = Math.max(0, ex.durationMs);
  return {
    pageref: c.id,
    startedDateTime: ex.startedAt,
    time: wait,
    request: requestOf(ex.request.method, url, ex.request.headers, ex.request.body, ex.request.bodyTruncated),
    response: exchangeResponse(ex),
    cache: {},
    timings: { send: 0, wait, receive: 0 },
    _direction: 'harness-to-pos',
    _case: c.id,
    _step: step.name,
    _phase: phase,
  };
}

/** `http://host:port` of the mock's URL; a call's path already carries the `/v1/pos` prefix. */
function origin(mozrestUrl: string | undefined, headers: Record<string, string> = {}): string {
  try {
    if (mozrestUrl) return new URL(mozrestUrl).origin;
  } catch {
    // Not a URL: fall back on what the POS said it was calling.
  }
  const host = header(headers, 'host');
  return host && /^[\w.:[\]-]+$/.test(host) ? `http://${host}` : 'http://mozrest.invalid';
}

/** Which case showed a callback: the await step that matched it, else one that listed it as evidence. */
interface Shown { c: CaseResult; step: StepResult; matched: boolean }

function callbackEntry(call: ReceivedCall, base: string, shown: Shown | undefined): HarEntry {
  const text = call.response.body === undefined ? '' : JSON.stringify(call.response.body);
  const entry: HarEntry = {
    startedDateTime: call.receivedAt,
    // The mock records arrival, not duration: it answers at once.
    time: 0,
    request: requestOf(call.method, base + call.path, call.headers, call.bodyText, call.bodyTruncated),
    response: {
      status: call.response.status,
      statusText: STATUS_CODES[call.response.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'content-type', value: MOCK_MIME }],
      content: { size: bytes(text), mimeType: MOCK_MIME, text },
      redirectURL: '',
      headersSize: -1,
      bodySize: bytes(text),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: `callback #${call.seq} from the POS to the mock Mozrest, ${
      !shown ? 'awaited by no step' : shown.matched ? `matched by ${shown.c.id} (${shown.step.name})` : `not matched; listed by ${shown.c.id} (${shown.step.name})`}`,
    _direction: 'pos-to-mozrest',
    _seq: call.seq,
    _route: call.route?.kind ?? 'unmatched',
    _authorized: call.authorized,
  };
  if (shown) {
    entry.pageref = shown.c.id;
    entry._case = shown.c.id;
    entry._step = shown.step.name;
    entry._matched = shown.matched;
  }
  return entry;
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

const callKey = (at: string, method: string, path: string): string => `${at} ${method} ${path}`;

/**
 * The HAR document for a run (pure: no clock, no I/O). An await step keeps the callbacks it
 * matched (or, failing, the ones it saw) as exchanges with a relative URL: those are the mock's
 * calls again, so they become the call's entry (paged under that case), not a second entry.
 */
export function renderHar(result: RunResult): HarDocument {
  const pages: HarPage[] = [];
  const entries: HarEntry[] = [];
  const calls = result.mozrest?.calls ?? [];
  const base = origin(result.mozrest?.url);
  const byKey = new Map<string, ReceivedCall>();
  for (const call of calls) if (!byKey.has(callKey(call.receivedAt, call.method, call.path))) byKey.set(callKey(call.receivedAt, call.method, call.path), call);
  const shown = new Map<number, Shown>();
  const show = (seq: number, s: Shown): void => {
    const known = shown.get(seq);
    if (!known || (s.matched && !known.matched)) shown.set(seq, s);
  };

  for (const c of result.cases) {
    pages.push({
      startedDateTime: c.startedAt,
      id: c.id,
      title: `${c.id} — ${c.title}`,
      pageTimings: { onContentLoad: -1, onLoad: Math.max(0, c.durationMs) },
      _status: c.status,
      _level: c.level,
    });
    for (const [phase, steps] of [['step', c.steps], ['cleanup', c.cleanup]] as const) {
      for (const step of steps) {
        if (step.callback) show(step.callback.seq, { c, step, matched: true });
        for (const ex of step.exchanges) {
          const relative = ex.request.url.startsWith('/');
          const call = step.kind === 'await' ? byKey.get(callKey(ex.startedAt, ex.request.method, ex.request.url)) : undefined;
          if (call) {
            show(call.seq, { c, step, matched: step.callback?.seq === call.seq });
          } else if (step.kind === 'await' && relative) {
            // A callback the run's call list lacks: keep it, from the step's copy.
            entries.push({ ...exchangeEntry(ex, c, step, phase, origin(result.mozrest?.url, ex.request.headers) + ex.request.url), _direction: 'pos-to-mozrest' });
          } else {
            entries.push(exchangeEntry(ex, c, step, phase));
          }
        }
      }
    }
  }
  for (const call of calls) entries.push(callbackEntry(call, base, shown.get(call.seq)));
  // Stable: equal times keep run order (exchanges, then callbacks).
  const order = entries.map((entry, index) => ({ entry, index, t: time(entry.startedDateTime) }));
  order.sort((a, b) => a.t - b.t || a.index - b.index);
  const verdict = VERDICT_LABELS[result.verdict];
  return {
    log: {
      version: '1.2',
      creator: { name: result.tool.name, version: result.tool.version },
      pages,
      entries: order.map((o) => o.entry),
      comment: `${result.tool.name} ${result.tool.version}: accreditation of ${result.target.baseUrl} (venue ${result.target.venue}), `
        + `contract ${result.contract.version}, ${result.startedAt}: verdict ${verdict}`,
    },
  };
}

export function serializeHar(result: RunResult, redact?: (text: string) => string): string {
  return `${JSON.stringify(mapStrings(renderHar(result), redact), null, 2)}\n`;
}

export function createHarReporter(ctx: ReporterContext): Reporter {
  return {
    async onRunEnd(result: RunResult): Promise<string[]> {
      return [await writeReportFile(ctx, HAR_FILE_NAME, serializeHar(result, ctx.redact))];
    },
  };
}
