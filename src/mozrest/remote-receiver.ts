// A run that watches a shared mock Mozrest (`serve mozrest`) instead of starting its own: it
// follows the mock's calls through the share API (long polling) into a local CallLog, so
// waitFor works exactly as with an in-process mock, and matches only this run's orders.
import { request } from 'undici';
import type { Redactor } from '../core/redactor.js';
import { CallLog } from './call-log.js';
import { SHARE_PREFIX } from './share-api.js';
import type { CallMatch, WaitOutcome } from './types.js';
import type { ReceivedCall } from '../core/evidence.js';

const POLL_WAIT_MS = 20_000;
const RETRY_DELAY_MS = 500;

export interface RemoteMockMozrest {
  /** The base URL the POS calls (`…/v1/pos`). */
  url: string;
  calls(): ReceivedCall[];
  waitFor(match: CallMatch, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
  failNext(count: number, status: number, orders?: string[]): Promise<void>;
  close(): Promise<void>;
}

/** `root` is the shared mock's origin, e.g. http://127.0.0.1:4020 (with or without /v1/pos). */
export async function connectMockMozrest(root: string, key: string, redactor: Redactor): Promise<RemoteMockMozrest> {
  const origin = root.replace(/\/+$/, '').replace(/\/v1\/pos$/, '');
  const headers = { authorization: `Bearer ${key}` };
  const log = new CallLog();
  const stop = new AbortController();
  // Only calls from now on concern this run: start after the last one already there.
  const first = await fetchCalls(origin, headers, 0, 0, stop.signal);
  let after = first.reduce((max, c) => Math.max(max, c.seq), 0);

  const follow = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      try {
        for (const call of await fetchCalls(origin, headers, after, POLL_WAIT_MS, stop.signal)) {
          after = Math.max(after, call.seq);
          log.add(call);
        }
      } catch {
        if (stop.signal.aborted) return;
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      }
    }
  };
  const following = follow();

  return {
    url: `${origin}/v1/pos`,
    calls: () => log.calls(),
    waitFor: (match, timeoutMs, signal) => log.waitFor(match, timeoutMs, signal),
    // Awaited by the step, so the mock is armed before the action that triggers the callback.
    failNext: async (count, status, orders) => {
      const res = await request(`${origin}${SHARE_PREFIX}fail-next`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ count, status, orders }) });
      const answer = await res.body.text();
      // Not armed means the retry check would run against a mock that answers 200: say so.
      if (res.statusCode !== 200) throw new Error(`the shared mock Mozrest refused to arm failNext: ${res.statusCode} ${answer.slice(0, 200)}`);
    },
    close: async () => {
      stop.abort();
      await following;
    },
  };
}

async function fetchCalls(origin: string, headers: Record<string, string>, after: number, waitMs: number, signal: AbortSignal): Promise<ReceivedCall[]> {
  const res = await request(`${origin}${SHARE_PREFIX}calls?after=${after}&wait=${waitMs}`, { headers, signal, headersTimeout: waitMs + 10_000, bodyTimeout: waitMs + 10_000 });
  const text = await res.body.text();
  if (res.statusCode === 401) throw new Error(`the shared mock Mozrest at ${origin} refused the key`);
  if (res.statusCode !== 200) throw new Error(`the shared mock Mozrest at ${origin} answered ${res.statusCode}`);
  return JSON.parse(text) as ReceivedCall[];
}
