// One accreditation, assembled: resolved configuration and streams in, a result and an exit code
// out. Loads the suites, plans, starts the mock Mozrest and the target (the embedded reference POS
// or the vendor's), chooses the driver, creates the reporters, watches Ctrl-C, runs, writes the
// bundle, and closes everything it started. The `run` command calls it, and so do the tests.
import { randomBytes } from 'node:crypto';
import { collectInputs } from '../bundle/collect-inputs.js';
import { bundleSummary, finishBundle, prepareBundle } from '../bundle/run-bundle.js';
import { declaredCapabilities } from '../config/declared-capabilities.js';
import type { RunConfig } from '../config/run-config.js';
import { capabilitiesLine, contractCapabilities } from '../contract/capabilities.js';
import { EXIT, PosAccreditError } from '../core/errors.js';
import { Redactor } from '../core/redactor.js';
import type { RunResult } from '../core/results.js';
import type { RunEvents } from '../engine/events.js';
import { executeRun } from '../engine/execute-run.js';
import { makePlan, type Plan } from '../engine/plan.js';
import { recheckSuite } from '../engine/recheck.js';
import { exitCodeFor } from '../engine/summarize.js';
import { createReporters, isReporterName } from '../report/registry.js';
import type { Reporter } from '../report/reporter.js';
import { contractFileFor, loadSuites, type LoadedSuites } from '../suite/load-suites.js';
import { loadContract } from '../contract/contract.js';
import type { Contract } from '../contract/types.js';
import { HttpClient, userAgentFor } from '../http/client.js';
import { lookAtTarget, type FirstLook } from '../engine/preflight.js';
import { stoppedBeforeStart } from '../engine/stopped-run.js';
import { chooseDriver } from './driver-choice.js';
import { startMozrestFor } from './mock-mozrest.js';
import { watchSignals } from './signals.js';
import { externalTarget, resolveTarget, type EmbeddedPosOptions, type Target } from './target.js';
import { checkNewFolderParent, checkReportFolder } from './writable.js';

export interface SessionInput {
  config: RunConfig;
  env: NodeJS.ProcessEnv;
  /** The working folder: bundle inputs are recorded relative to it. */
  cwd: string;
  version: string;
  /** Where the console reporter writes; a terminal gets a spinner. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where the bundle's summary goes. */
  stderr: NodeJS.WritableStream;
  /** A person can be asked to act on the POS (stdin and stdout are a terminal, outside CI). */
  interactive: boolean;
  /** Ctrl-C and SIGTERM stop the run (the CLI); without, `signal` may (tests). */
  watchSignals?: boolean;
  signal?: AbortSignal;
  /** The suites, already loaded (the tests load them once); otherwise `config.suites`. */
  loaded?: LoadedSuites;
  /** The embedded reference POS's shape, when there is no base URL. */
  referencePos?: EmbeddedPosOptions;
  /** Whether the reviewer's checklist ends the run; default: a full accreditation (no filter, no recheck). */
  reviewChecklist?: boolean;
  /** Called with the target after the run, before anything closes (tests look at the POS). */
  beforeClose?: (target: Target) => Promise<void>;
  /** One more listener of the run's events, after the reporters (tests read the notices). */
  listen?: Reporter;
}

export interface SessionOutcome {
  result: RunResult;
  exitCode: number;
}

