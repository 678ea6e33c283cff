// One accreditation run as a function: plan + target in, RunResult out, events on the way. The
// session (src/session/) assembles what it needs; engine tests call it directly.
import { contractValues } from '../contract/contract.js';
import { type Contract } from '../contract/types.js';
import { checksFileFor, displayPath, loadCheckList } from '../coverage/check-list.js';
import { HttpClient, userAgentFor } from '../http/client.js';
import { targetFacts } from '../http/url.js';
import type { Redactor } from '../core/redactor.js';
import type { LoadedSuites } from '../suite/load-suites.js';
import type { ReceivedCall } from '../core/evidence.js';
import type { Plan } from './plan.js';
import type { CallbackReceiver } from '../mozrest/types.js';
import type { Driver } from '../drivers/driver.js';
import type { CaseResult, RunResult } from '../core/results.js';
import { reviewCases } from './review-checklist.js';
import { plannedCase, type RunEvents } from './events.js';
import { runPlan } from './runner.js';
import { prepareVenue } from './venue-plan.js';
import { basicWithToken, bearerNearMisses } from './token-near-misses.js';
import type { FirstLook } from './preflight.js';
import { summarize } from './summarize.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const DEFAULT_CALLBACK_TIMEOUT = 30_000;

export interface RunTarget {
  baseUrl: string;
  venue: string;
  otherVenue: string;
  /** A venue the POS knows but the token may not access (8.1/7); unset, the cases that need it are skipped. */
  forbiddenVenue?: string;
  token: string;
  embedded: boolean;
  /** Where the token came from, for hints: `$POS_ACCREDIT_TOKEN`, `the file ./token`. */
  tokenSource?: string;
}

export interface ExecuteRunOptions {
  loaded: LoadedSuites;
  plan: Plan;
  target: RunTarget;
  runId: string;
  timeoutMs: number;
  strict: boolean;
  keep?: boolean;
  version: string;
  /** Already holds every secret known before the run; captures marked secret are added to it. */
  redactor: Redactor;
  tags?: string[];
  ids?: string[];
  signal?: AbortSignal;
  events?: RunEvents;
  /** How long await steps wait for a POS callback by default. */
  callbackTimeoutMs?: number;
  /** How old the run must be when its token is checked the last time (run variable tokenRecheckAfterMs; default 0). */
  tokenRecheckAfterMs?: number;
  /** Performs operator actions; without one, action steps skip their case. */
  driver?: Driver;
  /** The mock Mozrest the POS calls back; without one, await steps skip their case. */
  mozrest?: { url: string; receiver: CallbackReceiver; calls(): ReceivedCall[] };
  /**
   * Append the reviewer's checklist (the contract's manual checks, status `manual`): the CLI asks
   * for it on a full accreditation, not when --tag/--id filter the run.
   */
  reviewChecklist?: boolean;
  /**
   * Look at the target before any case and stop if it cannot be reached or refuses the token or
   * venue (default true). Off only for engine tests whose stand-in server is not a POS.
   */
  preflight?: boolean;
  /** The first look, when the session took it before loading the suites (it is not taken again). */
  firstLook?: FirstLook;
  /** Lines for onRunStart (what the vendor must configure, the driver in use …); redacted here. */
  notices?: string[];
}

/**
 * Runs the plan and returns the result, emitting onRunStart, onCaseStart, onCaseResult and
 * onRunEnd on `o.events`. The redactor's owner has registered the token and keys already.
 */
