// HTTP plumbing: reading a JSON request body within a size limit, and writing replies.
// Handlers return a `Reply` (plain data) instead of writing to the socket themselves, so every
// response — success or error — leaves through `writeReply` with the same headers and envelope.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSet } from './faults.js';
import type { Details } from './problems.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; error: string; details?: Details; headers?: Record<string, string> };

export function ok(json: unknown, status = 200): Reply {
  return { status, json };
}

/** An error in Mozrest's envelope (§2.5): `{ error: { code, message, details? } }`. */
export function fail(status: number, message: string, details?: Details, headers?: Record<string, string>): Reply {
  return { status, error: message, ...(details && { details }), ...(headers && { headers }) };
}

export function validationFailed(details: Details): Reply {
  return fail(400, 'Validation failed', details);
}

export function writeReply(res: ServerResponse, reply: Reply, faults: FaultSet): void {
  // Blind fault: every 404 is the web framework's default HTML page.
  if (reply.status === 404 && faults.has('html-404')) {
    const html = '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n';
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
    res.end(html);
    return;
  }
  const plainError = 'error' in reply && faults.has('error-body-plain');
  const textType = plainError || faults.has('json-content-type-text');
  const body = plainError
    ? `${reply.status} ${reply.error}\n`
    : JSON.stringify('error' in reply ? envelope(reply) : reply.json);

  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': textType ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function envelope(reply: { status: number; error: string; details?: Details }): unknown {
  return { error: { code: reply.status, message: reply.error, ...(reply.details && { details: reply.details }) } };
}

export type BodyResult =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'malformed'; message: string }
  | { kind: 'too-large' };

/**
 * Reads and parses the request body. Past the limit the rest is still read and thrown away:
 * answering 413 while the client is mid-upload makes many clients report a broken pipe instead
 * of the status, and the point of the 413 is that the caller sees it.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) return { kind: 'too-large' };

  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (err) {
    return { kind: 'malformed', message: (err as Error).message };
  }
}