export async function runSession(input: SessionInput): Promise<SessionOutcome> {
  const { config, env } = input;
  // In the order the preflight names them (README): where the run writes, the bundle's
  // destination and signing key; then the POS itself — before the suites are loaded, so a POS
  // that is down, a refused token or an unknown venue is known in the time one request takes.
  checkReportFolder(config.outDir, config.outSource ?? '--out');
  const bundle = config.bundle ? prepareBundle(config.bundle, config.outDir) : undefined;
  if (config.bundle) checkNewFolderParent(config.bundle.dir, config.bundle.source);
  const runId = randomBytes(4).toString('hex');
  // The one redactor of the run: each secret is registered where it is read (token, keys).
  const redactor = new Redactor();
  const external = config.baseUrl ? externalTarget({ ...config, baseUrl: config.baseUrl }, env, runId, redactor) : undefined;
  const signals = input.watchSignals ? watchSignals() : undefined;
  try {
    const signal = signals?.signal ?? input.signal ?? new AbortController().signal;
    const startedAt = new Date();
    const look = external ? await lookFirst(external, config, input, redactor, signal) : undefined;
    if (external && look?.aborted) {
      const result = stoppedBeforeStart({ target: external, startedAt, aborted: look.aborted, version: input.version, options: runOptions(config), contract: look.contract, redactor });
      const reporters = reportersFor(config, input, redactor);
      await reporters.onRunStart?.({ target: { baseUrl: external.baseUrl, venue: external.venue, embedded: false }, startedAt: startedAt.toISOString(), notices: [], cases: [] });
      await reporters.onRunEnd?.(result);
      if (bundle) input.stderr.write(`No bundle written: the run stopped before any check (${look.aborted.code}).\n`);
      return { result, exitCode: exitCodeFor(result) };
    }
    return await runLoaded(input, { bundle, runId, redactor, external, signal, ...(look ? { look } : {}) });
  } finally {
    signals?.dispose();
  }
}

/** Everything after the first look: the suites loaded and planned, the run, the bundle. */
async function runLoaded(input: SessionInput, o: { bundle: ReturnType<typeof prepareBundle> | undefined; runId: string; redactor: Redactor; external: Target | undefined; signal: AbortSignal; look?: FirstLook }): Promise<SessionOutcome> {
  const { config, env } = input;
  const { bundle, runId, redactor, signal } = o;
  const loaded = input.loaded ?? loadSuites({ paths: config.suites });
  const suites = config.recheck
    // An earlier run's closed orders, checked again against this run's target.
    ? [...loaded.suites, recheckSuite(config.recheck, new Date(), String(loaded.contract.sections.paths?.getOrder?.value ?? ''))]
    : loaded.suites;
  // The exact bytes the run is planned from, read now (a suite edited mid-run does not count).
  const inputs = bundle ? collectInputs({ loaded: { ...loaded, suites }, cwd: input.cwd, recheck: config.recheck }) : [];
  const plan = planRun(config, suites, loaded);

  const mozrest = await startMozrestFor(config, env, loaded.contract, loaded.schemas, redactor, !!config.baseUrl);
  const closers: (() => Promise<void>)[] = [() => mozrest.mock.close()];
  try {
    const target = o.external ?? await resolveTarget(config, env, runId, redactor, { url: mozrest.mock.localUrl, key: mozrest.key }, { ...config.embedded, ...input.referencePos });
    closers.unshift(() => target.close());
    const driver = chooseDriver(config, target, redactor, input.interactive, signal, env);
    const reporters = reportersFor(config, input, redactor);
    const capabilities = plan.capabilities ? [capabilitiesLine(plan.capabilities)] : [];
    const result = await executeRun({
      loaded, plan, target, runId, redactor, version: input.version, timeoutMs: config.timeoutMs, callbackTimeoutMs: config.callbackTimeoutMs, tokenRecheckAfterMs: config.tokenRecheckAfterMs, strict: config.strict, keep: config.keep, tags: config.tags, ids: config.ids, signal,
      driver: driver.driver,
      mozrest: { url: mozrest.mock.url, receiver: mozrest.mock, calls: () => mozrest.mock.calls() },
      reviewChecklist: input.reviewChecklist ?? (config.tags.length === 0 && config.ids.length === 0 && !config.recheck),
      notices: [...(config.configFile ? [`Config: ${config.configFile}`] : []), ...target.notices, ...capabilities, ...mozrest.notices, ...driver.notices, ...(bundle?.notices ?? [])],
      events: reporters,
      ...(o.look ? { firstLook: o.look } : {}),
    });
    if (bundle) {
      const written = await finishBundle(bundle, {
        result, inputs, config, redactor, version: input.version,
        target: { baseUrl: target.baseUrl, venue: target.venue, otherVenue: target.otherVenue, ...(target.forbiddenVenue ? { forbiddenVenue: target.forbiddenVenue } : {}), embedded: target.embedded, tokenSource: target.tokenSource, mozrestKeyFromEnv: !!env[config.mozrest.keyEnv]?.trim() },
      });
      input.stderr.write(redactor.redact(bundleSummary(written)));
    }
    await target.settle();
    await input.beforeClose?.(target);
    return { result, exitCode: exitCodeFor(result) };
  } finally {
    for (const close of closers) await close();
  }
}

