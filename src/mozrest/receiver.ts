// The mock Mozrest receiver: plays Mozrest's side of M1–M4 (§3) so a POS under test can be pointed
// at the harness instead of api-sandbox.mozrest.com/v1/pos. Every request is kept as evidence, and
// await steps wait for the calls the POS should make.
//
//   const mozrest = await startMockMozrest({ key, paths, schemas, redactor });
//   // configure the POS with mozrest.url and key, make it close an order, then:
//   const got = await mozrest.waitFor({ method: 'PUT', path: paths.close, venueId, order: { posId } }, 30_000);
//   await mozrest.close();

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SchemaRegistry } from '../suite/schema-registry.js';
import type { Redactor } from '../core/redactor.js';
import { CallLog } from './call-log.js';
import { handleShareRequest, SHARE_PREFIX } from './share-api.js';
import { ORDER_PAYLOAD_SCHEMA, processCall, type Endpoint, type InjectedFailure, type PipelineState } from './handle-call.js';
import { OrderBook } from './order-book.js';
import { BASE_PATH, compileTemplate } from './path-template.js';
import { errorReply, readRawBody, writeReply } from './request-body.js';
import type { CallMatch, WaitOutcome } from './types.js';
import type { ReceivedCall } from '../core/evidence.js';

export interface MockMozrestOptions {
  /** The Mozrest API key the POS must send as `Authorization: Bearer <key>`. */
  key: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** What the POS must call when it reaches us through a tunnel; default the local URL. */
  publicUrl?: string;
  /** Contract templates relative to /v1/pos (contract.yaml paths.mozrest*). */
  paths: { create: string; update: string; close: string; void: string };
  /** Validates each JSON body against 'mozrest-order-payload.json'. */
  schemas: SchemaRegistry;
  /** Applied to recorded headers and bodies; whoever holds the key has registered it. */
  redactor: Redactor;
  /** Test hook: answer the next N calls with this status before answering normally (to test POS retries). */
  failNext?: { count: number; status: number };
  now?: () => Date;
}

export interface RunningMockMozrest {
  /** Base URL the POS must be configured with: `${publicUrl ?? local}/v1/pos`. */
  url: string;
  /** http://127.0.0.1:PORT/v1/pos */
  localUrl: string;
  calls(): ReceivedCall[];
  onCall(listener: (call: ReceivedCall) => void): () => void;
  /**
   * Event-driven. Resolves with the first call, in arrival order, that matches and was not
   * already returned by an earlier waitFor; calls that arrived before waitFor count too.
   */
  waitFor(match: CallMatch, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
  /** Arms the retry test hook: the next `count` calls to a known endpoint (about one of `orders`, when given) get `status`. */
  failNext(count: number, status: number, orders?: string[]): void;
  /** Stops the server, keep-alive sockets included. */
  close(): Promise<void>;
}

export async function startMockMozrest(options: MockMozrestOptions): Promise<RunningMockMozrest> {
  // An empty key would make "Bearer " with nothing after it a valid credential.
  if (options.key.trim() === '') throw new Error('The mock Mozrest needs a non-empty API key');
  if (!options.schemas.has(ORDER_PAYLOAD_SCHEMA)) {
    throw new Error(`The mock Mozrest needs schema ${ORDER_PAYLOAD_SCHEMA} in ${options.schemas.dir} (loaded: ${options.schemas.names().join(', ') || 'none'})`);
  }

  const { paths } = options;
  const endpoints: Endpoint[] = [
    { kind: 'create', method: 'POST', template: compileTemplate(paths.create) },
    { kind: 'update', method: 'PUT', template: compileTemplate(paths.update) },
    { kind: 'close', method: 'PUT', template: compileTemplate(paths.close) },
    { kind: 'void', method: 'PUT', template: compileTemplate(paths.void) },
  ];
  const state: PipelineState = {
    key: options.key,
    endpoints,
    schemas: options.schemas,
    redactor: options.redactor,
    book: new OrderBook(),
    failures: options.failNext && options.failNext.count > 0 ? [validFailures(options.failNext.count, options.failNext.status)] : [],
    now: options.now ?? (() => new Date()),
  };
  const log = new CallLog();

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    readRawBody(req)
      .then((body) => {
        if ((req.url ?? '').startsWith(SHARE_PREFIX)) {
          return handleShareRequest(req, res, body.bytes, log, options.key, (count, status, orders) => {
            arm(state, validFailures(count, status, orders));
          });
        }
        const { call, reply } = processCall({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body }, state);
        // Recorded before the reply leaves, so a caller that has its response sees the call.
        log.add({ seq: log.nextSeq, ...call });
        writeReply(res, reply);
      })
      .catch(() => {
        if (!res.headersSent) writeReply(res, errorReply(500, 'Internal error in the mock Mozrest'));
        else res.destroy();
      });
  };

  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const localUrl = `http://${host}:${port}${BASE_PATH}`;
  return {
    url: options.publicUrl === undefined ? localUrl : withBase(options.publicUrl),
    localUrl,
    calls: () => log.calls(),
    onCall: (fn) => log.onCall(fn),
    waitFor: (match, timeoutMs, signal) => log.waitFor(match, timeoutMs, signal),
    failNext: (count, status, orders) => {
      arm(state, validFailures(count, status, orders));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // `close` only stops accepting; idle keep-alive sockets would hold the process open.
        server.closeAllConnections();
      }),
  };
}

/** An arming for given orders adds to the others; an arming for any order replaces the previous one of its kind. */
function arm(state: { failures: InjectedFailure[] }, failure: InjectedFailure): void {
  if (!failure.orders) state.failures = state.failures.filter((f) => f.orders);
  if (failure.count > 0) state.failures.push(failure);
}

function validFailures(count: number, status: number, orders?: string[]): InjectedFailure {
  if (!Number.isInteger(count) || count < 0) throw new Error(`failNext count must be a whole number ≥ 0, got ${count}`);
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`failNext status must be an HTTP status, got ${status}`);
  if (orders !== undefined && (!Array.isArray(orders) || orders.length === 0 || orders.some((o) => typeof o !== 'string' || o === ''))) throw new Error('failNext orders must be a non-empty list of order ids');
  return { count, status, ...(orders && { orders }) };
}

/** A tunnel's root URL gets the base path; one that already ends with it is kept. */
function withBase(publicUrl: string): string {
  const trimmed = publicUrl.replace(/\/+$/, '');
  return trimmed.endsWith(BASE_PATH) ? trimmed : `${trimmed}${BASE_PATH}`;
}
