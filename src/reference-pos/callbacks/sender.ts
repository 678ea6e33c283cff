// The POS's outbox to Mozrest: delivers callbacks in the background, one queue per order so an
// order's M2 never overtakes its M1 or its M3 (and can name the order by the id M1's answer
// brought, path-ids.ts), and retries the way P1's best practices ask
// (BR14, §8.6 #72): network errors and 5xx are retried with exponential backoff, a 4xx is logged
// and dropped (sending the same payload again would be refused again).
//
// Every call is kept in a small log — what was sent, how often, what came back — which is what
// tests and the operator read. `close()` cancels waits and in-flight requests and leaves no timer
// or socket behind.

import http from 'node:http';
import https from 'node:https';
import type { CallbackKind } from './payload.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 4. */
  attempts: number;
  /** Wait before the 2nd attempt; doubled before each further one. Default 100 ms (100, 200, 400). */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = { attempts: 4, baseDelayMs: 100 };

/** Per attempt; an unanswered attempt counts as a network error and is retried. */
const ATTEMPT_TIMEOUT_MS = 10_000;
const LOG_LIMIT = 1000;

export interface OutboundCall {
  kind: CallbackKind;
  /** Calls with the same key go out one after another, in the order they were queued. */
  queueKey: string;
  orderId: string;
  method: string;
  /**
   * A function is called again when the call leaves (the log shows its value at queueing until
   * then): a path that names the order by an id an earlier call's answer brings (path-ids.ts).
   */
  url: string | (() => string);
  headers: Record<string, string>;
  body: string;
  /** False for fault `no-retry-on-5xx`. */
  retry5xx: boolean;
  /** True for blind fault `retry-on-4xx`: a 4xx is retried like a 5xx. */
  retry4xx?: boolean;
  /** Given the body of a 2xx answer, before the order's next call leaves. */
  onDelivered?: (answerBody: string) => void;
}

export type CallbackOutcome = 'pending' | 'delivered' | 'rejected' | 'failed' | 'cancelled';

export interface CallbackRecord {
  kind: CallbackKind;
  orderId: string;
  method: string;
  url: string;
  /** The exact body sent. */
  body: string;
  /** HTTP status of the last answer, if any answer came. */
  status?: number;
  attempts: number;
  /** The last network error. */
  error?: string;
  /** delivered: 2xx; rejected: a final non-2xx answer; failed: retries used up; cancelled: POS closed. */
  outcome: CallbackOutcome;
}

type Answer = { status: number; body: string } | { error: string };

/** The fields Mozrest documents in its answers to M1–M3 (P3): `{ id, status }`. */
const DOCUMENTED_ANSWER_FIELDS = new Set(['id', 'status']);

export class CallbackSender {
  readonly #log: CallbackRecord[] = [];
  readonly #queues = new Map<string, Promise<void>>();
  readonly #waits = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  readonly #inFlight = new Set<http.ClientRequest>();
  readonly #agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  #closed = false;
  /** Orders whose callbacks stopped (fault strict-mozrest-answers). */
  readonly #stopped = new Set<string>();

  /**
   * `strictAnswers` is the fault strict-mozrest-answers: an answer with undocumented fields is
   * taken as an error and the order's later callbacks are never sent (8.6/73 broken).
   */
  constructor(private readonly retry: RetryPolicy = DEFAULT_RETRY, private readonly strictAnswers = false) {
    if (!Number.isInteger(retry.attempts) || retry.attempts < 1) throw new Error('callbackRetry.attempts must be an integer ≥ 1');
    if (!(retry.baseDelayMs >= 0)) throw new Error('callbackRetry.baseDelayMs must be ≥ 0');
  }