export async function executeRun(o: ExecuteRunOptions): Promise<RunResult> {
  const startedAt = new Date();
  const http = new HttpClient({ baseUrl: o.target.baseUrl, token: o.target.token, timeoutMs: o.timeoutMs, maxBodyBytes: MAX_BODY_BYTES, redactor: o.redactor, userAgent: userAgentFor(o.version) });
  // Near misses of the token reveal it as surely as the token does: secrets before anything is sent.
  for (const m of [...bearerNearMisses(o.target.token), ...basicWithToken(o.target.token)]) {
    o.redactor.add(m.header);
    o.redactor.add(m.header.replace(/^\S+ /, ''));
  }
  const baseScope = runScope(o.target, o.runId, o.loaded.contract, o.tokenRecheckAfterMs ?? 0);
  try {
    await o.events?.onRunStart?.({
      target: { baseUrl: o.target.baseUrl, venue: o.target.venue, embedded: o.target.embedded },
      startedAt: startedAt.toISOString(),
      notices: (o.notices ?? []).map((n) => o.redactor.redact(n)),
      cases: o.plan.cases.map(plannedCase),
    });
    // Before any order is opened: the venue's free tables against what the plan needs.
    const venue = await prepareVenue({ plan: o.plan, http, contract: o.loaded.contract, venue: o.target.venue, baseUrl: o.target.baseUrl, ...(o.target.tokenSource ? { tokenSource: o.target.tokenSource } : {}), driver: !!o.driver, batches: !!o.driver?.performBatch, keep: !!o.keep, ...(o.preflight === false ? { preflight: false } : {}), ...(o.firstLook ? { firstLook: o.firstLook } : {}), signal: o.signal });
    if (venue.notices.length) await o.events?.onNotice?.(venue.notices.map((n) => o.redactor.redact(n)));
    const confirmed = new Map<string, string>();
    const run = await runPlan(o.plan, {
      http, runStartedAt: startedAt.getTime(), schemas: o.loaded.schemas, redactor: o.redactor, baseScope, strict: o.strict, contract: o.loaded.contract, keep: o.keep, signal: o.signal,
      driver: o.driver, receiver: o.mozrest?.receiver, callbackTimeoutMs: o.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT, ledger: venue.ledger, confirmed,
      ...(o.events ? { events: o.events } : {}),
    }, o.events, { skips: venue.skips, ...(venue.aborted ? { aborted: venue.aborted } : {}) });
    const finishedAt = new Date();
    // An aborted run is no accreditation: no checklist to sign.
    const review = o.reviewChecklist && !run.aborted ? await reviewChecklist(o, finishedAt) : [];
    const cases = [...run.cases, ...review];
    const result: RunResult = o.redactor.redactValue({
      tool: { name: 'pos-accredit', version: o.version },
      contract: { version: o.loaded.contract.version, file: displayPath(o.loaded.contract.file) },
      target: { baseUrl: o.target.baseUrl, venue: o.target.venue, embedded: o.target.embedded },
      options: { strict: o.strict, tags: o.tags ?? [], ids: o.ids ?? [], timeoutMs: o.timeoutMs, ...(o.keep ? { keep: true } : {}) },
      ...(o.plan.capabilities ? { capabilities: o.plan.capabilities } : {}),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      aborted: run.aborted,
      ...summarize(cases, run.aborted, run.stats, o.target.tokenSource),
      ...(o.mozrest ? { mozrest: { url: o.mozrest.url, calls: o.mozrest.calls() } } : {}),
      ...(o.driver ? { driver: { kind: o.driver.name } } : {}),
      venue: { ...venue.report, leftOpen: venue.ledger.open(), ...(o.keep ? { kept: true } : {}) },
      ...(confirmed.size ? { confirmed: [...confirmed].map(([entry, by]) => ({ entry, by })) } : {}),
      cases,
    });
    await o.events?.onRunEnd?.(result);
    return result;
  } finally {
    await http.close();
  }
}

/** The run variables every step sees (docs/suite-format.md, "Run variables"; suite/run-variables.ts). */
export function runScope(target: RunTarget, runId: string, contract: Contract, tokenRecheckAfterMs = 0): Map<string, unknown> {
  return new Map<string, unknown>([
    ['venue', target.venue], ['otherVenue', target.otherVenue], ['forbiddenVenue', target.forbiddenVenue ?? null],
    ['baseUrl', target.baseUrl], ['target', targetFacts(target.baseUrl)], ['token', target.token],
    ['runId', runId], ['contract', contractValues(contract)], ['tokenRecheckAfterMs', tokenRecheckAfterMs],
    ['tokenNearMisses', bearerNearMisses(target.token)], ['tokenInBasic', basicWithToken(target.token)],
  ]);
}

/** The manual checks of the contract's check list that goes with these suites, reported as they come. */
async function reviewChecklist(o: ExecuteRunOptions, at: Date): Promise<CaseResult[]> {
  const file = checksFileFor(o.loaded.suites);
  const cases = reviewCases(loadCheckList(file, displayPath(file)).checks, at);
  for (const c of cases) await o.events?.onCaseResult?.(c);
  return cases;
}
