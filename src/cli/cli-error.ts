// Errors the CLI reports without a stack trace: a stable code, the exit code, what to do.
export const EXIT = {
  pass: 0,
  mustFailed: 1,
  usage: 2,
  incomplete: 3,
  interrupted: 130,
} as const;

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
