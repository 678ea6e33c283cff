// `action` steps: ask the driver to make the POS do what an operator does (add items, pay, void …).
// Without a driver the step is skipped with the reason, so the case reports `skip` instead of a
// false pass or a harness error. What an action does to the venue goes to the run's ledger: a
// close or a void frees the order's tables, a walk-in or a move seats an order on leased ones. In
// the cleanup, an action that ends an order acts only on one that is still open.
import type { AssertionResult } from '../../core/results.js';
import { ACTIONS, isActionName } from '../../suite/language/actions.js';
import type { Scope } from '../../suite/language/scope.js';
import { render, renderText } from '../../suite/language/template.js';
import type { ActionStep } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import { describeOrder } from '../../core/words/order.js';
import { evaluateResponse } from './evaluate-response.js';
import { idOf, takeLease } from './lease-tables.js';
import { skippedStep, suiteError, type StepRun } from './step-run.js';

const DEFAULT_ACTION_TIMEOUT = 120_000;
const POS_REFUSED = new Set(['operator-failed', 'driver-action-failed']);
/** A hook saying the leased table is occupied: another table is tried, as many times. */
const OCCUPIED = 'driver-http-409';
const SEAT_ATTEMPTS = 5;

export async function runActionStep(step: ActionStep, scope: Scope, ctx: RunContext): Promise<StepRun> {
  if (!ctx.driver) {
    return skippedStep('no-driver', `needs a driver to perform "${step.action}" on the POS (--driver prompt|http|exec); accreditation needs this check`);
  }
  const effect = isActionName(step.action) ? ACTIONS[step.action].venue : undefined;
  const ends = effect === 'closes' || effect === 'voids';
  for (let attempt = 1; ; attempt++) {
    let orderId: string | null;
    try {
      orderId = step.order === undefined ? null : renderText(step.order, scope);
    } catch (err) {
      // A cleanup for an order that was never opened has nothing to do.
      if (ctx.phase === 'cleanup' && ends) return skippedStep('nothing-opened', `no order to ${step.action}: ${(err as Error).message}`);
      return suiteError(err, ctx);
    }
    const known = orderId === null ? undefined : ctx.ledger.find(orderId);
    if (ctx.phase === 'cleanup' && ends && known && known.state !== 'open') {
      return skippedStep('already-ended', `order ${describeOrder(known)} was ${known.state} already: nothing to ${step.action}`);
    }
    const { lease, failed } = takeLease(step, scope, ctx);
    if (failed) return failed;
    let params: Record<string, unknown>;
    try {
      params = render(step.params, scope) as Record<string, unknown>;
    } catch (err) {
      if (lease) ctx.ledger.giveBack(lease);
      return suiteError(err, ctx);
    }
    const action = { name: step.action, driver: ctx.driver.name, orderId, params };
    const context = { caseId: ctx.holder, ...(ctx.position ? { caseTitle: ctx.position.title, step: ctx.position.step, steps: ctx.position.of } : {}), ...((lease ?? known) ? { tables: (lease ?? known)!.tables } : {}) };
    const outcome = await ctx.driver.perform(step.action, { orderId, ...params }, step.timeoutMs ?? DEFAULT_ACTION_TIMEOUT, context);
    if (!outcome.ok) {
      if (lease) {
        // Someone else's order stands on the leased table: lease another and try again.
        if (outcome.code === OCCUPIED && lease.tables.length === 1) ctx.ledger.busy(lease, lease.tables[0]!);
        else ctx.ledger.giveBack(lease);
        if (outcome.code === OCCUPIED && attempt < SEAT_ATTEMPTS && !ctx.signal?.aborted) continue;
      }
      // The operator (or the hook) saying the POS could not do it is the POS failing the check;
      // a driver that cannot be reached or answers nothing is the harness's problem.
      if (POS_REFUSED.has(outcome.code)) {
        const refused: AssertionResult = { check: `action ${step.action}`, ok: false, soft: false, pos: step.pos, expected: `${step.action} done on the POS`, actual: outcome.message, message: `the POS could not ${step.action}: ${outcome.message}` };
        return { result: { status: 'fail', assertions: [refused], exchanges: [], action } };
      }
      return { result: { status: 'error', assertions: [], exchanges: [], action, error: { code: outcome.code, message: outcome.message } } };
    }
    if (ends && orderId !== null) ctx.ledger.ended(orderId, effect === 'closes' ? 'closed' : 'voided');
    if (lease && effect === 'seats') {
      // The hook may name the walk-in's POS id at once; its M1 callback says it otherwise.
      const walkIn = idOf({ id: (outcome.result as { orderId?: unknown } | null)?.orderId });
      ctx.ledger.opened(lease, walkIn === undefined ? {} : { posId: walkIn });
    }
    if (lease && effect === 'moves' && orderId !== null) ctx.ledger.moved(orderId, lease);
    const evaluation = evaluateResponse(step, { status: 200, headers: {}, json: outcome.result }, scope, ctx);
    return { result: { ...evaluation, exchanges: [], action: { ...action, result: outcome.result } } };
  }
}
