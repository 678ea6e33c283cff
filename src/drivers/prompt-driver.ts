// The prompt driver: a person at the POS is the driver. Each action is printed as a plain
// instruction under a header saying where the run stands (case, step, order, tables); the person
// does it on the POS and answers Enter (done) or "f" (failed). A batch (a loop's cleanup: void
// every order it opened) is one instruction and one answer, not one question per order.
import type { Readable, Writable } from 'node:stream';
import type { ActionContext, BatchAction, Driver, DriverOutcome } from './driver.js';
import { describeAction, describeBatch } from '../suite/language/actions.js';
import { formatDuration } from '../core/words/duration.js';
import { plural } from '../core/words/counts.js';
import { aborted, splitOrderId } from './driver-request.js';
import { LineReader } from './line-reader.js';
import { concerns, DEFAULT_WIDTH, headerLine, wrap } from './prompt-screen.js';

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

/** One question to the person: what is asked, and what a "done" teaches the driver. */
interface Question {
  /** `add-items`, or `void-order × 7` for a batch: names the question in outcomes. */
  label: string;
  /** `Operator action (venue V1): add-items`. */
  title: string;
  /** The header's `order 1078 on table T3` part. */
  concerns: string | undefined;
  /** The instruction's sentence, then the items of a numbered list, if any. */
  lines: string[];
  /** Called when the person says it is done. */
  done(): void;
}

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
  // A terminal says how wide it is; piped output (a log) keeps each instruction on one line.
  const width = (): number => {
    const columns = (output as { columns?: number }).columns;
    return isTTY && columns !== undefined && columns > 0 ? columns : DEFAULT_WIDTH;
  };

  /** One action as the person will read it: its order, where that order stands, what to do. */
  function item(action: string, params: Record<string, unknown>, known?: readonly string[]): { orderId: string | null; params: Record<string, unknown>; tables?: readonly string[]; remember(): void } {
    const split = splitOrderId(params);
    const { orderId } = split;
    const destination = action === 'move-table' && Array.isArray(split.params.tables) ? split.params.tables.map(String) : undefined;
    // The run's tables for a move are the ones it leased for it, the destination: not where the order is.
    const fromRun = known && !(destination && sameTables(known, destination)) ? known : undefined;
    const tables = orderId === null ? fromRun : (fromRun ?? movedTo.get(orderId) ?? options.tablesOf?.(orderId));
    const remember = (): void => {
      if (destination && orderId !== null) movedTo.set(orderId, destination);
    };
    return { orderId, params: split.params, ...(tables ? { tables } : {}), remember };
  }

  /** `headed`: a header names the order's tables, so the sentence need not (but a move says where from). */
  function single(action: string, params: Record<string, unknown>, tables: readonly string[] | undefined, headed: boolean): Question {
    const one = item(action, params, tables);
    const named = one.tables && (!headed || action === 'move-table') ? { tables: one.tables } : {};
    const sentence = describeAction(action, venueId, one.orderId, one.params, named);
    return { label: action, title: `Operator action (venue ${venueId}): ${action}`, concerns: concerns(one.orderId, one.params, one.tables), lines: [sentence], done: one.remember };
  }

  function batch(actions: BatchAction[]): Question {
    const items = actions.map((a) => ({ action: a.action, ...item(a.action, a.params, a.tables) }));
    const orders = new Set(items.map((i) => i.orderId));
    const label = tally(actions.map((a) => a.action));
    return {
      label,
      title: `Operator actions (venue ${venueId}): ${label}`,
      concerns: !orders.has(null) && orders.size === items.length ? plural(items.length, 'order') : plural(items.length, 'action'),
      lines: describeBatch(items, venueId),
      done: () => items.forEach((i) => i.remember()),
    };
  }

  /** The question as printed: header, title, the instruction (wrapped on a terminal), the ask. */
  function show(question: Question, context?: ActionContext): string {
    const columns = width();
    const block = (text: string, indent: string): string[] => (isTTY ? wrap(text, columns, indent, `${indent}  `) : [`${indent}${text}`]);
    const [sentence = '', ...list] = question.lines;
    const body = [...block(sentence, '  '), ...list.flatMap((entry) => block(entry, '    '))];
    const header = context ? [headerLine(context, question.concerns, columns)] : [];
    return `\n${isTTY ? '\u0007' : ''}${[...header, question.title, ...body].join('\n')}\n${PRESS_ENTER} `;
  }

  async function ask(question: Question, timeoutMs: number, context?: ActionContext): Promise<DriverOutcome> {
    const { label } = question;
    if (closed || lines.ended) return gone(label);
    if (options.signal?.aborted) return aborted(label);
    write(show(question, context));

    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        const got = await lines.next(deadline, options.signal);
        if (got.kind === 'aborted') {
          write('\n');
          return aborted(label);
        }
        if (got.kind === 'timeout') {
          write(`\n(no answer within ${formatDuration(timeoutMs)}; carrying on without it)\n`);
          return { ok: false, code: 'operator-timeout', message: `no answer from the operator within ${formatDuration(timeoutMs)}` };
        }
        if (got.kind === 'eof') {
          write('\n');
          return gone(label);
        }
        echo(got.text);
        const answer = got.text.trim().toLowerCase();
        if (DONE.has(answer)) {
          question.done();
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

  // One question at a time, in order, even if a caller overlaps actions.
  const inTurn = (next: () => Promise<DriverOutcome>): Promise<DriverOutcome> => {
    const asked = queue.then(next);
    queue = asked.catch(() => undefined);
    return asked;
  };

  return {
    name: 'prompt',
    perform(action, params, timeoutMs, context): Promise<DriverOutcome> {
      return inTurn(() => ask(single(action, params, context?.tables, context !== undefined), timeoutMs, context));
    },
    performBatch(actions, timeoutMs, context): Promise<DriverOutcome> {
      const [first] = actions;
      if (first === undefined) return Promise.resolve({ ok: true, result: { answeredAt: now().toISOString(), answer: 'nothing to do' } });
      // A batch of one is one action, asked as such.
      const question = actions.length === 1 ? single(first.action, first.params, first.tables, context !== undefined) : batch(actions);
      return inTurn(() => ask(question, timeoutMs, context));
    },
    close(): void {
      closed = true;
      lines.close();
    },
  };
}

/** `void-order × 7`, or `add-items, void-order × 2` for mixed actions. */
function tally(actions: string[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([a, n]) => (n === 1 ? a : `${a} × ${n}`)).join(', ');
}

function sameTables(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function gone(action: string): DriverOutcome {
  return { ok: false, code: 'operator-gone', message: `the operator's input closed before an answer to "${action}"` };
}
