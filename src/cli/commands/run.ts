// `pos-accredit run`: resolve config → load → plan → run → report. Wires the stages together;
// the work itself lives in config/, suite/, engine/, mozrest/, drivers/ and report/.
import { randomBytes } from 'node:crypto';
import { collectInputs, type BundleInput } from '../../bundle/collect-inputs.js';
import { bundleSummary, finishBundle, prepareBundle, type PreparedBundle } from '../../bundle/run-bundle.js';
import { declaredCapabilities } from '../../config/declared-capabilities.js';
import { resolveConfig, type RunFlags } from '../../config/resolve-config.js';
import { capabilitiesLine, contractCapabilities } from '../../contract/capabilities.js';
import { executeRun } from '../../engine/execute-run.js';
import { makePlan } from '../../engine/plan.js';
import { recheckSuite } from '../../engine/recheck.js';
import { exitCodeFor } from '../../engine/summarize.js';
import { Redactor } from '../../core/redactor.js';
import { createReporters, isReporterName, REPORTER_NAMES } from '../../report/registry.js';
import { loadSuites } from '../../suite/load-suites.js';
import { PosAccreditError, EXIT } from '../../core/errors.js';
import type { RunConfig } from '../../config/run-config.js';
import type { Plan } from '../../engine/plan.js';
import type { LoadedSuites } from '../../suite/load-suites.js';
import { resolveTarget, type Target } from '../../session/target.js';
import { chooseDriver, startMozrestFor, type DriverChoice, type MockMozrestSetup } from '../../session/lifecycle.js';

export async function runCommand(suitePaths: string[], flags: RunFlags, version: string): Promise<number> {
  const config = resolveConfig({ flags, suites: suitePaths, env: process.env, cwd: process.cwd(), now: new Date(), knownReporters: REPORTER_NAMES, stdoutIsTTY: !!process.stdout.isTTY });
  // The bundle's destination and signing key are checked before anything loads or runs.
  const bundle = config.bundle ? prepareBundle(config.bundle, config.outDir) : undefined;
  const loaded = loadSuites({ paths: config.suites });
  if (config.recheck) {
    // An earlier run's closed orders, checked again against this run's target.
    loaded.suites.push(recheckSuite(config.recheck, new Date(), String(loaded.contract.sections.paths?.getOrder?.value ?? '')));
  }
  // The exact bytes the run is planned from, read now (a suite edited mid-run does not count).
  const inputs = bundle ? collectInputs({ loaded, cwd: process.cwd(), recheck: config.recheck }) : [];
  // Without a --base-url the embedded reference POS is the target: it declares every capability.
  const catalogue = contractCapabilities(loaded.contract);
  const declared = declaredCapabilities(config.capabilities, catalogue, !config.baseUrl);
  const plan = makePlan(loaded.suites, { tags: config.tags, ids: config.ids }, { catalogue, declared });
  if (plan.cases.length === 0) {
    const filters = [...config.tags.map((t) => `--tag ${t}`), ...config.ids.map((i) => `--id ${i}`)].join(' ');
    throw new PosAccreditError('empty-plan', `no case matches ${filters || 'the suites'}`, EXIT.usage, 'see the available cases with: pos-accredit list');
  }

  const runId = randomBytes(4).toString('hex');
  const redactor = new Redactor();
  const mozrest = await startMozrestFor(config, process.env, loaded.contract, loaded.schemas, redactor, !!config.baseUrl);
  redactor.add(mozrest.key);
  const closers: (() => Promise<void>)[] = [() => mozrest.mock.close()];
  try {
    const target = await resolveTarget(config, process.env, runId, { url: mozrest.mock.localUrl, key: mozrest.key });
    closers.unshift(() => target.close());
    redactor.add(target.token);
    const interactive = !!process.stdin.isTTY && !!process.stdout.isTTY && !process.env.CI;
    // Ctrl-C stops after the current step (and any driver action in flight); reports still get written.
    const interrupt = new AbortController();
    const driver = chooseDriver(config, target, redactor, interactive, interrupt.signal);
    return await runAndReport({ config, loaded, plan, runId, redactor, version, target, driver, mozrest, interrupt, bundle, inputs });
  } finally {
    for (const close of closers) await close();
  }
}

interface RunParts {
  config: RunConfig;
  loaded: LoadedSuites;
  plan: Plan;
  runId: string;
  redactor: Redactor;
  version: string;
  target: Target;
  driver: DriverChoice;
  mozrest: MockMozrestSetup;
  interrupt: AbortController;
  /** --bundle: written after the reporters, from the same result. */
  bundle?: PreparedBundle;
  inputs: BundleInput[];
}

async function runAndReport({ config, loaded, plan, runId, redactor, version, target, driver, mozrest, interrupt, bundle, inputs }: RunParts): Promise<number> {
  // SIGTERM (a CI job's timeout) is treated like Ctrl-C: stop, write the partial report.
  const onSigint = (): void => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  // The JSON report is always written, and first, so no console problem can lose it.
  const names = ['json', ...config.reporters.filter((r) => r !== 'json')].filter(isReporterName);
  const reporters = createReporters(names, {
    // No spinner while a person is being prompted on the same terminal.
    outDir: config.outDir, stream: process.stdout, color: config.color, isTTY: !!process.stdout.isTTY && driver.kind !== 'prompt', quiet: config.quiet, verbose: config.verbose,
    redact: (text) => redactor.redact(text),
  });
  try {
    const capabilities = plan.capabilities ? [capabilitiesLine(plan.capabilities)] : [];
    const notices = [...(config.configFile ? [`Config: ${config.configFile}`] : []), ...target.notices, ...capabilities, ...mozrest.notices, ...driver.notices, ...(bundle?.notices ?? [])];
    for (const r of reporters) {
      await r.onRunStart?.({
        target: { baseUrl: target.baseUrl, venue: target.venue, embedded: target.embedded },
        startedAt: new Date().toISOString(), outDir: config.outDir, notices: notices.map((n) => redactor.redact(n)),
        cases: plan.cases.map((c) => ({ id: c.id, title: c.title, suite: c.suite, level: c.level })),
      });
    }
    const result = await executeRun({
      loaded, plan, target, runId, redactor, version, timeoutMs: config.timeoutMs, callbackTimeoutMs: config.callbackTimeoutMs, strict: config.strict, keep: config.keep, tags: config.tags, ids: config.ids, signal: interrupt.signal,
      driver: driver.driver,
      mozrest: { url: mozrest.mock.url, receiver: mozrest.mock, calls: () => mozrest.mock.calls() },
      // A full accreditation ends with the reviewer's checklist (the contract's manual checks).
      reviewChecklist: config.tags.length === 0 && config.ids.length === 0 && !config.recheck,
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
    if (bundle) {
      const written = await finishBundle(bundle, {
        result, inputs, config, redactor, version,
        target: { baseUrl: target.baseUrl, venue: target.venue, otherVenue: target.otherVenue, ...(target.forbiddenVenue ? { forbiddenVenue: target.forbiddenVenue } : {}), embedded: target.embedded, tokenSource: target.tokenSource, mozrestKeyFromEnv: !!process.env[config.mozrest.keyEnv]?.trim() },
      });
      process.stderr.write(redactor.redact(bundleSummary(written)));
    }
    return exitCodeFor(result);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
