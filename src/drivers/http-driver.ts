// The http driver: POSTs each action to the vendor's test-automation hook and reads a JSON object
// back. The token (if any) goes only to the hook URL and never into a message.
import { request, type Dispatcher } from 'undici';
import type { Driver, DriverOutcome } from './driver.js';
import type { Redactor } from '../core/redactor.js';
import { formatDuration } from '../core/words/duration.js';
import { oneLine } from '../core/words/preview.js';
import { aborted, buildDriverRequest, MAX_RESULT_BYTES, readResult } from './driver-request.js';
import { errorCode } from '../http/errors.js';

export interface HttpDriverOptions {
  /** The vendor's test-automation endpoint, e.g. https://pos.example/test-hooks/mozrest. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`; registered with the redactor. */
  token?: string;
  venueId: string;
  redactor: Redactor;
  /** For tests or custom connection pools; defaults to undici's global dispatcher. */
  dispatcher?: Dispatcher;
  maxResultBytes?: number;
  /** The run's interrupt signal: aborts an action in flight (outcome `driver-aborted`). */
  signal?: AbortSignal;
}

const SOURCE = 'the automation hook';

export function createHttpDriver(options: HttpDriverOptions): Driver {
  // The token's owner (whoever read it) has registered it with the redactor.
  const { url, token, venueId, redactor } = options;
  const maxBytes = options.maxResultBytes ?? MAX_RESULT_BYTES;
  const shownUrl = (): string => redactor.redact(url);

  return {
    name: 'http',
    async perform(action, params, timeoutMs): Promise<DriverOutcome> {
      const body = JSON.stringify(buildDriverRequest(action, venueId, params));
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;

      if (options.signal?.aborted) return aborted(action);
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = (): void => controller.abort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const timeout = (): DriverOutcome => ({
        ok: false,
        code: 'driver-timeout',
        message: `${SOURCE} at ${shownUrl()} did not answer "${action}" within ${formatDuration(timeoutMs)}`,
      });
      try {
        const response = await request(url, {
          method: 'POST',
          headers,
          body,
          signal: controller.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        });
        // Secrets are masked before anything shortens the text, or a cut token would slip through.
        const raw = await readCapped(response.body, maxBytes);
        if (raw === 'too-large') {
          return { ok: false, code: 'driver-result-too-large', message: `${SOURCE} answered "${action}" with more than ${maxBytes} bytes` };
        }
        const read = redactor.redact(raw);
        const status = response.statusCode;
        if (status < 200 || status > 299) {
          const shown = read.trim() === '' ? ' (empty body)' : `: ${oneLine(read, 200)}`;
          return { ok: false, code: `driver-http-${status}`, message: redactor.redact(`${SOURCE} answered ${status}${shown}`) };
        }
        const outcome = readResult(read, SOURCE, action);
        return outcome.ok ? outcome : { ...outcome, message: redactor.redact(outcome.message) };
      } catch (err) {
        if (options.signal?.aborted && !timedOut) return aborted(action);
        if (timedOut || isTimeoutError(err)) return timeout();
        return { ok: false, code: 'driver-unreachable', message: redactor.redact(`could not reach ${SOURCE} at ${url}: ${describeNetworkError(err)}`) };
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      // Leaving the loop early destroys the stream, so the connection is not left half-read.
      return 'too-large';
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isTimeoutError(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

const FRIENDLY: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the hook running and listening there?)',
  ENOTFOUND: 'host not found (check the URL)',
  EAI_AGAIN: 'host name lookup failed (check the URL and DNS)',
  ECONNRESET: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed before an answer',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function describeNetworkError(err: unknown): string {
  const code = errorCode(err);
  if (code !== undefined && FRIENDLY[code]) return `${FRIENDLY[code]} [${code}]`;
  const message = err instanceof Error ? err.message : String(err);
  return code === undefined ? message : `${message} [${code}]`;
}

