// Fault `token-expires`: a POS whose token dies during the run, after a while or after so many
// requests — the contract wants a non-expiring token (§1.3, §8.1 #6), and a harness that checks
// the token only at the start would never notice. Time is read from the POS's injected clock.

export const TOKEN_LIFETIME_MS = 10_000;
export const DEFAULT_TOKEN_REQUESTS = 200;

export class TokenLifetime {
  readonly #startedAt: number;
  #served = 0;

  constructor(
    private readonly now: () => Date,
    private readonly maxRequests: number = DEFAULT_TOKEN_REQUESTS,
  ) {
    this.#startedAt = now().getTime();
  }

  /** Counts one request that presented the token; true once the token no longer works. */
  spend(): boolean {
    this.#served++;
    return this.#served > this.maxRequests || this.now().getTime() - this.#startedAt >= TOKEN_LIFETIME_MS;
  }
}
