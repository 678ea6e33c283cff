// `pos-accredit run`: resolve config → load → plan → run → report. Wires the stages together;
// the work itself lives in config/, suite/, engine/ and report/.
import { randomBytes } from 'node:crypto';
import { resolveConfig, type RunFlags } from '../../config/resolve-config.js';
import { executeRun } from '../../engine/execute-run.js';
import { makePlan } from '../../engine/plan.js';
import { exitCodeFor } from '../../engine/summarize.js';
import { Redactor } from '../../report/redactor.js';
import { createReporters, isReporterName, REPORTER_NAMES } from '../../report/registry.js';
import { loadSuites } from '../../suite/load-suites.js';
import { CliError, EXIT } from '../cli-error.js';
import { resolveTarget } from './resolve-target.js';

export async function runCommand(suitePaths: string[], flags: RunFlags, version: string): Promise<number> {
  const config = resolveConfig({ flags, suites: suitePaths, env: process.env, cwd: process.cwd(), now: new Date(), knownReporters: REPORTER_NAMES, stdoutIsTTY: !!process.stdout.isTTY });
  const loaded = loadSuites({ paths: config.suites });
  const plan = makePlan(loaded.suites, { tags: config.tags, ids: config.ids });
  if (plan.cases.length === 0) {
    const filters = [...config.tags.map((t) => `--tag ${t}`), ...config.ids.map((i) => `--id ${i}`)].join(' ');
    throw new CliError('empty-plan', `no case matches ${filters || 'the suites'}`, EXIT.usage, 'see the available cases with: pos-accredit list');
  }

  const runId = randomBytes(4).toString('hex');
  const target = await resolveTarget(config, process.env, runId);
  const redactor = new Redactor();
  redactor.add(target.token);

  // Ctrl-C stops after the current step; the reports of what ran are still written.
  const interrupt = new AbortController();
  const onSigint = (): void => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);

  // The JSON report is always written, and first, so no console problem can lose it.
  const names = ['json', ...config.reporters.filter((r) => r !== 'json')].filter(isReporterName);
  const reporters = createReporters(names, {
    outDir: config.outDir, stream: process.stdout, color: config.color, isTTY: !!process.stdout.isTTY, quiet: config.quiet, verbose: config.verbose,
  });
  try {
    for (const r of reporters) {
      await r.onRunStart?.({
        target: { baseUrl: target.baseUrl, venue: target.venue, embedded: target.embedded },
        startedAt: new Date().toISOString(), outDir: config.outDir,
        notices: [...(config.configFile ? [`Config: ${config.configFile}`] : []), ...target.notices].map((n) => redactor.redact(n)),
        cases: plan.cases.map((c) => ({ id: c.id, title: c.title, suite: c.suite, level: c.level })),
      });
    }
    const result = await executeRun({
      loaded, plan, target, runId, redactor, version, timeoutMs: config.timeoutMs, strict: config.strict, tags: config.tags, ids: config.ids, signal: interrupt.signal,
      events: {
        onCaseStart: async (c) => {
          for (const r of reporters) await r.onCaseStart?.({ id: c.id, title: c.title, suite: c.suite, level: c.level });
        },
        onCaseResult: async (result) => {
          for (const r of reporters) await r.onCaseResult?.(result);
        },
      },
    });
    for (const r of reporters) await r.onRunEnd?.(result);
    return exitCodeFor(result);
  } finally {
    process.off('SIGINT', onSigint);
    await target.close();
  }
}
