// An error in the suite itself found only at run time (an unresolvable placeholder, a JSONPath or
// regular expression built from captured values that does not parse). The step errors with the
// reason; it is never blamed on the POS and never crashes the run.
export class SuiteFault extends Error {
  /** Stable code for the step's error: `suite`, `template`, `list-exhausted` … */
  constructor(message: string, readonly code: string = 'suite') {
    super(message);
    this.name = 'SuiteFault';
  }
}
