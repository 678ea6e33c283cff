// What every driver is: it makes the POS do what an operator does. The engine's action steps call
// it; prompt-driver, http-driver and exec-driver implement it.

/** Makes the POS do what an operator does (add items, pay, void …). */
export interface Driver {
  readonly name: string;
  perform(action: string, params: Record<string, unknown>, timeoutMs: number, context?: ActionContext): Promise<DriverOutcome>;
  /**
   * Several actions as one instruction, where that is kinder to the one performing them (a person
   * asked once to void twelve orders rather than twelve times). Drivers without it get them one
   * by one.
   */
  performBatch?(actions: BatchAction[], timeoutMs: number, context?: ActionContext): Promise<DriverOutcome>;
}

/** One action of a batch: as `perform` takes it, with the tables of its order (they differ per order). */
export interface BatchAction {
  action: string;
  /** `{ orderId, ...params }`, as `perform` takes them. */
  params: Record<string, unknown>;
  /** The tables of the order it concerns, as the run knows them. */
  tables?: string[];
}

/** Where an action stands in the run, for a person at the terminal: the case, the step, the order's tables. */
export interface ActionContext {
  caseId: string;
  caseTitle?: string;
  step?: number;
  steps?: number;
  /** The tables of the order the action concerns (or of the new walk-in), as the run knows them. */
  tables?: string[];
}

export type DriverOutcome =
  | { ok: true; result: unknown }
  | { ok: false; code: string; message: string };
