// The exec driver: runs a command (no shell) per action, writes the request JSON and a newline to
// its stdin, and reads a JSON object from its stdout. Exit code 0 is required. On timeout the
// command's whole process group is stopped, so a script's children don't outlive it.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Driver, DriverOutcome } from './driver.js';
import type { Redactor } from '../core/redactor.js';
import { formatDuration } from '../core/words/duration.js';
import { oneLine } from '../core/words/preview.js';
import { aborted, buildDriverRequest, MAX_RESULT_BYTES, readResult } from './driver-request.js';

export interface ExecDriverOptions {
  command: string;
  args?: readonly string[];
  venueId: string;
  cwd?: string;
  /** Added to (and overriding) the harness's own environment. */
  env?: Record<string, string | undefined>;
  /** Masks secrets in stderr excerpts (e.g. a token the script was given). */
  redactor?: Redactor;
  maxOutputBytes?: number;
  /** Between SIGTERM and SIGKILL when a timed-out command ignores SIGTERM. */
  killGraceMs?: number;
  /** The run's interrupt signal: stops a command in flight (outcome `driver-aborted`). */
  signal?: AbortSignal;
}

const STDERR_TAIL = 8 * 1024;
const isWindows = process.platform === 'win32';

export function createExecDriver(options: ExecDriverOptions): Driver {
  const { command, venueId } = options;
  const args = [...(options.args ?? [])];
  const maxBytes = options.maxOutputBytes ?? MAX_RESULT_BYTES;
  const grace = options.killGraceMs ?? 2000;
  const redact = (text: string): string => options.redactor?.redact(text) ?? text;
  const source = `the driver command "${command}"`;

  return {
    name: 'exec',
    perform(action, params, timeoutMs): Promise<DriverOutcome> {
      const request = buildDriverRequest(action, venueId, params);
      const signal = options.signal;
      if (signal?.aborted) return Promise.resolve(aborted(action));
      return new Promise<DriverOutcome>((resolve) => {
        let child: ChildProcess;
        try {
          child = spawn(command, args, {
            cwd: options.cwd,
            env: {
              ...process.env,
              POS_ACCREDIT_ACTION: action,
              POS_ACCREDIT_VENUE_ID: venueId,
              POS_ACCREDIT_ORDER_ID: request.orderId ?? '',
              ...options.env,
            },
            stdio: ['pipe', 'pipe', 'pipe'],
            // Its own process group, so a timeout can stop the command and everything it started.
            detached: !isWindows,
            windowsHide: true,
          });
        } catch (err) {
          resolve(spawnFailed(err));
          return;
        }

        const stdout: Buffer[] = [];
        let stdoutSize = 0;
        let stderr = '';
        let settled = false;
        let ending: 'timeout' | 'too-large' | 'aborted' | undefined;
        let heldOpen = false;

        // Stops the command for a reason; settles once the command has exited (maybe already).
        const end = (why: 'timeout' | 'too-large' | 'aborted'): void => {
          if (ending !== undefined) return;
          ending = why;
          signalGroup(child, 'SIGTERM');
          setTimeout(() => signalGroup(child, 'SIGKILL'), grace).unref();
          if (child.exitCode !== null || child.signalCode !== null) {
            // It exited, but something it started still holds its stdout open.
            heldOpen = true;
            settleEnding();
          }
        };
        const settleEnding = (): void => {
          if (ending === 'timeout') {
            const limit = formatDuration(timeoutMs);
            const message = heldOpen
              ? `${source} exited on "${action}", but a process it started kept its stdout open past ${limit}; they were stopped`
              : `${source} did not finish "${action}" within ${limit}; it was stopped`;
            finish({ ok: false, code: 'driver-timeout', message });
          } else if (ending === 'aborted') {
            finish(aborted(action));
          } else if (ending === 'too-large') {
            finish({ ok: false, code: 'driver-result-too-large', message: `${source} wrote more than ${maxBytes} bytes to stdout for "${action}"; it was stopped` });
          }
        };
        // If the harness exits mid-action (Ctrl-C), don't leave the command running.
        const onExit = (): void => signalGroup(child, 'SIGKILL');
        process.once('exit', onExit);
        const onAbort = (): void => end('aborted');
        signal?.addEventListener('abort', onAbort, { once: true });

        const finish = (outcome: DriverOutcome): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          process.removeListener('exit', onExit);
          signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        };

        const timer = setTimeout(() => end('timeout'), timeoutMs);

        child.stdout?.on('data', (chunk: Buffer) => {
          stdoutSize += chunk.length;
          if (stdoutSize > maxBytes) {
            end('too-large');
            return;
          }
          stdout.push(chunk);
        });
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
        });
        // A command that exits without reading its stdin makes the write fail with EPIPE: harmless.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(`${JSON.stringify(request)}\n`);

        child.on('error', (err) => {
          finish(spawnFailed(err));
        });

        // When stopped, settle on 'exit' rather than waiting for every pipe to close.
        child.on('exit', settleEnding);

        child.on('close', (code, killedBy) => {
          if (settled || ending !== undefined) return;
          if (code !== 0) {
            const how = code === null ? `was killed by ${killedBy ?? 'a signal'}` : `exited with code ${code}`;
            const tail = stderr.trim() === '' ? ' (no stderr)' : `; stderr: ${oneLine(redact(stderr).slice(-500), 500)}`;
            finish({ ok: false, code: 'driver-exec-exit', message: redact(`${source} ${how} on "${action}"${tail}`) });
            return;
          }
          const outcome = readResult(redact(Buffer.concat(stdout).toString('utf8')), source, action);
          finish(outcome.ok ? outcome : { ...outcome, message: redact(outcome.message) });
        });

        function spawnFailed(err: unknown): DriverOutcome {
          const code = (err as { code?: unknown }).code;
          const hint = code === 'ENOENT' ? ' (not found: give a path or a command on PATH; no shell is used)' : code === 'EACCES' ? ' (not executable)' : '';
          const detail = err instanceof Error ? err.message : String(err);
          return { ok: false, code: 'driver-exec-spawn', message: redact(`could not start ${source}${hint}: ${detail}`) };
        }
      });
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // The negative pid addresses the whole group, including children the command started.
    if (isWindows) child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
