// A loop's cleanup as one batch, for a driver that takes several actions as one instruction: a
// person is asked once to void every order the loop opened, not once per order between the
// opens. for-each-step.ts runs every iteration first, rendering each iteration's cleanup actions
// as it ends (its scope is at hand then), and hands them here after the last one.
//
// Each action keeps the meaning it has on its own (action-step.ts, in the cleanup phase): an
// order never opened or already ended is not asked about, a close or a void that is done frees
// the order's tables in the ledger, and each one is reported as its own cleanup step.
import type { AssertionResult, StepResult } from '../../core/results.js';
import type { BatchAction, DriverOutcome } from '../../drivers/driver.js';
import { ACTIONS, isActionName } from '../../suite/language/actions.js';
import type { Scope } from '../../suite/language/scope.js';
import { SuiteFault } from '../../suite/language/suite-fault.js';
import { render, renderText } from '../../suite/language/template.js';
import type { ActionStep, ForEachStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { describeOrder } from '../../core/words/order.js';
import { applyLet } from './apply-let.js';
import { evaluateResponse } from './evaluate-response.js';
import { skippedStep, suiteError, type StepRun } from './step-run.js';

/** As action-step.ts: an action's deadline unless the step sets one. A batch gets the sum. */
const DEFAULT_ACTION_TIMEOUT = 120_000;
const POS_REFUSED = new Set(['operator-failed', 'driver-action-failed']);

/** One cleanup action of one iteration: rendered and waiting for the batch, or already decided. */
export interface PendingAction {
  step: ActionStep;
  /** `T3 › void it at once`: the iteration's element, then the step. */
  name: string;
  scope: Scope;
  orderId: string | null;
  params: Record<string, unknown>;
  /** Set when there is nothing to ask (no order was opened, a template failed). */
  decided?: StepRun;
}

/**
 * Whether the loop's cleanup can wait for one batch: the driver takes batches and the cleanup is
 * actions only (a request between them would need the one before it done), none leasing tables.
 */
export function batchesCleanup(step: ForEachStep, ctx: RunContext): boolean {
  return !!ctx.driver?.performBatch && step.cleanup.length > 0 && step.cleanup.every((s) => s.kind === 'action' && !s.lease);
}

/** An iteration's cleanup actions, rendered in its scope now. */
export function renderCleanup(steps: readonly ActionStep[], scope: Scope, element: string, ctx: RunContext): PendingAction[] {
  return steps.map((step) => {
    const name = `${element} › ${step.name ?? `action ${step.action}`}`;
    const pending = { step, name, scope, orderId: null, params: {} };
    const letError = applyLet(step, scope, ctx);
    if (letError) return { ...pending, decided: letError };
    let orderId: string | null;
    try {
      orderId = step.order === undefined ? null : renderText(step.order, scope);
    } catch (err) {
      // A cleanup for an order that was never opened (a refused create) has nothing to do.
      if (ends(step) && err instanceof SuiteFault) return { ...pending, decided: skippedStep('nothing-opened', `no order to ${step.action}: ${err.message}`) };
      return { ...pending, decided: suiteError(err, ctx) };
    }
    try {
      return { ...pending, orderId, params: render(step.params, scope) as Record<string, unknown> };
    } catch (err) {
      return { ...pending, orderId, decided: suiteError(err, ctx) };
    }
  });
}

/** Asks the driver once for every action still to do; one cleanup result per action, in order. */
export async function performCleanupBatch(pending: readonly PendingAction[], ctx: RunContext): Promise<StepResult[]> {
  const driver = ctx.driver!;
  // Ended since it was rendered (a later iteration, a callback): nothing to ask about.
  const decided = pending.map((p): StepRun | undefined => {
    if (p.decided) return p.decided;
    const known = p.orderId === null ? undefined : ctx.ledger.find(p.orderId);
    if (ends(p.step) && known && known.state !== 'open') return skippedStep('already-ended', `order ${describeOrder(known)} was ${known.state} already: nothing to ${p.step.action}`);
    return undefined;
  });
  const asked = pending.filter((_, i) => decided[i] === undefined);
  const started = performance.now();
  const outcomes = new Map<PendingAction, StepRun>();
  if (asked.length > 0 && !ctx.signal?.aborted) {
    const timeoutMs = asked.reduce((sum, p) => sum + (p.step.timeoutMs ?? DEFAULT_ACTION_TIMEOUT), 0);
    const actions: BatchAction[] = asked.map((p) => {
      const tables = p.orderId === null ? undefined : ctx.ledger.find(p.orderId)?.tables;
      return { action: p.step.action, params: { orderId: p.orderId, ...p.params }, ...(tables ? { tables: [...tables] } : {}) };
    });
    // An action starts: a spinner stops, so it never draws over the instruction.
    const where = ctx.position ? { step: ctx.position.step, of: ctx.position.of } : { step: 1, of: 1 };
    await ctx.events?.onStepStart?.({ caseId: ctx.holder, ...where, kind: 'action', name: `${asked.length} cleanup actions at once`, phase: 'cleanup' });
    const context = { caseId: ctx.holder, ...(ctx.position ? { caseTitle: ctx.position.title, step: ctx.position.step, steps: ctx.position.of } : {}) };
    const outcome = await driver.performBatch!(actions, timeoutMs, context);
    for (const p of asked) outcomes.set(p, judge(p, outcome, driver.name, ctx));
  }
  // One answer did them all: each gets its share of the time it took.
  const share = asked.length > 0 ? Math.round((performance.now() - started) / asked.length) : 0;
  return pending.map((p, i) => {
    const run = decided[i] ?? outcomes.get(p) ?? skippedStep('aborted', 'the run was interrupted before the cleanup was asked for');
    return { kind: 'action', name: p.name, ...(p.step.basis ? { basis: p.step.basis } : {}), pos: p.step.pos, durationMs: decided[i] ? 0 : share, ...run.result };
  });
}

/** What the batch's one answer means for one of its actions, as action-step.ts judges a single one. */
function judge(p: PendingAction, outcome: DriverOutcome, driver: string, ctx: RunContext): StepRun {
  const action = { name: p.step.action, driver, orderId: p.orderId, params: p.params };
  if (!outcome.ok) {
    if (POS_REFUSED.has(outcome.code)) {
      const refused: AssertionResult = { check: `action ${p.step.action}`, ok: false, soft: false, pos: p.step.pos, expected: `${p.step.action} done on the POS`, actual: outcome.message, message: `the POS could not ${p.step.action}: ${outcome.message}` };
      return { result: { status: 'fail', assertions: [refused], exchanges: [], action } };
    }
    return { result: { status: 'error', assertions: [], exchanges: [], action, error: { code: outcome.code, message: outcome.message } } };
  }
  const effect = isActionName(p.step.action) ? ACTIONS[p.step.action].venue : undefined;
  // Done: the order's tables return to the venue, as after a single close or void.
  if (p.orderId !== null && (effect === 'closes' || effect === 'voids')) ctx.ledger.ended(p.orderId, effect === 'closes' ? 'closed' : 'voided');
  const evaluation = evaluateResponse(p.step, { status: 200, headers: {}, json: outcome.result }, p.scope, ctx);
  return { result: { ...evaluation, exchanges: [], action: { ...action, result: outcome.result } } };
}

function ends(step: ActionStep): boolean {
  const effect = isActionName(step.action) ? ACTIONS[step.action].venue : undefined;
  return effect === 'closes' || effect === 'voids';
}
