// Turns the errors undici and node:net throw into a stable code and a message a POS vendor can act on.
import type { HttpError, HttpErrorCode } from './types.js';
import { formatDuration } from '../core/words/duration.js';

/** ECONNREFUSED, DNS, TLS and connect timeouts mean the target can't be reached at all. */
export function isUnreachable(code: HttpErrorCode): boolean {
  return code === 'ECONNREFUSED' || code === 'DNS' || code === 'TLS' || code === 'CONNECT_TIMEOUT';
}

export interface ErrorContext {
  method: string;
  url: string;
  /** `host:port` of the hop. */
  host: string;
  timeoutMs: number;
  /** Whether a socket had been assigned to the request (connect finished). */
  connected: boolean;
  /** Whether the status line and headers had arrived. */
  headersReceived: boolean;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const TLS_CODES = new Set([
  'EPROTO', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Certificate problems in words a POS vendor acts on (Node's codes, which the message keeps too). */
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate no public authority vouches for',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it cannot be traced to a trusted authority (an intermediate certificate is missing, or the issuer is private)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not a trusted authority (a private CA, or a missing intermediate certificate)',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is not a trusted authority (a private CA, or a missing intermediate certificate)',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet (check its start date and the server clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it is not issued for {host}',
  CERT_REVOKED: 'it has been revoked',
};

/** The message for our own overall deadline firing. */
export function timeoutError(ctx: ErrorContext): HttpError {
  if (!ctx.connected) {
    return {
      code: 'CONNECT_TIMEOUT',
      message: `could not connect to ${ctx.host} within ${formatDuration(ctx.timeoutMs)} (is the POS reachable from here?)`,
    };
  }
  const partial = ctx.headersReceived ? ' (headers received, body incomplete)' : '';
  return { code: 'TIMEOUT', message: `no response within ${formatDuration(ctx.timeoutMs)} from ${ctx.method} ${ctx.url}${partial}` };
}

export function classifyError(err: unknown, ctx: ErrorContext): HttpError {
  const code = errorCode(err);
  const detail = errorText(err);
  if (code === 'ECONNREFUSED') {
    return { code: 'ECONNREFUSED', message: `connection refused by ${ctx.host} (is the POS running?)` };
  }
  if (code !== undefined && DNS_CODES.has(code)) {
    const host = ctx.host.replace(/:\d+$/, '');
    return { code: 'DNS', message: `could not resolve host ${host} (${code}); check the base URL` };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || (code === 'ETIMEDOUT' && !ctx.connected)) {
    return timeoutError({ ...ctx, connected: false });
  }
  if (code !== undefined && TIMEOUT_CODES.has(code)) return timeoutError({ ...ctx, connected: true });
  if (code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_'))) {
    const why = CERTIFICATE_PROBLEMS[code];
    if (why === undefined) return { code: 'TLS', message: `TLS handshake with ${ctx.host} failed: ${detail}` };
    const host = ctx.host.replace(/:\d+$/, '');
    return {
      code: 'TLS',
      message: `the POS's certificate was refused: ${why.replace('{host}', host)} [${code}]. Mozrest calls the POS only over HTTPS ` +
        `with a valid certificate (contract 8.1/1): serve one issued by a public certificate authority for ${host}, with its intermediate certificates`,
    };
  }
  if (code !== undefined && RESET_CODES.has(code)) {
    const when = ctx.headersReceived ? 'while sending the response body' : 'before sending a response';
    return { code: 'RESET', message: `connection closed by ${ctx.host} ${when} to ${ctx.method} ${ctx.url} (${detail})` };
  }
  return { code: 'NETWORK', message: `${ctx.method} ${ctx.url} failed: ${detail}` };
}

/** The first error code found on the error, an AggregateError member (happy eyeballs) or a cause. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (err === null || typeof err !== 'object' || depth > 4) return undefined;
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string' && own !== '') return own;
  const members = (err as { errors?: unknown }).errors;
  if (Array.isArray(members)) {
    for (const member of members) {
      const found = errorCode(member, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return errorCode((err as { cause?: unknown }).cause, depth + 1);
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = errorCode(err);
    const message = err.message || (err instanceof AggregateError ? errorText(err.errors[0]) : err.name);
    return code !== undefined && !message.includes(code) ? `${message} [${code}]` : message;
  }
  return String(err);
}
