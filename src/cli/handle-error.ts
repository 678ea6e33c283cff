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
  const message = err instanceof Error ? err.message : String(err);
  stream.write(`internal error: ${message}\n  = this is a bug in pos-accredit, not in your POS; set POS_ACCREDIT_DEBUG=1 for details\n`);
  if (process.env.POS_ACCREDIT_DEBUG && err instanceof Error) stream.write(`${err.stack}\n`);
  return EXIT.incomplete;
}
