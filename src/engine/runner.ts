// run: executes the plan and returns case results as data. Never prints; emits events instead.
import type { Contract } from '../contract/types.js';
import type { CaseResult, NotRun, RunResult, StepResult } from '../core/results.js';
import { missingSettingReason } from '../suite/run-variables.js';
import type { Case } from '../suite/types.js';
import { caseStatus } from './case-status.js';
import { plannedCase, type RunEvents } from './events.js';
import type { Plan, PlannedSuite } from './plan.js';
import type { RunContext } from './run-context.js';
import { runSteps } from './run-steps.js';
import { addStats, emptyStats, type TargetStats } from './target-stats.js';

const INTERRUPTED = { code: 'interrupted', message: 'interrupted before the run finished (Ctrl-C)' } as const;
const TERMINATED = { code: 'terminated', message: 'terminated before the run finished (SIGTERM)' } as const;

/** Why the run's signal stopped it: Ctrl-C, or SIGTERM (a CI job's timeout). */
function stopped(signal: AbortSignal | undefined): NonNullable<RunResult['aborted']> {
  return signal?.reason === 'SIGTERM' ? TERMINATED : INTERRUPTED;
}

export interface PlanRun {
  cases: CaseResult[];
  aborted?: RunResult['aborted'];
  stats: TargetStats;
}

/** A case that will not run, and why; `plan` skips never block, `needs-driver` / `needs-table` ones do for a MUST. */
export interface Skip {
  reason: string;
  notRun: Exclude<NotRun, 'aborted'>;
}

export interface RunPlanOptions {
  /** Cases the run leaves out beyond the plan's own (no driver, no table left). */
  skips?: ReadonlyMap<Case, Skip>;
  /** Stopped before the first case (e.g. the venue has too few free tables). */
  aborted?: RunResult['aborted'];
}

export async function runPlan(plan: Plan, ctx: Omit<RunContext, 'holder' | 'phase'>, events: Pick<RunEvents, 'onCaseStart' | 'onCaseResult'> = {}, options: RunPlanOptions = {}): Promise<PlanRun> {
  const run: PlanRun = { cases: [], stats: emptyStats(), ...(options.aborted ? { aborted: options.aborted } : {}) };
  // Stopped before the first case: every case is not run for that one reason, the root cause.
  if (options.aborted) {
    for (const planned of plan.suites) await runSuite(planned, new Map(), ctx, events, run, new Map());
    return run;
  }
  const skips = new Map<Case, Skip>(plan.skipped.map((s) => [s.case, { reason: s.reason, notRun: 'plan' }]));
  for (const [c, skip] of options.skips ?? []) if (!skips.has(c)) skips.set(c, skip);
  // A case that needs a run setting nobody configured (a forbidden venue …) is skipped, never blocks.
  for (const c of plan.cases) {
    const reason = skips.has(c) ? undefined : missingSettingReason(c.needs ?? [], ctx.baseScope);
    if (reason !== undefined) skips.set(c, { reason, notRun: 'plan' });
  }
  const byId = new Map(plan.cases.map((c) => [c.id, c]));
  for (const planned of plan.suites) await runSuite(planned, skips, ctx, events, run, byId);
  return run;
}

/**
 * Setup once, the cases in order, teardown once; results are appended to `run`. Cases the plan
 * skips get a `skip` result in their place; a suite whose cases are all skipped runs no setup.
 */
