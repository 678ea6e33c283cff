// run: executes the plan and returns case results as data. Never prints; emits events instead.
import type { Case } from '../suite/types.js';
import { caseStatus } from './case-status.js';
import type { Plan } from './plan.js';
import type { CaseResult, RunResult, StepResult } from './results.js';
import type { RunContext } from './run-context.js';
import { runSteps } from './run-steps.js';

const INTERRUPTED = { code: 'interrupted', message: 'interrupted before the run finished (Ctrl-C)' } as const;

export interface RunEvents {
  onCaseStart?(c: Case): void | Promise<void>;
  onCaseResult?(r: CaseResult): void | Promise<void>;
}

export interface PlanRun {
  cases: CaseResult[];
  aborted?: RunResult['aborted'];
  /** Requests carrying the configured token that the POS refused with 401/403. */
  tokenRefusals: number;
}

export async function runPlan(plan: Plan, ctx: RunContext, events: RunEvents = {}): Promise<PlanRun> {
  const cases: CaseResult[] = [];
  let aborted: PlanRun['aborted'];
  let tokenRefusals = 0;
  const emit = async (c: Case, r: CaseResult): Promise<void> => {
    const clean = ctx.redactor.redactValue(r);
    cases.push(clean);
    await events.onCaseResult?.(clean);
  };
  for (const { suite, cases: planned } of plan.suites) {
    const suiteScope = new Map(ctx.baseScope);
    let setup: StepResult[] = [];
    if (!aborted && suite.setup.length > 0) {
      const run = await runSteps(suite.setup, suiteScope, ctx);
      setup = run.results.map((s) => ({ ...s, name: `setup: ${s.name}` }));
      tokenRefusals += run.tokenRefusals;
      if (run.unreachable) aborted = unreachable(setup);
    }
    const setupBroken = setup.some((s) => !['pass', 'warn'].includes(s.status));
    for (const c of planned) {
      if (!aborted && ctx.signal?.aborted) aborted = INTERRUPTED;
      await events.onCaseStart?.(c);
      const startedAt = new Date();
      if (aborted) {
        await emit(c, notRun(c, startedAt, aborted));
        continue;
      }
      if (setupBroken) {
        await emit(c, result(c, startedAt, 0, setup, [], ctx.strict));
        continue;
      }
      const t0 = performance.now();
      const caseScope = new Map(suiteScope);
      const run = await runSteps(c.steps, caseScope, ctx);
      tokenRefusals += run.tokenRefusals;
      // Cleanup always runs, whatever happened, and runs every step.
      const cleanup = c.cleanup.length && !run.unreachable ? (await runSteps(c.cleanup, caseScope, ctx, true)).results : [];
      if (run.unreachable) aborted = unreachable(run.results);
      if (ctx.signal?.aborted) {
        // Cut short by Ctrl-C: its outcome says nothing about the POS.
        aborted ??= INTERRUPTED;
        await emit(c, { ...notRun(c, startedAt, aborted), steps: run.results });
        continue;
      }
      await emit(c, result(c, startedAt, performance.now() - t0, run.results, cleanup, ctx.strict));
    }
  }
  return { cases, aborted, tokenRefusals };
}

function result(c: Case, startedAt: Date, durationMs: number, steps: StepResult[], cleanup: StepResult[], strict: boolean): CaseResult {
  const verdict = caseStatus(c, steps, strict);
  return {
    id: c.id, title: c.title, suite: c.suite, level: c.level, basis: c.basis, spec: c.spec, tags: c.tags,
    status: verdict.status, reason: verdict.reason, pos: c.pos, startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs), steps, cleanup,
  };
}

function notRun(c: Case, startedAt: Date, aborted: NonNullable<PlanRun['aborted']>): CaseResult {
  const r = result(c, startedAt, 0, [], [], false);
  return { ...r, status: aborted.code === 'interrupted' ? 'skip' : 'error', reason: `not run: ${aborted.message}` };
}

function unreachable(steps: StepResult[]): NonNullable<PlanRun['aborted']> {
  const last = steps.at(-1);
  return { code: 'unreachable', message: `the POS could not be reached: ${last?.error?.message ?? 'unknown network error'}` };
}
