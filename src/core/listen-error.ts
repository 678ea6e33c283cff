// A server pos-accredit starts (the mock Mozrest, the reference POS) could not listen: the message
// names the address, says why in words, and points at the setting that chose the port.
import { EXIT, PosAccreditError } from './errors.js';

const WHY: Record<string, string> = {
  EADDRINUSE: 'the port is already in use',
  EACCES: 'this user may not listen on that port',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'no such host',
};

/** `what` names the server; `setting` the flag (or variable) that chose host and port. */
export function cannotListen(what: string, host: string, port: number, err: unknown, setting: string): PosAccreditError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = (code && WHY[code]) ?? (err as Error).message;
  return new PosAccreditError('listen', `cannot start ${what} on ${host}:${port}: ${why}${code ? ` (${code})` : ''}`, EXIT.usage, `choose another ${setting}, or 0 for any free port`);
}
