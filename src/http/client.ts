// HTTP client for talking to the POS under test: one keep-alive pool per origin, an overall
// deadline per send(), manual redirects (credentials never leave the target's origin), and an
// Exchange recorded — masked and redacted — for every hop.
import { Pool } from 'undici';
import type { Exchange } from '../core/evidence.js';
import { classifyError } from './errors.js';
import { buildExchange, DEFAULT_EVIDENCE_BODY_BYTES } from './evidence.js';
import { runHop, type HopResult } from './hop.js';
import type { HttpClientOptions, HttpError, OutgoingRequest, SendOutcome } from './types.js';
import { joinUrl, splitUrl } from './url.js';

export type {
  HttpClientOptions, HttpError, HttpErrorCode, IncomingResponse, OutgoingRequest, SendOutcome,
} from './types.js';
export { isUnreachable } from './errors.js';

export const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials and must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
/** Headers that describe a body, dropped when a redirect turns the request into a body-less GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location', 'transfer-encoding'];
const CLOSE_GRACE_MS = 1000;

export function userAgentFor(version: string): string {
  return `pos-accredit/${version}`;
}

export class HttpClient {
  readonly #options: HttpClientOptions;
  readonly #base: URL;
  readonly #pools = new Map<string, Pool>();
  #tokenRequests = 0;

  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.#base = new URL(options.baseUrl);
    if (this.#base.protocol !== 'http:' && this.#base.protocol !== 'https:') {
      throw new Error(`base URL must be http(s): ${options.baseUrl}`);
    }
  }

  /** Requests sent so far carrying the configured token (a token must outlive a whole run). */
  get tokenRequests(): number {
    return this.#tokenRequests;
  }

  /** The target's origin (scheme + host + port): the only origin that receives credentials. */
  get targetOrigin(): string {
    return this.#base.origin;
  }

  async send(request: OutgoingRequest): Promise<SendOutcome> {
    const { timeoutMs, maxBodyBytes, redactor } = this.#options;
    const maxRedirects = this.#options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const evidenceBytes = this.#options.evidenceBodyBytes ?? DEFAULT_EVIDENCE_BODY_BYTES;
    const started = Date.now();
    const limits = { deadline: started + timeoutMs, timeoutMs, maxBodyBytes, signal: request.signal };
    const exchanges: Exchange[] = [];
    const fail = (error: HttpError): SendOutcome => ({
      ok: false,
      error: { code: error.code, message: redactor.redact(error.message) },
      exchanges,
    });

    let method = request.method.toUpperCase();
    let body = request.body;
    let url = joinUrl(this.#base, request.path);
    let headers = this.#prepareHeaders(request);
    let redirects = 0;

    for (;;) {
      let parts: ReturnType<typeof splitUrl>;
      try {
        parts = splitUrl(url);
      } catch {
        return fail({ code: 'NETWORK', message: `invalid URL: ${url}` });
      }
      const hopHeaders = this.#headersForOrigin(headers, parts.origin, request.auth);
      const hopStarted = new Date();
      let result: HopResult;
      try {
        const hop = { method, url, target: parts.target, host: parts.host, headers: hopHeaders };
        result = await runHop(this.#pool(parts.origin), body === undefined ? hop : { ...hop, body }, limits);
      } catch (err) {
        const ctx = { method, url, host: parts.host, timeoutMs, connected: false, headersReceived: false };
        result = { body: Buffer.alloc(0), truncated: false, error: classifyError(err, ctx) };
      }
      const hopRecord = {
        startedAt: hopStarted,
        durationMs: Date.now() - hopStarted.getTime(),
        method,
        url,
        headers: hopHeaders,
        ...(body === undefined ? {} : { body }),
        ...(result.status === undefined
          ? {}
          : { response: { status: result.status, headers: result.headers ?? {}, body: result.body, truncated: result.truncated } }),
        ...(result.error ? { error: result.error } : {}),
      };
      exchanges.push(buildExchange(hopRecord, evidenceBytes, redactor));
      if (result.error || result.status === undefined) {
        return fail(result.error ?? { code: 'NETWORK', message: `${method} ${url}: no response` });
      }

      const location = result.headers?.['location'];
      if (REDIRECT_STATUSES.has(result.status) && location !== undefined && location !== '') {
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          next = new URL('invalid:');
        }
        if (next.protocol === 'http:' || next.protocol === 'https:') {
          if (redirects >= maxRedirects) {
            const error: HttpError = {
              code: 'TOO_MANY_REDIRECTS',
              message: `more than ${maxRedirects} redirects, last from ${method} ${url} to ${next.href}`,
            };
            const last = exchanges[exchanges.length - 1];
            if (last) last.error = { code: error.code, message: redactor.redact(error.message) };
            return fail(error);
          }
          redirects++;
          // 303 → GET; 301/302 turn a POST into a GET as browsers and fetch do; 307/308 keep both.
          if ((result.status === 303 && method !== 'HEAD') || ((result.status === 301 || result.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
            headers = without(headers, BODY_HEADERS);
          }
          url = next.href;
          continue;
        }
        // A redirect to something we can't follow (mailto:, garbage): hand the 3xx back as is.
      }

      return {
        ok: true,
        response: {
          status: result.status,
          headers: result.headers ?? {},
          bodyText: result.body.toString('utf8'),
          bodyBytes: result.body.length,
          truncated: result.truncated,
          url,
          durationMs: Date.now() - started,
        },
        exchanges,
      };
    }
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => closePool(pool)));
  }

  /** Caller headers (lower-cased) plus defaults. Authorization is decided per hop. */
  #prepareHeaders(request: OutgoingRequest): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
    headers['user-agent'] ??= this.#options.userAgent ?? 'pos-accredit';
    headers['accept'] ??= 'application/json';
    if (request.body !== undefined) headers['content-type'] ??= 'application/json';
    return headers;
  }

  /** Credentials go to the target's origin only — never to another origin, whoever set them. */
  #headersForOrigin(headers: Record<string, string>, origin: string, auth: boolean): Record<string, string> {
    if (origin !== this.#base.origin) return without(headers, CREDENTIAL_HEADERS);
    const out = { ...headers };
    if (auth && out['authorization'] === undefined && this.#options.token !== undefined && this.#options.token !== '') {
      out['authorization'] = `Bearer ${this.#options.token}`;
      this.#tokenRequests++;
    }
    return out;
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (pool === undefined) {
      const timeout = this.#options.timeoutMs;
      pool = new Pool(origin, { connectTimeout: timeout, headersTimeout: timeout, bodyTimeout: timeout });
      this.#pools.set(origin, pool);
    }
    return pool;
  }
}

function without(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out = { ...headers };
  for (const name of names) delete out[name];
  return out;
}

/** Graceful close, then destroy if something still hangs (e.g. a connect that never completes). */
async function closePool(pool: Pool): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
  });
  try {
    const outcome = await Promise.race([pool.close().then(() => 'closed' as const), grace]);
    if (outcome === 'late') await pool.destroy();
  } catch {
    // Closing is best effort; a pool that fails to close has nothing left to leak.
  } finally {
    clearTimeout(timer);
  }
}
