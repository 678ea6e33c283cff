// run: executes the plan and returns case results as data. Never prints; emits events instead.
import type { Contract } from '../contract/types.js';
import { missingSettingReason } from '../suite/run-variables.js';
import type { Case } from '../suite/types.js';
import { caseStatus } from './case-status.js';
import type { Plan, PlannedSuite } from './plan.js';
import type { CaseResult, RunResult, StepResult } from '../core/results.js';
import type { RunContext } from './run-context.js';
import { runSteps } from './run-steps.js';
import { addStats, emptyStats, type TargetStats } from './target-stats.js';
import { plannedCase, type RunEvents } from './events.js';

const INTERRUPTED = { code: 'interrupted', message: 'interrupted before the run finished (Ctrl-C)' } as const;

export interface PlanRun {
  cases: CaseResult[];
  aborted?: RunResult['aborted'];
  stats: TargetStats;
}

export async function runPlan(plan: Plan, ctx: RunContext, events: Pick<RunEvents, 'onCaseStart' | 'onCaseResult'> = {}): Promise<PlanRun> {
  const run: PlanRun = { cases: [], stats: emptyStats() };
  const skips = new Map(plan.skipped.map((s) => [s.case, s.reason]));
  // A case that needs a run setting nobody configured (a forbidden venue …) is skipped, never blocks.
  for (const c of plan.cases) {
    const reason = skips.has(c) ? undefined : missingSettingReason(c.needs ?? [], ctx.baseScope);
    if (reason !== undefined) skips.set(c, reason);
  }
  for (const planned of plan.suites) await runSuite(planned, skips, ctx, events, run);
  return run;
}

/**
 * Setup once, the cases in order, teardown once; results are appended to `run`. Cases the plan
 * skips get a `skip` result in their place; a suite whose cases are all skipped runs no setup.
 */
async function runSuite({ suite, cases }: PlannedSuite, skips: ReadonlyMap<Case, string>, ctx: RunContext, events: Pick<RunEvents, 'onCaseStart' | 'onCaseResult'>, run: PlanRun): Promise<void> {
  const suiteScope = new Map(ctx.baseScope);
  const lastRun = cases.filter((c) => !skips.has(c)).at(-1);
  let setup: StepResult[] = [];
  if (!run.aborted && lastRun && suite.setup.length > 0) {
    const steps = await runSteps(suite.setup, suiteScope, ctx);
    addStats(run.stats, steps.stats);
    setup = steps.results.map((s) => ({ ...s, name: `setup: ${s.name}` }));
    if (steps.unreachable) run.aborted = unreachable(setup);
  }
  const setupBroken = setup.some((s) => !['pass', 'warn'].includes(s.status));

  for (const c of cases) {
    if (!run.aborted && ctx.signal?.aborted) run.aborted = INTERRUPTED;
    await events.onCaseStart?.(plannedCase(c));
    const skipReason = skips.get(c);
    if (skipReason !== undefined) {
      const skipped = ctx.redactor.redactValue(planSkipped(c, skipReason));
      run.cases.push(skipped);
      await events.onCaseResult?.(skipped);
      continue;
    }
    let result = await runCase(c, ctx, run, suiteScope, setupBroken ? setup : undefined);
    // The teardown runs after the last case run and is reported with it, as evidence like any step.
    if (c === lastRun && suite.teardown.length > 0 && !run.aborted && !ctx.keep) {
      const teardown = await runSteps(suite.teardown, suiteScope, ctx, true);
      result = { ...result, cleanup: [...result.cleanup, ...teardown.results.map((s) => ({ ...s, name: `teardown: ${s.name}` }))] };
    }
    const clean = ctx.redactor.redactValue(result);
    run.cases.push(clean);
    await events.onCaseResult?.(clean);
  }
}

async function runCase(c: Case, ctx: RunContext, run: PlanRun, suiteScope: Map<string, unknown>, brokenSetup?: StepResult[]): Promise<CaseResult> {
  const startedAt = new Date();
  if (run.aborted) return notRun(c, startedAt, run.aborted);
  if (brokenSetup) return result(c, startedAt, 0, brokenSetup, [], ctx.strict, ctx.contract);
  const t0 = performance.now();
  const caseScope = new Map(suiteScope);
  const steps = await runSteps(c.steps, caseScope, ctx);
  addStats(run.stats, steps.stats);
  // Cleanup always runs, whatever happened, and runs every step.
  // --keep leaves what the case opened in place, for a person to inspect on the POS.
  // Cleanup the steps ran themselves (each forEach iteration's) comes first, as it happened.
  const cleanup = [...steps.cleanup, ...(c.cleanup.length && !steps.unreachable && !ctx.keep ? (await runSteps(c.cleanup, caseScope, ctx, true)).results : [])];
  if (steps.unreachable) run.aborted = unreachable(steps.results);
  if (ctx.signal?.aborted) {
    // Cut short by Ctrl-C: its outcome says nothing about the POS.
    run.aborted ??= INTERRUPTED;
    return { ...notRun(c, startedAt, run.aborted), steps: steps.results };
  }
  return result(c, startedAt, performance.now() - t0, steps.results, cleanup, ctx.strict, ctx.contract);
}

function result(c: Case, startedAt: Date, durationMs: number, steps: StepResult[], cleanup: StepResult[], strict: boolean, contract?: Contract): CaseResult {
  const assumptions = inferredDetails(c, contract);
  const verdict = caseStatus(c, steps, strict, assumptions.map((a) => a.entry));
  return {
    id: c.id, title: c.title, suite: c.suite, level: c.level, basis: c.basis, spec: c.spec, tags: c.tags,
    status: verdict.status, reason: verdict.reason, ...(verdict.decidedBy ? { decidedBy: verdict.decidedBy } : {}), pos: c.pos, startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs), steps, cleanup, ...(assumptions.length ? { assumptions } : {}),
  };
}

/** The inferred contract entries a case reads, with their sources, for the report. */
function inferredDetails(c: Case, contract?: Contract): NonNullable<CaseResult['assumptions']> {
  if (!contract) return [];
  return c.contractRefs.flatMap((ref) => {
    const [section = '', key = ''] = ref.split('.');
    const entry = contract.sections[section]?.[key];
    return entry?.basis === 'inferred' ? [{ entry: ref, value: entry.value, source: entry.source, ...(entry.note ? { note: entry.note } : {}) }] : [];
  });
}

/** A case the plan leaves out (an optional capability the POS does not declare): never blocks. */
function planSkipped(c: Case, reason: string): CaseResult {
  return { ...result(c, new Date(), 0, [], [], false), status: 'skip', reason, notRun: 'plan' };
}

function notRun(c: Case, startedAt: Date, aborted: NonNullable<PlanRun['aborted']>): CaseResult {
  const r = result(c, startedAt, 0, [], [], false);
  return { ...r, status: aborted.code === 'interrupted' ? 'skip' : 'error', reason: `not run: ${aborted.message}`, notRun: 'aborted' };
}

function unreachable(steps: StepResult[]): NonNullable<PlanRun['aborted']> {
  const last = steps.at(-1);
  return { code: 'unreachable', message: `the POS could not be reached: ${last?.error?.message ?? 'unknown network error'}` };
}
