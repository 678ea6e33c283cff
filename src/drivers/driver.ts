// What every driver is: it makes the POS do what an operator does. The engine's action steps call
// it; prompt-driver, http-driver and exec-driver implement it.

/** Makes the POS do what an operator does (add items, pay, void …). */
export interface Driver {
  readonly name: string;
  perform(action: string, params: Record<string, unknown>, timeoutMs: number): Promise<DriverOutcome>;
}

export type DriverOutcome =
  | { ok: true; result: unknown }
  | { ok: false; code: string; message: string };
