// Reading a request body within a size limit, and the JSON envelope the mock answers with.

import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;
/** How much of a body the evidence keeps. */
export const MAX_RECORDED_BYTES = 64 * 1024;

export interface RawBody {
  /** The first MAX_BODY_BYTES at most. */
  bytes: Buffer;
  /** Bytes received in total. */
  size: number;
  tooLarge: boolean;
  /** Set when the connection failed mid-body. */
  readError?: string;
}

/**
 * Past the limit the rest is still read and thrown away: answering 413 while the client is
 * mid-upload makes many clients report a broken pipe instead of the status.
 */
export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<RawBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (size < limit) chunks.push(chunk.subarray(0, limit - size));
      size += chunk.length;
    }
  } catch (err) {
    return { bytes: Buffer.concat(chunks), size, tooLarge: size > limit, readError: (err as Error).message };
  }
  return { bytes: Buffer.concat(chunks), size, tooLarge: size > limit };
}

/**
 * The recorded text: redacted whole, then at most MAX_RECORDED_BYTES, without a character cut in
 * half at the end (redacting after the cut could miss a secret straddling it).
 */
export function recordedText(body: RawBody, redact: (text: string) => string = (t) => t): { text: string; truncated: boolean } {
  const whole = Buffer.from(redact(body.bytes.toString('utf8')), 'utf8');
  const truncated = body.size > MAX_RECORDED_BYTES || whole.length > MAX_RECORDED_BYTES;
  const text = whole.subarray(0, MAX_RECORDED_BYTES).toString('utf8');
  return { text: truncated ? text.replace(/\uFFFD+$/, '') : text, truncated };
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Mozrest's error envelope (P1, §2.5). */
export function errorReply(status: number, message: string, extra: { details?: Record<string, string[]>; headers?: Record<string, string> } = {}): Reply {
  return {
    status,
    body: { error: { code: status, message, ...(extra.details && { details: extra.details }) } },
    ...(extra.headers && { headers: extra.headers }),
  };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
