// Runs a list of steps in order. Stops at the first step that fails, errors or is skipped, since
// later steps depend on what earlier ones captured; soft (`should`) failures do not stop it.
import type { Step } from '../suite/types.js';
import type { StepResult } from '../core/results.js';
import { addStats, countAnswer, emptyStats, type TargetStats } from './target-stats.js';
import type { RunContext } from './run-context.js';
import { runCheckStep } from './steps/check-step.js';
import { runForEachStep } from './steps/for-each-step.js';
import { runActionStep } from './steps/action-step.js';
import { applyLet } from './steps/apply-let.js';
import { runAwaitStep } from './steps/await-step.js';
import { runMozrestStep } from './steps/mozrest-step.js';
import { runPollStep } from './steps/poll-step.js';
import { runRequestStep } from './steps/request-step.js';
import type { StepRun } from './steps/step-run.js';
import type { Scope } from '../suite/language/scope.js';

export interface StepsRun {
  results: StepResult[];
  /** Cleanup steps run by the steps themselves (forEach iterations), for the case's cleanup. */
  cleanup: StepResult[];
  unreachable: boolean;
  stats: TargetStats;
}

export async function runSteps(steps: Step[], scope: Scope, ctx: RunContext, keepGoing = false): Promise<StepsRun> {
  const results: StepResult[] = [];
  const cleanup: StepResult[] = [];
  const stats = emptyStats();
  for (const [i, step] of steps.entries()) {
    if (ctx.signal?.aborted) break;
    const started = performance.now();
    // The operator is told where the step stands: `step 3 of 7`.
    await ctx.events?.onStepStart?.({ caseId: ctx.holder, step: i + 1, of: steps.length, kind: step.kind, name: step.name ?? describeStep(step), phase: ctx.phase });
    const run = await runStep(step, scope, ctx.position ? { ...ctx, position: { ...ctx.position, step: i + 1 } } : ctx);
    results.push({ kind: step.kind, name: step.name ?? describeStep(step), ...(step.basis ? { basis: step.basis } : {}), pos: step.pos, durationMs: Math.round(performance.now() - started), ...run.result });
    countAnswer(stats, run.tokenAnswer);
    // A step that passes shows the inferred details it names hold on this POS.
    if (run.result.status === 'pass') for (const entry of step.confirms ?? []) if (!ctx.confirmed.has(entry)) ctx.confirmed.set(entry, ctx.holder);
    if (run.stats) addStats(stats, run.stats);
    if (run.cleanup) cleanup.push(...run.cleanup);
    if (run.unreachable) return { results, cleanup, unreachable: true, stats };
    if (!keepGoing && !['pass', 'warn'].includes(run.result.status)) break;
  }
  return { results, cleanup, unreachable: false, stats };
}

async function runStep(step: Step, scope: Scope, ctx: RunContext): Promise<StepRun> {
  // Request steps apply `let` themselves, before every attempt.
  if (step.kind !== 'request') {
    const letError = applyLet(step, scope, ctx);
    if (letError) return letError;
  }
  switch (step.kind) {
    case 'request':
      return runRequestStep(step, scope, ctx);
    case 'poll':
      return runPollStep(step, scope, ctx);
    case 'action':
      return runActionStep(step, scope, ctx);
    case 'await':
      return runAwaitStep(step, scope, ctx);
    case 'mozrest':
      return runMozrestStep(step, scope, ctx);
    case 'check':
      return runCheckStep(step, scope, ctx);
    case 'forEach':
      return runForEachStep(step, scope, ctx, runSteps);
  }
}

function describeStep(step: Step): string {
  switch (step.kind) {
    case 'request':
    case 'poll':
      return `${step.kind === 'poll' ? 'poll ' : ''}${step.request.method} ${String(step.request.path)}`;
    case 'action':
      return `action ${step.action}`;
    case 'await':
      return `await ${step.none ? 'no ' : ''}${step.method} ${String(step.path)}`;
    case 'mozrest':
      return `mock Mozrest answers the next ${step.failNext.count} call(s)${step.failNext.order === undefined ? '' : ' about the order'} with ${step.failNext.status}`;
    case 'check':
      return `check ${typeof step.value === 'string' ? step.value : JSON.stringify(step.value)}`;
    case 'forEach':
      return `for each ${step.as} in ${String(step.items)}`;
  }
}
