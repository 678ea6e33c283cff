// Writes `<outDir>/junit.xml` for CI test views (Jenkins, GitLab, GitHub actions …), in the shape
// of the Jenkins xUnit plugin's junit-10.xsd. One <testsuite> per suite in run order, one
// <testcase> per case. A CI view goes red exactly when the verdict is fail because of a case:
// <failure> = a failed MUST or a MUST that could not run (blocking skip), <error> = could not
// judge; warnings pass (with a `[warning]` line), skips and manual checks are <skipped>, and so
// are blocked checks (`blocked by <root>: …`): their failure is the root's <failure> or <error>,
// counted once, so 40 checks resting on one broken endpoint do not read as 40 failures.
import { decidingDetail, type CaseResult, type RunResult } from '../core/results.js';
import { formatCounts } from '../core/words/counts.js';
import { formatPos } from '../core/words/position.js';
import { preview } from '../core/words/preview.js';
import { leftOpenLine } from '../core/words/order.js';
import { LEVEL_WORDS } from '../core/words/status.js';
import { selectionNote } from './format.js';
import { writeReportFile } from './report-file.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { renderTranscript } from './transcript.js';
import { xmlDocument, type XmlElement } from './xml.js';

export const JUNIT_FILE_NAME = 'junit.xml';

/** How a case shows in JUnit. */
export type JunitOutcome = 'passed' | 'failure' | 'error' | 'skipped';

/** Expected/actual values in a failure body are cut at this many characters. */
const BODY_VALUE_MAX = 2000;

/** The ids of cases that were skipped yet block the verdict (a MUST with no driver to run it). */
function blockingSkipIds(result: RunResult): Set<string> {
  return new Set(result.blocking.filter((b) => b.status === 'skip').map((b) => b.id));
}

