// Turns a request spec into an HTTP exchange: templates rendered, query encoded, body serialised.
import type { ResponseView } from '../assert/check-expectation.js';
import type { HttpError } from '../http/types.js';
import type { RequestSpec } from '../suite/types.js';
import type { Exchange } from '../core/evidence.js';
import type { RunContext } from './run-context.js';
import { render, renderText } from '../suite/language/template.js';
import { TemplateError } from '../suite/language/suite-fault.js';
import { type Scope } from '../suite/language/scope.js';

export type RequestOutcome =
  | { ok: true; response: ResponseView; exchanges: Exchange[] }
  | { ok: false; error: { code: string; message: string }; exchanges: Exchange[]; network?: HttpError };

export async function sendRequest(spec: RequestSpec, scope: Scope, ctx: RunContext): Promise<RequestOutcome> {
  let path: string;
  let headers: Record<string, string>;
  let body: string | undefined;
  try {
    path = renderText(spec.path, scope);
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query)) query.append(k, renderText(v, scope));
    const qs = query.toString();
    if (qs) path += (path.includes('?') ? '&' : '?') + qs;
    headers = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, renderText(v, scope)]));
    if (spec.rawBody !== undefined) body = renderText(spec.rawBody, scope);
    else if (spec.body !== undefined) body = JSON.stringify(render(spec.body, scope));
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    return { ok: false, error: { code: err.code, message: ctx.redactor.redact(err.message) }, exchanges: [] };
  }
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const outcome = await ctx.http.send({ method: spec.method, path, headers, body, auth: spec.auth === 'token', signal: ctx.signal });
  if (!outcome.ok) return { ok: false, error: outcome.error, exchanges: outcome.exchanges, network: outcome.error };
  const { response } = outcome;
  // Secrets go before anything reads the answer: a POS that echoes the token must not get it
  // into a message, least of all a shortened one that masking can no longer recognise.
  const answerHeaders = ctx.redactor.redactValue(response.headers);
  const text = ctx.redactor.redact(response.bodyText);
  return { ok: true, exchanges: outcome.exchanges, response: { status: response.status, headers: answerHeaders, durationMs: response.durationMs, ...parseJson(text, response.truncated) } };
}

function parseJson(text: string, truncated: boolean): Pick<ResponseView, 'json' | 'jsonError'> {
  if (text.trim() === '') return { json: undefined, jsonError: 'the body is empty' };
  if (truncated) return { json: undefined, jsonError: 'the body is larger than the response cap and was cut' };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    const preview = text.slice(0, 60).replace(/\s+/g, ' ');
    return { json: undefined, jsonError: `invalid JSON (${(err as Error).message}); body starts ${JSON.stringify(preview)}` };
  }
}
