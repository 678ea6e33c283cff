// The one error base class and the exit codes (design §4). Anything pos-accredit throws on
// purpose is a PosAccreditError: a stable `code` (message text may change, codes may not), the
// exit code it ends the process with, and what to do about it. The CLI prints it without a stack
// trace; anything else that escapes is a bug in pos-accredit.

/** 0 pass · 1 a MUST failed or a case errored · 2 usage, configuration or suite · 3 incomplete · 130 Ctrl-C · 143 SIGTERM. */
export const EXIT = {
  pass: 0,
  mustFailed: 1,
  usage: 2,
  incomplete: 3,
  interrupted: 130,
  /** SIGTERM (a CI job's timeout): 128 + 15, as shells report it. */
  terminated: 143,
} as const;

export class PosAccreditError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'PosAccreditError';
  }
}
