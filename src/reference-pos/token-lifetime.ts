// Faults `token-dies-after-10s` and `token-dies-after-200-requests`: a POS whose token dies
// during the run, after a while or after so many requests — the contract wants a non-expiring
// token (§1.3, §8.1 #6), and a harness that checks the token only at the start (or only in a run
// shorter than the token's life) would never notice. Time is read from the POS's injected clock,
// from the moment the POS starts.

export const TOKEN_LIFETIME_MS = 10_000;
export const DEFAULT_TOKEN_REQUESTS = 200;

export type TokenLimit = { kind: 'time'; ms: number } | { kind: 'requests'; count: number };

export class TokenLifetime {
  readonly #startedAt: number;
  #served = 0;

  constructor(
    private readonly now: () => Date,
    private readonly limit: TokenLimit,
  ) {
    this.#startedAt = now().getTime();
  }

  /** Counts one request that presented the token; true once the token no longer works. */
  spend(): boolean {
    this.#served++;
    return this.limit.kind === 'requests' ? this.#served > this.limit.count : this.now().getTime() - this.#startedAt >= this.limit.ms;
  }
}
