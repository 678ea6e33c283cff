// `forEach` steps: the same steps for every element of a list (e.g. every free table), each
// element bound to the step's `as` variable in a scope of its own, then the iteration's cleanup.
//
// - The list is rendered once, when the step starts: the loop runs at most that many times.
// - An element whose steps fail does not stop the loop: every element is tried, and the step
//   reports each failure prefixed with the element (`T7 › open an order: expected status …`).
// - The iterations' steps are reported as this one step: their assertions and exchanges, in
//   order. Their cleanup steps are reported with the case's cleanup and, like those, never change
//   the status. They run even with --keep: a loop over every table that kept each order would
//   leave the venue full; --keep is for the case-level cleanup.
// - Iterations that act on the POS need a driver; without one nothing is sent at all (opening
//   orders that cannot be voided again would leave the venue full), and the step is skipped.
// - A driver that takes batches (a person at the terminal) gets the cleanup of every iteration
//   as one instruction after the last one (for-each-batch.ts) when the cleanup is actions only:
//   asked once to void twelve orders, not twelve times between the opens. Other drivers (http,
//   exec) get each iteration's cleanup at its end, as soon as it can run.
// - An iteration's cleanup runs in the cleanup phase either way: an order never opened, or
//   already closed or voided, is not acted on again.
import { show } from '../../assert/check-expectation.js';
import type { ActionStep, ForEachStep, Step } from '../../suite/types.js';
import type { AssertionResult, StepResult } from '../../core/results.js';
import type { Exchange } from '../../core/evidence.js';
import type { RunContext } from '../run-context.js';
import { addStats, emptyStats, type TargetStats } from '../target-stats.js';
import { render } from '../../suite/language/template.js';
import { type Scope } from '../../suite/language/scope.js';
import { statusOf } from './evaluate-response.js';
import { skippedStep, suiteError, type StepRun } from './step-run.js';
import { batchesCleanup, performCleanupBatch, renderCleanup, type PendingAction } from './for-each-batch.js';

/** run-steps.ts's runSteps, passed in rather than imported (it dispatches to this file). */
export type StepsRunner = (steps: Step[], scope: Scope, ctx: RunContext, keepGoing?: boolean) => Promise<{ results: StepResult[]; cleanup: StepResult[]; unreachable: boolean; stats: TargetStats }>;

export async function runForEachStep(step: ForEachStep, scope: Scope, ctx: RunContext, runSteps: StepsRunner): Promise<StepRun> {
  let rendered: unknown;
  try {
    rendered = render(step.items, scope);
  } catch (err) {
    return suiteError(err, ctx, 'forEach: ');
  }
  if (!Array.isArray(rendered)) return failed('template', `forEach: expected a list, got ${show(rendered)}`, ctx);
  const items = [...rendered];
  const action = firstAction([...step.steps, ...step.cleanup]);
  if (action !== undefined && !ctx.driver) {
    return skippedStep('no-driver', `needs a driver to perform "${action}" on the POS for each of the ${items.length} elements (--driver prompt|http|exec); accreditation needs this check`);
  }

  const assertions: AssertionResult[] = [{
    check: `forEach ${step.as}`, ok: true, soft: false, pos: step.pos, actual: items,
    message: `${items.length} element${items.length === 1 ? '' : 's'}: ${items.map(label).join(', ') || 'none'}`,
  }];
  const exchanges: Exchange[] = [];
  const cleanup: StepResult[] = [];
  const stats = emptyStats();
  let error: StepResult['error'];
  let skip: StepResult['error'];
  const batch = batchesCleanup(step, ctx);
  const pending: PendingAction[] = [];
  const cleanupCtx: RunContext = { ...ctx, phase: 'cleanup' };
  // The batch is asked for whatever ends the loop: what the iterations opened must not stay open.
  const flush = async (): Promise<void> => {
    if (pending.length > 0) cleanup.push(...(await performCleanupBatch(pending.splice(0), cleanupCtx)));
  };
  for (const item of items) {
    if (ctx.signal?.aborted) break;
    const name = label(item);
    const iteration = new Map(scope);
    iteration.set(step.as, item);
    const run = await runSteps(step.steps, iteration, ctx);
    addStats(stats, run.stats);
    for (const r of run.results) {
      exchanges.push(...r.exchanges);
      assertions.push(...r.assertions.map((a) => ({ ...a, check: `${name} › ${a.check}`, message: `${name} › ${r.name}: ${a.message}` })));
      const why = r.error && { code: r.error.code, message: `${name} › ${r.name}: ${r.error.message}` };
      if (r.status === 'error') error ??= why;
      if (r.status === 'skip') skip ??= why;
    }
    cleanup.push(...prefixed(name, run.cleanup));
    if (run.unreachable) {
      await flush();
      return { unreachable: true, stats, cleanup, result: { status: 'error', assertions, exchanges, error } };
    }
    if (batch) {
      pending.push(...renderCleanup(step.cleanup.filter((s): s is ActionStep => s.kind === 'action'), iteration, name, cleanupCtx));
    } else if (step.cleanup.length > 0) {
      const after = await runSteps(step.cleanup, iteration, cleanupCtx, true);
      addStats(stats, after.stats);
      cleanup.push(...prefixed(name, [...after.results, ...after.cleanup]));
      if (after.unreachable) return { unreachable: true, stats, cleanup, result: { status: 'error', assertions, exchanges, error: error ?? after.results.at(-1)?.error } };
    }
    if (skip) break;
  }
  await flush();
  const status = error ? 'error' : skip ? 'skip' : statusOf(assertions);
  return { stats, cleanup, result: { status, assertions, exchanges, ...(error ?? skip ? { error: error ?? skip } : {}) } };
}

/** The first operator action among the steps, nested loops included. */
function firstAction(steps: Step[]): string | undefined {
  for (const s of steps) {
    if (s.kind === 'action') return s.action;
    if (s.kind === 'forEach') {
      const inner = firstAction([...s.steps, ...s.cleanup]);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** How an element is named in messages: a string as it is, anything else as short JSON. */
function label(item: unknown): string {
  return typeof item === 'string' ? item : show(item);
}

function prefixed(name: string, results: StepResult[]): StepResult[] {
  return results.map((r) => ({ ...r, name: `${name} › ${r.name}` }));
}

function failed(code: string, message: string, ctx: RunContext): StepRun {
  return { result: { status: 'error', assertions: [], exchanges: [], error: { code, message: ctx.redactor.redact(message) } } };
}
