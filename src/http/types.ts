// Public types of the HTTP client. Kept apart so helpers can share them without import cycles.
import type { Redactor } from '../core/redactor.js';
import type { Exchange } from '../core/evidence.js';

export interface HttpClientOptions {
  /** Target base URL; may carry a path prefix (`https://pos.example.com/api/v2`). */
  baseUrl: string;
  /** Bearer token, sent to the target's origin only. */
  token?: string;
  /** Per `send()`, covering connect + headers + body of every hop (redirects included). */
  timeoutMs: number;
  /** Response body cap: at most this many bytes are read, then the body is dropped and flagged truncated. */
  maxBodyBytes: number;
  /** Default 5. More redirects than this is a `TOO_MANY_REDIRECTS` error. */
  maxRedirects?: number;
  /** How much of a request/response body the Exchange evidence keeps. Default 64 KiB. */
  evidenceBodyBytes?: number;
  /** Full `user-agent` header value; default `pos-accredit`. Use `userAgentFor(version)`. */
  userAgent?: string;
  /** Applied to every Exchange (url, headers, bodies, error messages) before it is returned. */
  redactor: Redactor;
}

export interface OutgoingRequest {
  method: string;
  /** Relative to baseUrl, already including the encoded query string; or an absolute http(s) URL. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Add `Authorization: Bearer <token>` unless `headers` already has an authorization header. */
  auth: boolean;
  /** Aborting it ends the exchange at once with an `ABORTED` error (Ctrl-C). */
  signal?: AbortSignal;
}

export interface IncomingResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** UTF-8 decoded, possibly truncated. */
  bodyText: string;
  /** Bytes read (at most maxBodyBytes). */
  bodyBytes: number;
  truncated: boolean;
  /** Final URL after redirects. */
  url: string;
  /** Whole send(), redirects included. Each hop's own time is in its Exchange. */
  durationMs: number;
}

export type HttpErrorCode =
  | 'ECONNREFUSED'
  | 'TIMEOUT'
  | 'CONNECT_TIMEOUT'
  | 'DNS'
  | 'TOO_MANY_REDIRECTS'
  | 'TLS'
  | 'RESET'
  | 'NETWORK'
  | 'ABORTED';

export interface HttpError {
  code: HttpErrorCode;
  message: string;
}

export type SendOutcome =
  | { ok: true; response: IncomingResponse; exchanges: Exchange[] }
  | { ok: false; error: HttpError; exchanges: Exchange[] };
