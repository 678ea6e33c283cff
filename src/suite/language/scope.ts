// The variables a template sees while a step runs: the run's (venue, token, contract …), the
// suite's and the case's captures, `let` and `set` values, and forEach's element.
export type Scope = Map<string, unknown>;