export function junitOutcome(c: CaseResult, blockingSkips: ReadonlySet<string>): JunitOutcome {
  switch (c.status) {
    case 'pass':
    case 'warn':
      return 'passed';
    case 'fail':
      return 'failure';
    case 'error':
      return 'error';
    case 'skip':
      return blockingSkips.has(c.id) ? 'failure' : 'skipped';
    // Not run: the failure is reported once, at the root case it names.
    case 'blocked':
    case 'manual':
      return 'skipped';
  }
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

/** What failed, expected versus actual, and where: the body of <failure> and <error>. */
function failureBody(c: CaseResult): string {
  const lines = [c.reason ?? c.status];
  const detail = decidingDetail(c);
  const skipped = detail?.step.status === 'skip' ? detail.step.error : undefined;
  if (skipped) {
    // A MUST that could not run: what it needed, and where.
    if (!lines[0]?.includes(skipped.message)) lines.push(`${skipped.code}: ${skipped.message}`);
    lines.push(`at ${formatPos(detail!.pos)} (${skipped.code})`);
  } else if (detail) {
    if (detail.message !== c.reason) lines.push(detail.message);
    if (detail.values) {
      lines.push(`expected ${preview(detail.values.expected, BODY_VALUE_MAX)}`);
      lines.push(`actual   ${preview(detail.values.actual, BODY_VALUE_MAX)}`);
    }
    lines.push(`at ${formatPos(detail.pos)}`);
  }
  lines.push(`case ${c.id} defined at ${formatPos(c.pos)} (level ${c.level}, basis ${c.basis}, spec ${c.spec.join(', ') || '(none)'})`);
  return `${lines.join('\n')}\n`;
}

function errorType(c: CaseResult): string {
  return decidingDetail(c)?.step.error?.code ?? 'error';
}

/** Why a <skipped> testcase did not run; a blocked one always names its root. */
function skippedMessage(c: CaseResult): string {
  if (c.status === 'manual') return `manual: ${c.reason ?? c.status}`;
  if (c.status === 'blocked' && !c.reason) return `blocked by ${(c.blockedBy ?? []).join(', ') || 'a prerequisite'}`;
  return c.reason ?? c.status;
}

function outcomeElement(c: CaseResult, outcome: JunitOutcome): XmlElement | undefined {
  const reason = c.reason ?? c.status;
  switch (outcome) {
    case 'passed':
      return undefined;
    case 'error':
      return { name: 'error', attrs: { message: reason, type: errorType(c) }, text: failureBody(c) };
    case 'skipped':
      return { name: 'skipped', attrs: { message: skippedMessage(c) } };
    case 'failure': {
      const message = c.status === 'skip'
        ? `blocks accreditation: this ${LEVEL_WORDS[c.level].label} could not run (${reason})`
        : reason;
      return { name: 'failure', attrs: { message, type: c.level }, text: failureBody(c) };
    }
  }
}

function testcase(c: CaseResult, outcome: JunitOutcome): XmlElement {
  const children: XmlElement[] = [];
  const verdictChild = outcomeElement(c, outcome);
  if (verdictChild) children.push(verdictChild);
  const warning = c.status === 'warn' ? `[warning] ${LEVEL_WORDS[c.level].label} ${c.id}: ${c.reason ?? 'warning'}\n` : '';
  const cleanup = c.cleanupFailed ? `[cleanup failed] ${c.cleanupFailed.message}\n` : '';
  children.push({ name: 'system-out', text: `${warning}${cleanup}${renderTranscript(c)}` });
  return {
    name: 'testcase',
    attrs: {
      name: `${c.id} — ${c.title}`,
      classname: c.suite,
      time: seconds(c.durationMs),
      timestamp: c.startedAt,
      file: c.pos.file,
      line: c.pos.line,
      // pos-accredit's own status (pass|fail|warn|skip|error|blocked|manual), for tools that read it.
      status: c.status,
      assertions: [...c.steps, ...c.cleanup].reduce((n, s) => n + s.assertions.length, 0),
    },
    children,
  };
}

/** Run metadata, repeated in every suite: junit-10.xsd allows <properties> only there. */
function runProperties(result: RunResult): Array<[string, string]> {
  const props: Array<[string, string]> = [
    ['tool', result.tool.name],
    ['tool.version', result.tool.version],
    ['contract.version', result.contract.version],
    ['contract.file', result.contract.file],
    ['target.baseUrl', result.target.baseUrl],
    ['target.venue', result.target.venue],
    ['target.embedded', String(result.target.embedded)],
    ['verdict', result.verdict],
    ['strict', String(result.options.strict)],
    ['selection', selectionNote(result.options) ?? 'every case: a full accreditation'],
    ['run.startedAt', result.startedAt],
    ['run.finishedAt', result.finishedAt],
    ['run.counts', formatCounts(result.counts.byStatus)],
    ['run.blocking', String(result.blocking.length)],
  ];
  if (result.driver) props.push(['driver', result.driver.kind]);
  if (result.aborted) props.push(['aborted', `${result.aborted.code}: ${result.aborted.message}`]);
  if (result.venue) props.push(['venue.leftOpen', leftOpenLine(result.venue)]);
  result.hints.forEach((hint, i) => props.push([`hint.${i + 1}`, hint]));
  return props;
}

function abortedText(result: RunResult): string | undefined {
  return result.aborted ? `run aborted (${result.aborted.code}): ${result.aborted.message}\n` : undefined;
}

interface SuiteTotals { tests: number; failures: number; errors: number; skipped: number; timeMs: number }

function testsuite(name: string, cases: CaseResult[], id: number, result: RunResult, blockingSkips: ReadonlySet<string>): { el: XmlElement; totals: SuiteTotals } {
  const totals: SuiteTotals = { tests: 0, failures: 0, errors: 0, skipped: 0, timeMs: 0 };
  const testcases: XmlElement[] = [];
  const props = runProperties(result);
  for (const c of cases) {
    const outcome = junitOutcome(c, blockingSkips);
    totals.tests += 1;
    if (outcome === 'failure') totals.failures += 1;
    if (outcome === 'error') totals.errors += 1;
    if (outcome === 'skipped') totals.skipped += 1;
    totals.timeMs += c.durationMs;
    if (c.status === 'warn') props.push([`warning.${c.id}`, c.reason ?? 'warning']);
    if (c.cleanupFailed) props.push([`cleanupFailed.${c.id}`, c.cleanupFailed.message]);
    testcases.push(testcase(c, outcome));
  }
  const children: XmlElement[] = [
    { name: 'properties', children: props.map(([n, value]) => ({ name: 'property', attrs: { name: n, value } })) },
    ...testcases,
  ];
  const aborted = abortedText(result);
  if (aborted) children.push({ name: 'system-err', text: aborted });
  const el: XmlElement = {
    name: 'testsuite',
    attrs: {
      name,
      tests: totals.tests,
      failures: totals.failures,
      errors: totals.errors,
      skipped: totals.skipped,
      time: seconds(totals.timeMs),
      timestamp: cases[0]?.startedAt ?? result.startedAt,
      id,
      package: result.tool.name,
      file: cases[0]?.pos.file,
    },
    children,
  };
  return { el, totals };
}

/** The JUnit XML document for a run. Pure: same result, same text. */
export function renderJunit(result: RunResult): string {
  const blockingSkips = blockingSkipIds(result);
  const bySuite = new Map<string, CaseResult[]>();
  for (const c of result.cases) {
    const list = bySuite.get(c.suite);
    if (list) list.push(c);
    else bySuite.set(c.suite, [c]);
  }
  // With no case at all (nothing selected, or aborted first), one empty suite still carries the
  // run's metadata and why it stopped.
  if (bySuite.size === 0) bySuite.set(result.tool.name, []);
  const root = { tests: 0, failures: 0, errors: 0 };
  const suites: XmlElement[] = [];
  let id = 0;
  for (const [name, cases] of bySuite) {
    const { el, totals } = testsuite(name, cases, id++, result, blockingSkips);
    root.tests += totals.tests;
    root.failures += totals.failures;
    root.errors += totals.errors;
    suites.push(el);
  }
  // junit-10.xsd allows no `skipped`, `timestamp`, <properties> or <system-err> on the root:
  // those live on each <testsuite>.
  return xmlDocument({
    name: 'testsuites',
    attrs: { name: result.tool.name, tests: root.tests, failures: root.failures, errors: root.errors, time: seconds(result.durationMs) },
    children: suites,
  });
}

export function createJunitReporter(ctx: ReporterContext): Reporter {
  return {
    async onRunEnd(result: RunResult): Promise<string[]> {
      return [await writeReportFile(ctx, JUNIT_FILE_NAME, renderJunit(result))];
    },
  };
}
