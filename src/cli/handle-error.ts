// Turns anything thrown out of a command into a clear message on stderr and an exit code. Never
// prints a stack trace unless POS_ACCREDIT_DEBUG is set.
import { PosAccreditError, EXIT } from '../core/errors.js';
import { formatDiagnostic, LoadError } from '../core/diagnostic.js';

export function handleError(err: unknown, stream: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof LoadError) {
    const n = err.diagnostics.length;
    stream.write(`${err.diagnostics.map((d) => formatDiagnostic(d)).join('\n\n')}\n\n${n} problem${n === 1 ? '' : 's'} found; nothing was run.\n`);
    return err.exitCode;
  }
  if (err instanceof PosAccreditError) {
    stream.write(`error[${err.code}]: ${err.message}\n${err.hint ? `  = hint: ${err.hint}\n` : ''}`);
    return err.exitCode;
  }
  const system = systemError(err);
  if (system) {
    stream.write(`error[${system.code}]: ${system.message}\n  = hint: ${system.hint}\n`);
    return system.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  stream.write(`internal error: ${message}\n  = this is a bug in pos-accredit, not in your POS; set POS_ACCREDIT_DEBUG=1 for details\n`);
  if (process.env.POS_ACCREDIT_DEBUG && err instanceof Error) stream.write(`${err.stack}\n`);
  return EXIT.incomplete;
}

const FS_WHY: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'not permitted', ENOENT: 'no such file or folder', EEXIST: 'something is already there',
  ENOTDIR: 'a file is where a folder should be', EISDIR: 'a folder is where a file should be', EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device', EMFILE: 'too many open files', EBUSY: 'busy',
};

/**
 * The file system refused something the user's settings pointed at (a report folder made
 * read-only mid-run, a disk that filled up): the path and why, not "internal error".
 */
function systemError(err: unknown): PosAccreditError | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string' || !(e.code in FS_WHY)) return undefined;
  const where = e.path ? ` ${e.path}` : '';
  return new PosAccreditError('filesystem', `cannot ${e.syscall}${where}: ${FS_WHY[e.code]} (${e.code})`, EXIT.usage, 'check the path and its permissions (--out, --bundle, the suite and config paths)');
}
