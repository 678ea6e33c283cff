// What an await step asks the mock Mozrest for, and what it gets. The calls themselves are
// evidence (core/evidence.ts).
import type { ReceivedCall } from '../core/evidence.js';

export interface CallMatch {
  method: string;
  /** Contract path template relative to the `/v1/pos` base, e.g. `/{venueId}/order/{orderId}/close`. */
  path: string;
  venueId: string;
  /**
   * The ids `{orderId}` may carry: the contract leaves open whether the POS uses its own id or
   * the Mozrest id sent at creation (A11), so either matches and the outcome says which. Neither
   * given: any order.
   */
  order: { posId?: string; mozrestId?: string };
  /** Extra condition on the call (the await step's `where` block). */
  where?: (call: ReceivedCall) => boolean;
  /** The condition in words (`$.checks[*].status containing "void"`), for the timeout message. */
  whereText?: string;
  /** Look without taking: the call stays available to later waits. */
  peek?: boolean;
}

export type WaitOutcome =
  | { ok: true; call: ReceivedCall; matchedBy: 'pos-id' | 'mozrest-id' | 'any' }
  | { ok: false; code: 'timeout' | 'aborted'; message: string; related: ReceivedCall[] };

/** Receives the POS's callbacks (mock Mozrest). Implemented by the receiver and the remote receiver. */
export interface CallbackReceiver {
  waitFor(match: CallMatch, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
  /** Refuse the next `count` callbacks (about one of `orders`, when given) with `status`. */
  failNext(count: number, status: number, orders?: string[]): void | Promise<void>;
}