async function runSuite({ suite, cases }: PlannedSuite, skips: ReadonlyMap<Case, Skip>, base: Omit<RunContext, 'holder' | 'phase'>, events: Pick<RunEvents, 'onCaseStart' | 'onCaseResult'>, run: PlanRun, byId: ReadonlyMap<string, Case>): Promise<void> {
  const suiteScope = new Map(base.baseScope);
  // Cases whose prerequisites in earlier suites already failed open nothing: no setup for them.
  const lastRun = cases.filter((c) => !skips.has(c) && blockers(c, run.cases, byId).length === 0).at(-1);
  // The suite's setup holds what it opens until the teardown.
  const suiteCtx: RunContext = { ...base, holder: `setup of ${suite.name}`, phase: 'steps' };
  let setup: StepResult[] = [];
  if (!run.aborted && lastRun && suite.setup.length > 0) {
    const steps = await runSteps(suite.setup, suiteScope, suiteCtx);
    addStats(run.stats, steps.stats);
    setup = steps.results.map((s) => ({ ...s, name: `setup: ${s.name}` }));
    if (steps.unreachable) run.aborted = unreachable(setup);
  }
  const setupBroken = setup.some((s) => !['pass', 'warn'].includes(s.status));

  for (const c of cases) {
    if (!run.aborted && base.signal?.aborted) run.aborted = stopped(base.signal);
    await events.onCaseStart?.(plannedCase(c));
    const skip = skips.get(c);
    if (skip !== undefined) {
      const skipped = base.redactor.redactValue(planSkipped(c, skip));
      run.cases.push(skipped);
      await events.onCaseResult?.(skipped);
      continue;
    }
    const roots = run.aborted ? [] : blockers(c, run.cases, byId);
    if (roots.length > 0) {
      const blocked = base.redactor.redactValue(blockedResult(c, roots));
      run.cases.push(blocked);
      await events.onCaseResult?.(blocked);
      continue;
    }
    let result = await runCase(c, { ...base, holder: c.id, phase: 'steps' }, run, suiteScope, setupBroken ? setup : undefined);
    // The teardown runs after the last case run and is reported with it, as evidence like any step.
    if (c === lastRun && suite.teardown.length > 0 && !run.aborted && !base.keep) {
      const teardown = await runSteps(suite.teardown, suiteScope, { ...suiteCtx, phase: 'cleanup' }, true);
      result = withCleanup(result, teardown.results.map((s) => ({ ...s, name: `teardown: ${s.name}` })));
      base.ledger.endOf(suiteCtx.holder);
    }
    const clean = base.redactor.redactValue(result);
    run.cases.push(clean);
    await events.onCaseResult?.(clean);
  }
}

async function runCase(c: Case, ctx: RunContext, run: PlanRun, suiteScope: Map<string, unknown>, brokenSetup?: StepResult[]): Promise<CaseResult> {
  const startedAt = new Date();
  if (run.aborted) return notRun(c, startedAt, run.aborted);
  if (brokenSetup) return result(c, startedAt, 0, brokenSetup, [], ctx.strict, ctx.contract, ctx.confirmed);
  const t0 = performance.now();
  const confirmedBefore = new Map(ctx.confirmed);
  const caseScope = new Map(suiteScope);
  const steps = await runSteps(c.steps, caseScope, { ...ctx, position: { step: 0, of: c.steps.length, title: c.title } });
  addStats(run.stats, steps.stats);
  // Cleanup always runs, whatever happened, and runs every step — on what is still open only.
  // --keep leaves what the case opened in place, for a person to inspect on the POS.
  // Cleanup the steps ran themselves (each forEach iteration's) comes first, as it happened.
  const cleanup = [...steps.cleanup, ...(c.cleanup.length && !steps.unreachable && !ctx.keep ? (await runSteps(c.cleanup, caseScope, { ...ctx, phase: 'cleanup' }, true)).results : [])];
  // Tables leased for a create that never ran are free again.
  ctx.ledger.endOf(ctx.holder);
  if (steps.unreachable) run.aborted = unreachable(steps.results);
  if (ctx.signal?.aborted) {
    // Cut short by Ctrl-C: its outcome says nothing about the POS.
    run.aborted ??= stopped(ctx.signal);
    return withCleanup({ ...notRun(c, startedAt, run.aborted), steps: steps.results }, cleanup);
  }
  // What earlier cases confirmed, not what this one did: a case cannot vouch for itself.
  return result(c, startedAt, performance.now() - t0, steps.results, cleanup, ctx.strict, ctx.contract, confirmedBefore);
}