  /** Queues a call; it leaves after the current turn of the event loop (the hook answers first). */
  enqueue(call: OutboundCall): void {
    if (this.#closed) return;
    const { kind, orderId, method, body } = call;
    const record: CallbackRecord = { kind, orderId, method, url: urlOf(call), body, attempts: 0, outcome: 'pending' };
    this.#log.push(record);
    if (this.#log.length > LOG_LIMIT) this.#log.shift();

    const previous = this.#queues.get(call.queueKey) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(call, record));
    this.#queues.set(call.queueKey, next);
    void next.then(() => {
      if (this.#queues.get(call.queueKey) === next) this.#queues.delete(call.queueKey);
    });
  }

  /** Copies of the log entries, oldest first. */
  log(): CallbackRecord[] {
    return this.#log.map((r) => ({ ...r }));
  }

  /** Resolves once every queued call has been delivered, dropped or given up on. */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all(this.#queues.values());
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const wait of this.#waits) {
      clearTimeout(wait.timer);
      wait.wake();
    }
    this.#waits.clear();
    for (const req of this.#inFlight) req.destroy(new Error('reference POS closed'));
    await this.idle();
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  // Never rejects: the outcome goes into the record, and the order's queue moves on.
  async #deliver(call: OutboundCall, record: CallbackRecord): Promise<void> {
    await this.#sleep(0);
    if (this.#stopped.has(call.queueKey)) {
      record.outcome = 'cancelled';
      record.error = 'not sent: an earlier answer for this order had fields the POS did not expect';
      return;
    }
    record.url = urlOf(call);
    for (let attempt = 1; !this.#closed; attempt++) {
      record.attempts = attempt;
      const answer = await this.#send(call, record.url);
      if (this.#closed) break;
      if ('status' in answer) {
        record.status = answer.status;
        delete record.error;
        if (answer.status >= 200 && answer.status < 300) {
          record.outcome = 'delivered';
          call.onDelivered?.(answer.body);
          if (this.strictAnswers && hasUndocumentedFields(answer.body)) this.#stopped.add(call.queueKey);
          return;
        }
        const retryable = answer.status >= 500 ? call.retry5xx : call.retry4xx === true && answer.status >= 400;
        if (!retryable) {
          record.outcome = 'rejected';
          return;
        }
      } else {
        record.error = answer.error;
      }
      if (attempt >= this.retry.attempts) {
        record.outcome = 'failed';
        return;
      }
      await this.#sleep(this.retry.baseDelayMs * 2 ** (attempt - 1));
    }
    record.outcome = 'cancelled';
  }

  #send(call: OutboundCall, target: string): Promise<Answer> {
    return new Promise((resolve) => {
      let req: http.ClientRequest;
      try {
        const url = new URL(target);
        const secure = url.protocol === 'https:';
        if (!secure && url.protocol !== 'http:') throw new Error(`unsupported protocol ${url.protocol}`);
        req = (secure ? https : http).request(url, {
          method: call.method,
          headers: { ...call.headers, 'Content-Length': String(Buffer.byteLength(call.body)) },
          agent: secure ? this.#agents.https : this.#agents.http,
          timeout: ATTEMPT_TIMEOUT_MS,
        });
      } catch (err) {
        resolve({ error: (err as Error).message });
        return;
      }
      this.#inFlight.add(req);
      const settle = (answer: Answer): void => {
        this.#inFlight.delete(req);
        resolve(answer);
      };
      req.on('response', (res) => {
        // The answer is read whole (it is small) so the keep-alive socket can be reused; unknown
        // fields in it are fine (BR13) except under the strict-mozrest-answers fault.
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.length < 64 && chunks.push(c));
        res.on('end', () => settle({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => settle({ error: err.message }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)));
      req.on('error', (err) => settle({ error: err.message }));
      req.end(call.body);
    });
  }

  #sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          this.#waits.delete(wait);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.#waits.add(wait);
    });
  }
}

function urlOf(call: OutboundCall): string {
  return typeof call.url === 'function' ? call.url() : call.url;
}

function hasUndocumentedFields(body: string): boolean {
  try {
    const value = JSON.parse(body) as unknown;
    return value !== null && typeof value === 'object' && Object.keys(value).some((k) => !DOCUMENTED_ANSWER_FIELDS.has(k));
  } catch {
    return false;
  }
}
