// Reads answers line by line from a stream, one question at a time. A readline interface is open
// only while a question waits: between questions it is closed, which pauses the input, so the
// harness process can exit when the run is over (an open, flowing stdin would keep it alive).
// Lines that arrive together (scripted stdin: "\nf\nbroken\n") are queued, never lost.
import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';

export type LineResult = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'timeout' } | { kind: 'aborted' };

const EOF: LineResult = { kind: 'eof' };
const TIMEOUT: LineResult = { kind: 'timeout' };
const ABORTED: LineResult = { kind: 'aborted' };

export class LineReader {
  readonly #input: Readable;
  readonly #queue: string[] = [];
  #rl: Interface | undefined;
  #waiter: ((result: LineResult) => void) | undefined;
  #ended = false;
  #releasing = false;

  constructor(input: Readable) {
    this.#input = input;
  }

  get ended(): boolean {
    return this.#ended && this.#queue.length === 0;
  }

  /** The next line, or eof when the input closed, timeout at the deadline (epoch ms), or aborted. */
  next(deadline: number, signal?: AbortSignal): Promise<LineResult> {
    if (signal?.aborted) return Promise.resolve(ABORTED);
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve({ kind: 'line', text: queued });
    if (this.#ended || this.#input.readableEnded || this.#input.destroyed) {
      this.#ended = true;
      return Promise.resolve(EOF);
    }
    this.#open();
    return new Promise<LineResult>((resolve) => {
      const timer = setTimeout(() => settle(TIMEOUT), Math.max(0, deadline - Date.now()));
      const onAbort = (): void => settle(ABORTED);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (result: LineResult): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#waiter = undefined;
        resolve(result);
      };
      this.#waiter = settle;
    });
  }

  /** Closes the readline interface (and so pauses the input) until the next question. */
  release(): void {
    const rl = this.#rl;
    if (!rl) return;
    this.#releasing = true;
    try {
      rl.close();
    } finally {
      this.#releasing = false;
      this.#rl = undefined;
    }
  }

  /** For good: later questions get 'eof'. */
  close(): void {
    this.release();
    this.#ended = true;
    this.#waiter?.(EOF);
  }

  #open(): void {
    if (this.#rl) return;
    // terminal: false even on a TTY: the terminal stays in cooked mode, so the kernel does line
    // editing and echo, and Ctrl-C still raises SIGINT for the harness's interrupt handling.
    const rl = createInterface({ input: this.#input, terminal: false, crlfDelay: Infinity });
    rl.on('line', (line) => {
      if (this.#waiter) this.#waiter({ kind: 'line', text: line });
      else this.#queue.push(line);
    });
    rl.on('close', () => {
      if (this.#rl === rl) this.#rl = undefined;
      if (this.#releasing) return;
      // The input ended (EOF, Ctrl-D) or failed.
      this.#ended = true;
      this.#waiter?.(EOF);
    });
    // readline re-emits input errors; treat them as the input going away.
    rl.on('error', () => rl.close());
    this.#rl = rl;
  }
}