function result(c: Case, startedAt: Date, durationMs: number, steps: StepResult[], cleanup: StepResult[], strict: boolean, contract?: Contract, confirmed: ReadonlyMap<string, string> = new Map()): CaseResult {
  const assumptions = inferredDetails(c, contract).map((a) => (confirmed.has(a.entry) ? { ...a, confirmedBy: confirmed.get(a.entry)! } : a));
  const verdict = caseStatus(c, steps, strict, assumptions.map((a) => a.entry), new Set(confirmed.keys()));
  return withCleanup({
    id: c.id, title: c.title, suite: c.suite, level: c.level, basis: c.basis, spec: c.spec, tags: c.tags,
    status: verdict.status, reason: verdict.reason, ...(verdict.decidedBy ? { decidedBy: verdict.decidedBy } : {}), pos: c.pos, startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs), steps, cleanup: [], ...(assumptions.length ? { assumptions } : {}),
  }, cleanup);
}

/** Adds cleanup steps to a result; the first that failed or errored is named (what it opened may be open still). */
function withCleanup(r: CaseResult, more: StepResult[]): CaseResult {
  const cleanup = [...r.cleanup, ...more];
  const step = cleanup.findIndex((s) => s.status === 'fail' || s.status === 'error');
  if (step < 0) return { ...r, cleanup };
  const s = cleanup[step]!;
  const why = s.error?.message ?? s.assertions.find((a) => !a.ok)?.message ?? s.status;
  return { ...r, cleanup, cleanupFailed: { step, message: `${s.name}: ${why}` } };
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

/** A case the run leaves out: a capability the POS does not declare, no driver, no table left. */
/**
 * The root cases keeping `c` from running: its prerequisites that failed or errored, and the
 * roots of those that were blocked themselves. A prerequisite that was skipped (no driver, not
 * applicable) says nothing either way, so its own prerequisites are looked at in its place; one
 * not in the plan blocks nothing.
 */
function blockers(c: Case, done: readonly CaseResult[], byId: ReadonlyMap<string, Case>, seen = new Set<string>()): CaseResult[] {
  const roots: CaseResult[] = [];
  const add = (r: CaseResult | undefined): void => {
    if (r && !roots.includes(r)) roots.push(r);
  };
  for (const p of c.after) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    const r = done.find((d) => d.id === p.id);
    if (!r) continue;
    if (r.status === 'fail' || r.status === 'error') add(r);
    else if (r.status === 'blocked') for (const id of r.blockedBy ?? []) add(done.find((d) => d.id === id));
    else if (r.status === 'skip' && byId.has(p.id)) for (const root of blockers(byId.get(p.id)!, done, byId, seen)) add(root);
  }
  return roots;
}

function blockedResult(c: Case, roots: CaseResult[]): CaseResult {
  const first = roots[0]!;
  const ids = roots.map((r) => r.id);
  const names = ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  return { ...result(c, new Date(), 0, [], [], false), status: 'blocked', reason: `blocked by ${names}: ${first.reason ?? first.status}`, blockedBy: ids };
}

function planSkipped(c: Case, skip: Skip): CaseResult {
  return { ...result(c, new Date(), 0, [], [], false), status: 'skip', reason: skip.reason, notRun: skip.notRun };
}

function notRun(c: Case, startedAt: Date, aborted: NonNullable<PlanRun['aborted']>): CaseResult {
  const r = result(c, startedAt, 0, [], [], false);
  // Not run says nothing about the POS: the run's abort (its root cause) is reported once, as such.
  return { ...r, status: 'skip', reason: `not run: ${aborted.message}`, notRun: 'aborted' };
}

function unreachable(steps: StepResult[]): NonNullable<PlanRun['aborted']> {
  const last = steps.at(-1);
  return { code: 'unreachable', message: `the POS could not be reached: ${last?.error?.message ?? 'unknown network error'}` };
}
