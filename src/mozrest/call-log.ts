// Every call the mock received, in arrival order, and the await steps waiting for one. Waiting is
// event-driven: each new call is offered to the pending waiters (oldest first) the moment it is
// recorded. A call answers at most one waitFor.

import { describeMiss, matchCall, relatedCalls } from './call-match.js';
import { compileTemplate } from './path-template.js';
import type { CallMatch, WaitOutcome } from './types.js';
import type { ReceivedCall } from '../core/evidence.js';

/** setTimeout fires at once for delays past 2^31 - 1 ms. */
const MAX_DELAY_MS = 2_147_483_647;

interface Waiter {
  /** True when the waiter took the call. */
  offer(call: ReceivedCall): boolean;
}

export class CallLog {
  readonly #calls: ReceivedCall[] = [];
  readonly #consumed = new Set<number>();
  readonly #listeners = new Set<(call: ReceivedCall) => void>();
  readonly #waiters: Waiter[] = [];

  get nextSeq(): number {
    return this.#calls.length + 1;
  }

  add(call: ReceivedCall): void {
    this.#calls.push(call);
    for (const waiter of [...this.#waiters]) {
      if (waiter.offer(call)) break;
    }
    for (const listener of [...this.#listeners]) {
      try {
        listener(call);
      } catch {
        // A listener's bug must not break the server or the other listeners.
      }
    }
  }

  calls(): ReceivedCall[] {
    return [...this.#calls];
  }

  onCall(listener: (call: ReceivedCall) => void): () => void {
    // A wrapper, so the same function registered twice is two subscriptions.
    const entry = (call: ReceivedCall): void => listener(call);
    this.#listeners.add(entry);
    return () => void this.#listeners.delete(entry);
  }

  waitFor(match: CallMatch, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome> {
    const template = compileTemplate(match.path);
    const miss = (code: 'timeout' | 'aborted'): WaitOutcome => {
      const related = relatedCalls(this.#calls, match);
      // Calls that were the awaited one but for its where: what the POS did send instead.
      const near = match.where ? related.filter((call) => matchCall(call, { ...match, where: undefined }, template) !== undefined) : [];
      return { ok: false, code, message: describeMiss(match, code, timeoutMs, related, near), related };
    };
    const take = (call: ReceivedCall): WaitOutcome | undefined => {
      if (this.#consumed.has(call.seq)) return undefined;
      const matchedBy = matchCall(call, match, template);
      if (matchedBy === undefined) return undefined;
      if (!match.peek) this.#consumed.add(call.seq);
      return { ok: true, call, matchedBy };
    };

    return new Promise<WaitOutcome>((resolve, reject) => {
      if (signal?.aborted) return resolve(miss('aborted'));
      try {
        for (const call of this.#calls) {
          const found = take(call);
          if (found) return resolve(found);
        }
      } catch (err) {
        return reject(err as Error);
      }

      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        settle();
      };
      const onAbort = (): void => finish(() => resolve(miss('aborted')));
      const waiter: Waiter = {
        offer: (call) => {
          let found: WaitOutcome | undefined;
          try {
            found = take(call);
          } catch (err) {
            // A failing `where` is the caller's bug: report it rather than time out.
            finish(() => reject(err as Error));
            return false;
          }
          if (found) finish(() => resolve(found));
          return found !== undefined;
        },
      };
      const delay = Number.isFinite(timeoutMs) ? Math.min(Math.max(timeoutMs, 0), MAX_DELAY_MS) : MAX_DELAY_MS;
      const timer = setTimeout(() => finish(() => resolve(miss('timeout'))), delay);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }
}
