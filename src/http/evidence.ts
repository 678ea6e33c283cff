// Builds the Exchange evidence for one hop: capped bodies, credentials masked, then redacted.
import type { Exchange } from '../core/evidence.js';
import { MASK, type Redactor } from '../core/redactor.js';
import type { HttpError } from './types.js';

export const DEFAULT_EVIDENCE_BODY_BYTES = 64 * 1024;

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);

/** `Bearer abc` → `Bearer ***`, `Basic xyz` → `Basic ***`, anything else → `***`. */
export function maskCredential(value: string): string {
  const match = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s+\S/.exec(value);
  return match ? `${match[1]} ${MASK}` : MASK;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? maskCredential(value) : value;
  }
  return out;
}

/** Decodes at most `max` bytes as UTF-8 without splitting a multi-byte character. */
export function utf8Prefix(buf: Buffer, max: number): { text: string; truncated: boolean } {
  if (buf.length <= max) return { text: buf.toString('utf8'), truncated: false };
  let end = Math.max(0, max);
  // Step back over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && end < buf.length && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: buf.subarray(0, end).toString('utf8'), truncated: true };
}

/**
 * The body as evidence: redacted whole, then cut — cutting first could leave the start of a
 * secret that straddles the cut (`…MOZKEY-a`), which no redaction would then recognise.
 */
function redactedPrefix(buf: Buffer, max: number, redactor: Redactor): { text: string; truncated: boolean } {
  if (redactor.size === 0) return utf8Prefix(buf, max);
  const kept = utf8Prefix(Buffer.from(redactor.redact(buf.toString('utf8')), 'utf8'), max);
  return { text: kept.text, truncated: kept.truncated || buf.length > max };
}

export interface HopRecord {
  startedAt: Date;
  durationMs: number;
  method: string;
  url: string;
  /** Headers actually sent, lower-case names. */
  headers: Record<string, string>;
  body?: string;
  response?: {
    status: number;
    headers: Record<string, string>;
    body: Buffer;
    /** The body cap (maxBodyBytes) cut the body short. */
    truncated: boolean;
  };
  error?: HttpError;
}

export function buildExchange(hop: HopRecord, evidenceBodyBytes: number, redactor: Redactor): Exchange {
  const request: Exchange['request'] = { method: hop.method, url: hop.url, headers: maskHeaders(hop.headers) };
  if (hop.body !== undefined) {
    const kept = redactedPrefix(Buffer.from(hop.body, 'utf8'), evidenceBodyBytes, redactor);
    request.body = kept.text;
    if (kept.truncated) request.bodyTruncated = true;
  }
  const exchange: Exchange = {
    startedAt: hop.startedAt.toISOString(),
    durationMs: hop.durationMs,
    request,
  };
  if (hop.response) {
    const kept = redactedPrefix(hop.response.body, evidenceBodyBytes, redactor);
    exchange.response = {
      status: hop.response.status,
      headers: hop.response.headers,
      bodyBytes: hop.response.body.length,
    };
    if (hop.response.body.length > 0) exchange.response.body = kept.text;
    if (kept.truncated || hop.response.truncated) exchange.response.bodyTruncated = true;
  }
  if (hop.error) exchange.error = { code: hop.error.code, message: hop.error.message };
  return redactor.redactValue(exchange);
}
