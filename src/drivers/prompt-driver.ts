// The prompt driver: a person at the POS is the driver. Each action is printed as a plain
// instruction; the person does it on the terminal and answers Enter (done) or "f" (failed).
import type { Readable, Writable } from 'node:stream';
import type { Driver, DriverOutcome } from './driver.js';
import { describeAction } from '../suite/language/actions.js';
import { formatDuration } from '../core/words/duration.js';
import { aborted, splitOrderId } from './driver-request.js';
import { LineReader } from './line-reader.js';

export interface PromptDriverOptions {
  input: Readable;
  output: Writable;
  venueId: string;
  /** A person at a terminal: ring the bell to get attention; the terminal echoes what they type. */
  isTTY: boolean;
  /** The tables an order sits at, when the caller knows, so the instruction can name them. */
  tablesOf?: (orderId: string) => readonly string[] | undefined;
  now?: () => Date;
  /** The run's interrupt signal: stops waiting for an answer (outcome `driver-aborted`). */
  signal?: AbortSignal;
}

export interface PromptDriver extends Driver {
  /** Stops listening to the input for good; later actions answer `operator-gone`. */
  close(): void;
}

export const PRESS_ENTER = 'Press Enter when done, or type "f" and Enter if it failed (then say why):';
export const WHAT_WENT_WRONG = 'What went wrong?';
const ASK_AGAIN = 'Please press Enter if it is done, or type "f" and Enter if it failed:';

const DONE = new Set(['', 'y', 'yes', 'done', 'ok']);
const FAILED = new Set(['f', 'fail', 'failed', 'n', 'no']);

export function createPromptDriver(options: PromptDriverOptions): PromptDriver {
  const { input, output, venueId, isTTY } = options;
  const now = options.now ?? (() => new Date());
  const lines = new LineReader(input);
  // Tables learnt from move-table, so later instructions name the order's new place.
  const movedTo = new Map<string, readonly string[]>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const write = (text: string): void => {
    output.write(text);
  };
  // Piped answers are not echoed by a terminal: echo them so the transcript reads as a dialogue.
  const echo = (line: string): void => {
    if (!isTTY) write(`${line}\n`);
  };

  async function ask(action: string, params: Record<string, unknown>, timeoutMs: number): Promise<DriverOutcome> {
    if (closed || lines.ended) return gone(action);
    if (options.signal?.aborted) return aborted(action);
    const split = splitOrderId(params);
    const tables = split.orderId === null ? undefined : (movedTo.get(split.orderId) ?? options.tablesOf?.(split.orderId));
    const instruction = describeAction(action, venueId, split.orderId, split.params, { tables });
    write(`\n${isTTY ? '\u0007' : ''}Operator action (venue ${venueId}): ${action}\n  ${instruction}\n${PRESS_ENTER} `);

    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        const got = await lines.next(deadline, options.signal);
        if (got.kind === 'aborted') {
          write('\n');
          return aborted(action);
        }
        if (got.kind === 'timeout') {
          write(`\n(no answer within ${formatDuration(timeoutMs)}; carrying on without it)\n`);
          return { ok: false, code: 'operator-timeout', message: `no answer from the operator within ${formatDuration(timeoutMs)}` };
        }
        if (got.kind === 'eof') {
          write('\n');
          return gone(action);
        }
        echo(got.text);
        const answer = got.text.trim().toLowerCase();
        if (DONE.has(answer)) {
          if (action === 'move-table' && split.orderId !== null && Array.isArray(split.params.tables)) {
            movedTo.set(split.orderId, split.params.tables.map(String));
          }
          return { ok: true, result: { answeredAt: now().toISOString(), answer: 'done' } };
        }
        if (FAILED.has(answer)) return await reason();
        write(`${ASK_AGAIN} `);
      }
    } finally {
      lines.release();
    }

    async function reason(): Promise<DriverOutcome> {
      write(`${WHAT_WENT_WRONG} `);
      const got = await lines.next(Date.now() + timeoutMs, options.signal);
      if (got.kind === 'line') echo(got.text);
      else write('\n');
      const text = got.kind === 'line' && got.text.trim() !== '' ? got.text.trim() : '(no reason given)';
      return { ok: false, code: 'operator-failed', message: `the operator reported a failure: ${text}` };
    }
  }

  return {
    name: 'prompt',
    perform(action, params, timeoutMs): Promise<DriverOutcome> {
      // One question at a time, in order, even if a caller overlaps actions.
      const next = queue.then(() => ask(action, params, timeoutMs));
      queue = next.catch(() => undefined);
      return next;
    },
    close(): void {
      closed = true;
      lines.close();
    },
  };
}

function gone(action: string): DriverOutcome {
  return { ok: false, code: 'operator-gone', message: `the operator's input closed before an answer to "${action}"` };
}
