// A mock Mozrest shared by several runs (`serve mozrest`): a POS has one Mozrest URL, so two
// runs against one POS must watch one mock. Each run follows the calls through this small API
// (authenticated with the same key) and matches them locally by its own run-unique order ids.
//   GET  /_pos-accredit/calls?after=N&wait=MS  calls with seq > N; waits up to MS for the next
//   POST /_pos-accredit/fail-next {count,status} arm the retry check
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkBearer } from './bearer.js';
import type { CallLog } from './call-log.js';
import { errorReply, writeReply } from './request-body.js';

export const SHARE_PREFIX = '/_pos-accredit/';
const MAX_WAIT_MS = 25_000;

export function handleShareRequest(req: IncomingMessage, res: ServerResponse, body: Buffer, log: CallLog, key: string, failNext: (count: number, status: number, orders?: string[]) => void): void {
  const auth = checkBearer(req.headers.authorization, key);
  if (!auth.ok) return writeReply(res, errorReply(401, auth.message));
  const url = new URL(req.url ?? '/', 'http://local');
  if (req.method === 'GET' && url.pathname === `${SHARE_PREFIX}calls`) {
    const after = Number(url.searchParams.get('after') ?? 0);
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, Number(url.searchParams.get('wait') ?? 0)));
    const newer = (): unknown[] => log.calls().filter((c) => c.seq > after);
    if (newer().length > 0 || wait === 0) return writeReply(res, { status: 200, body: newer() });
    // Long poll: answer at the next call, or empty at the deadline (or when the client leaves).
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe();
      if (!res.writableEnded) writeReply(res, { status: 200, body: newer() });
    };
    const timer = setTimeout(done, wait);
    const unsubscribe = log.onCall(() => setImmediate(done));
    res.on('close', () => {
      clearTimeout(timer);
      unsubscribe();
    });
    return;
  }
  if (req.method === 'POST' && url.pathname === `${SHARE_PREFIX}fail-next`) {
    try {
      const { count, status, orders } = JSON.parse(body.toString('utf8')) as { count: number; status: number; orders?: string[] };
      failNext(count, status, orders);
      return writeReply(res, { status: 200, body: { ok: true } });
    } catch (err) {
      return writeReply(res, errorReply(400, (err as Error).message));
    }
  }
  writeReply(res, errorReply(404, `no ${req.method} ${url.pathname} on the mock Mozrest's share API`));
}
