// One HTTP request/response on an undici dispatcher, with an overall deadline and a body cap.
// Uses the low-level dispatch() handler so it knows when the connection was made (to tell a
// connect timeout from a slow response) and can stop reading the moment the cap is reached.
import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import { classifyError, timeoutError, type ErrorContext } from './errors.js';
import type { HttpError } from './types.js';

export interface HopRequest {
  method: string;
  url: string;
  /** Request target: path + query. */
  target: string;
  host: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HopLimits {
  /** Epoch ms at which the whole send() gives up. */
  deadline: number;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Ctrl-C: stop waiting for this exchange at once. */
  signal?: AbortSignal;
}

export interface HopResult {
  status?: number;
  headers?: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  error?: HttpError;
}

/** Internal abort reason; errors carrying it are ours and are not reported. */
class HopAbort extends Error {}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

export function runHop(dispatcher: Dispatcher, req: HopRequest, limits: HopLimits): Promise<HopResult> {
  return new Promise<HopResult>((resolve) => {
    let settled = false;
    let connected = false;
    let controller: Dispatcher.DispatchController | undefined;
    let status: number | undefined;
    let headers: Record<string, string> | undefined;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;

    const context = (): ErrorContext => ({
      method: req.method,
      url: req.url,
      host: req.host,
      timeoutMs: limits.timeoutMs,
      connected,
      headersReceived: status !== undefined,
    });

    const finish = (error?: HttpError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      const result: HopResult = { body: Buffer.concat(chunks, bytes), truncated };
      if (status !== undefined) result.status = status;
      if (headers !== undefined) result.headers = headers;
      if (error) result.error = error;
      resolve(result);
    };

    const onAbort = (): void => {
      controller?.abort(new HopAbort('interrupted'));
      finish({ code: 'ABORTED', message: `${req.method} ${req.url}: interrupted` });
    };
    limits.signal?.addEventListener('abort', onAbort, { once: true });

    const timer = setTimeout(() => {
      const error = timeoutError(context());
      // Before the connect there is no controller: the request stays queued in the pool until the
      // pool's connectTimeout fails it, or it connects and onRequestStart aborts it at once.
      controller?.abort(new HopAbort('timeout'));
      finish(error);
    }, Math.max(0, limits.deadline - Date.now()));

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        connected = true;
        if (settled) ctrl.abort(new HopAbort('late'));
      },
      onResponseStart(_ctrl, statusCode, rawHeaders) {
        if (statusCode < 200) return; // 1xx informational
        status = statusCode;
        headers = flattenHeaders(rawHeaders);
      },
      onResponseData(ctrl, chunk) {
        if (settled) return;
        const room = limits.maxBodyBytes - bytes;
        if (chunk.length > room) {
          if (room > 0) {
            chunks.push(chunk.subarray(0, room));
            bytes += room;
          }
          truncated = true;
          ctrl.abort(new HopAbort('body cap'));
          finish();
          return;
        }
        chunks.push(chunk);
        bytes += chunk.length;
      },
      onResponseEnd() {
        finish();
      },
      onResponseError(_ctrl, err) {
        if (err instanceof HopAbort) return;
        finish(classifyError(err, context()));
      },
    };

    if (limits.signal?.aborted) return onAbort();
    try {
      const options: Dispatcher.DispatchOptions = {
        path: req.target,
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
      };
      dispatcher.dispatch(options, handler);
    } catch (err) {
      finish(classifyError(err, context()));
    }
  });
}
