// An error in the suite itself found only at run time (an unresolvable placeholder, a JSONPath or
// regular expression built from captured values that does not parse). The step errors with the
// reason; it is never blamed on the POS and never crashes the run.
import { EXIT, PosAccreditError } from '../../core/errors.js';

export class SuiteFault extends PosAccreditError {
  /** `code` is the step's error code: `suite`, `template`, `list-exhausted` … */
  constructor(message: string, code = 'suite') {
    super(code, message, EXIT.usage);
    this.name = 'SuiteFault';
  }
}

/** A `{{ … }}` expression that does not resolve: an unknown variable, a function given bad values. */
export class TemplateError extends SuiteFault {
  constructor(message: string, readonly expression: string, code = 'template') {
    super(message, code);
    this.name = 'TemplateError';
  }
}
