// `pos-accredit run`: resolve config → load → plan → run → report. Wires the stages together;
// the work itself lives in config/, suite/, engine/ and report/.
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { contractValues } from '../../contract/contract.js';
import { resolveConfig, type RunFlags } from '../../config/resolve-config.js';
import { HttpClient, userAgentFor } from '../../http/client.js';
import { makePlan } from '../../engine/plan.js';
import type { RunResult } from '../../engine/results.js';
import { runPlan } from '../../engine/runner.js';
import { exitCodeFor, summarize } from '../../engine/summarize.js';
import { Redactor } from '../../report/redactor.js';
import { createReporters, isReporterName, REPORTER_NAMES } from '../../report/registry.js';
import type { Reporter } from '../../report/reporter.js';
import { loadSuites } from '../../suite/load-suites.js';
import { CliError, EXIT } from '../cli-error.js';
import { resolveTarget } from './resolve-target.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function runCommand(suitePaths: string[], flags: RunFlags, version: string): Promise<number> {
  const startedAt = new Date();
  const config = resolveConfig({ flags, suites: suitePaths, env: process.env, cwd: process.cwd(), now: startedAt, knownReporters: REPORTER_NAMES, stdoutIsTTY: !!process.stdout.isTTY });
  const loaded = loadSuites({ paths: config.suites });
  const plan = makePlan(loaded.suites, { tags: config.tags, ids: config.ids });
  if (plan.cases.length === 0) {
    throw new CliError('empty-plan', `no case matches ${[...config.tags.map((t) => `--tag ${t}`), ...config.ids.map((i) => `--id ${i}`)].join(' ') || 'the suites'}`, EXIT.usage, 'see the available cases with: pos-accredit list');
  }

  const redactor = new Redactor();
  const runId = randomBytes(4).toString('hex');
  const target = await resolveTarget(config, process.env, runId);
  redactor.add(target.token);
  const http = new HttpClient({ baseUrl: target.baseUrl, token: target.token, timeoutMs: config.timeoutMs, maxBodyBytes: MAX_BODY_BYTES, redactor, userAgent: userAgentFor(version) });

  // Every report is written even when the run stops early; Ctrl-C stops after the current step.
  const interrupt = new AbortController();
  const onSigint = (): void => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);

  const names = [...new Set([...config.reporters, 'json'])].filter(isReporterName);
  const reporters: Reporter[] = createReporters(names, {
    outDir: config.outDir, stream: process.stdout, color: config.color, isTTY: !!process.stdout.isTTY, quiet: config.quiet, verbose: config.verbose,
  });
  const runTarget = { baseUrl: target.baseUrl, venue: target.venue, embedded: target.embedded };
  try {
    for (const r of reporters) {
      await r.onRunStart?.({
        target: runTarget, startedAt: startedAt.toISOString(), outDir: config.outDir, notices: target.notices.map((n) => redactor.redact(n)),
        cases: plan.cases.map((c) => ({ id: c.id, title: c.title, suite: c.suite, level: c.level })),
      });
    }
    const baseScope = new Map<string, unknown>([
      ['venue', target.venue], ['otherVenue', target.otherVenue], ['baseUrl', target.baseUrl], ['token', target.token],
      ['runId', runId], ['contract', contractValues(loaded.contract)],
    ]);
    const run = await runPlan(plan, { http, schemas: loaded.schemas, redactor, baseScope, strict: config.strict, signal: interrupt.signal }, {
      onCaseStart: async (c) => {
        for (const r of reporters) await r.onCaseStart?.({ id: c.id, title: c.title, suite: c.suite, level: c.level });
      },
      onCaseResult: async (result) => {
        for (const r of reporters) await r.onCaseResult?.(result);
      },
    });
    const finishedAt = new Date();
    const result: RunResult = redactor.redactValue({
      tool: { name: 'pos-accredit', version },
      contract: { version: loaded.contract.version, file: relative(process.cwd(), loaded.contract.file) || loaded.contract.file },
      target: runTarget,
      options: { strict: config.strict, tags: config.tags, ids: config.ids, timeoutMs: config.timeoutMs },
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      aborted: run.aborted,
      ...summarize(run.cases, run.aborted),
      cases: run.cases,
    });
    // JSON first, so a failing console write can never lose the report.
    const jsonFirst = [...reporters.filter((_, i) => names[i] === 'json'), ...reporters.filter((_, i) => names[i] !== 'json')];
    for (const r of jsonFirst) await r.onRunEnd?.(result);
    return exitCodeFor(result);
  } finally {
    process.off('SIGINT', onSigint);
    await http.close();
    await target.close();
  }
}