/** The first look reads Get Tables: a venue's list of tables, never megabytes. */
const FIRST_LOOK_MAX_BYTES = 5 * 1024 * 1024;

/** The reporters of the run, as one listener: the JSON report always, and first, so no console problem can lose it. */
function reportersFor(config: RunConfig, input: SessionInput, redactor: Redactor): RunEvents {
  const names = ['json', ...config.reporters.filter((r) => r !== 'json')].filter(isReporterName);
  const reporters = createReporters(names, {
    // A spinner with the prompt driver too: it stops before every action, so never draws over a question.
    outDir: config.outDir, stream: input.stdout, color: config.color, isTTY: !!input.stdout.isTTY, quiet: config.quiet, verbose: config.verbose,
    redact: (text) => redactor.redact(text),
  });
  return fanOut(input.listen ? [...reporters, input.listen] : reporters);
}

function runOptions(config: RunConfig): RunResult['options'] {
  return { strict: config.strict, tags: config.tags, ids: config.ids, timeoutMs: config.timeoutMs, ...(config.keep ? { keep: true } : {}) };
}

/**
 * The vendor's POS, asked once for its tables before anything else: the contract profile beside
 * the suites says where (Get Tables), the token and venue are the run's.
 */
async function lookFirst(target: Target, config: RunConfig, input: SessionInput, redactor: Redactor, signal: AbortSignal): Promise<FirstLook & { contract: Contract }> {
  const contract = input.loaded?.contract ?? loadContract(contractFileFor(config.suites, input.cwd));
  const http = new HttpClient({ baseUrl: target.baseUrl, token: target.token, timeoutMs: config.timeoutMs, maxBodyBytes: FIRST_LOOK_MAX_BYTES, redactor, userAgent: userAgentFor(input.version) });
  try {
    const look = await lookAtTarget(http, contract, { venue: target.venue, baseUrl: target.baseUrl, tokenSource: target.tokenSource, signal });
    return { ...look, contract };
  } finally {
    await http.close();
  }
}

/** The cases to run, with what the POS declares; a filter that matches nothing is a usage error. */
function planRun(config: RunConfig, suites: LoadedSuites['suites'], loaded: LoadedSuites): Plan {
  // Without a --base-url the embedded reference POS is the target: it declares every capability.
  const catalogue = contractCapabilities(loaded.contract);
  const declared = declaredCapabilities(config.capabilities, catalogue, !config.baseUrl);
  const plan = makePlan(suites, { tags: config.tags, ids: config.ids }, { catalogue, declared });
  if (plan.cases.length === 0) {
    const filters = [...config.tags.map((t) => `--tag ${t}`), ...config.ids.map((i) => `--id ${i}`)].join(' ');
    throw new PosAccreditError('empty-plan', `no case matches ${filters || 'the suites'}`, EXIT.usage, 'see the available cases with: pos-accredit list');
  }
  return plan;
}

/** The run's events, to every reporter in order, each hook awaited. */
function fanOut(reporters: Reporter[]): RunEvents {
  return {
    onRunStart: async (info) => {
      for (const r of reporters) await r.onRunStart?.(info);
    },
    onNotice: async (lines) => {
      for (const r of reporters) await r.onNotice?.(lines);
    },
    onStepStart: async (step) => {
      for (const r of reporters) await r.onStepStart?.(step);
    },
    onWait: async (wait) => {
      for (const r of reporters) await r.onWait?.(wait);
    },
    onCaseStart: async (planned) => {
      for (const r of reporters) await r.onCaseStart?.(planned);
    },
    onCaseResult: async (result) => {
      for (const r of reporters) await r.onCaseResult?.(result);
    },
    onRunEnd: async (result) => {
      for (const r of reporters) await r.onRunEnd?.(result);
    },
  };
}
