// The JUnit reporter: valid against a published JUnit XSD (Jenkins xUnit plugin's junit-10.xsd,
// vendored in test/fixtures/junit/) for synthetic, real and hostile results, read back by a real
// JUnit consumer (test-results-parser) with the same totals and statuses as the run.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse as parseJunit, type ITestResult } from 'test-results-parser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { CaseResult, RunResult } from '../../src/core/results.js';
import { createJunitReporter, JUNIT_FILE_NAME, junitOutcome, renderJunit, type JunitOutcome } from '../../src/report/junit-reporter.js';
import type { ReporterContext } from '../../src/report/reporter.js';
import { safeFor } from '../../src/core/words/control-chars.js';
import { escapeXmlAttr, escapeXmlText } from '../../src/report/xml.js';

const stripInvalidXmlChars = (text: string): string => safeFor('xml', text);
import { accreditReferencePos } from '../helpers/accredit.js';
import { assertion, caseResult, exchange, pos, runResult, sampleCases, step } from '../helpers/sample-results.js';
import { blockedCase, blockedRun, ROOT_REASON, tablesListFails } from '../helpers/blocked-results.js';

const XSD_PATH = fileURLToPath(new URL('../fixtures/junit/junit-10.xsd', import.meta.url));
let xsd: string;
let realPass: RunResult;
let realNoDriver: RunResult;
const dirs: string[] = [];

beforeAll(async () => {
  xsd = await readFile(XSD_PATH, 'utf8');
  realPass = await accreditReferencePos();
  realNoDriver = await accreditReferencePos({ noDriver: true });
}, 60_000);

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pos-accredit-junit-'));
  dirs.push(dir);
  return dir;
}

async function validate(xml: string): Promise<{ valid: boolean; messages: string[] }> {
  const out = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: xsd }] });
  return { valid: out.valid, messages: out.errors.map((e) => e.message) };
}

async function expectValid(xml: string): Promise<void> {
  const out = await validate(xml);
  expect(out.messages).toEqual([]);
  expect(out.valid).toBe(true);
}

/** Reads `xml` back through test-results-parser (it reads files). */
async function consume(xml: string): Promise<ITestResult> {
  const file = join(await tempDir(), 'junit.xml');
  await writeFile(file, xml);
  return parseJunit({ type: 'junit', files: [file] });
}

/** `<name a="…" …>` → its attributes (the values as written, still escaped). */
function attrsOf(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/ ([\w.-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** Every `<name …>…</name>` block (non-empty elements only). Text content holds no raw `<`. */
function blocks(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}[ >][\\s\\S]*?</${name}>`, 'g'))].map((m) => m[0]);
}

function count(xml: string, name: string): number {
  return (xml.match(new RegExp(`<${name}[ />]`, 'g')) ?? []).length;
}

/** A MUST skipped for want of a driver, listed in `blocking` as the engine does. */
function withBlockingSkip(cases: CaseResult[] = sampleCases()): RunResult {
  const skipped = caseResult('LIFE-OPEN-VOID', 'skip', {
    suite: 'lifecycle',
    reason: 'the operator adds a drink: no driver to perform operator actions',
    steps: [step({ kind: 'action', status: 'skip', assertions: [], exchanges: [], pos: pos(104, 5, 'suites/70-lifecycle.yaml'), error: { code: 'no-driver', message: 'no driver to perform operator actions' } })],
  });
  const result = runResult([...cases, skipped]);
  result.blocking.push({ id: skipped.id, title: skipped.title, status: 'skip', reason: skipped.reason ?? '', pos: skipped.pos });
  result.verdict = 'fail';
  return result;
}

const HOSTILE = 'A\u0000B\u0001\u0008\u000b\u000c\u001b[31mC\u001f\uFFFE\uFFFF\uD800x\uDC00y]]>z<script>alert("x&y")</script>\'q\' 😀 \r\nline2\ttab &amp; <![CDATA[ ]]> <!-- -->';

function hostileResult(): RunResult {
  const ex = exchange({
    request: { method: 'POST', url: `http://127.0.0.1/${HOSTILE}`, headers: { [`x-${HOSTILE}`]: HOSTILE }, body: HOSTILE },
    response: { status: 500, headers: { 'x-evil': HOSTILE }, body: `{"e":${JSON.stringify(HOSTILE)}}`, bodyBytes: 99 },
  });
  const bad = step({
    name: HOSTILE, status: 'fail', exchanges: [ex],
    assertions: [assertion({ check: HOSTILE, ok: false, message: HOSTILE, expected: HOSTILE, actual: { [HOSTILE]: [HOSTILE] }, pos: pos(1, 1, HOSTILE) })],
  });
  const common = { title: HOSTILE, suite: HOSTILE, reason: HOSTILE, spec: [HOSTILE], steps: [bad] };
  const result = withBlockingSkip([
    caseResult(`F-${HOSTILE}`, 'fail', common),
    caseResult('W-1', 'warn', { ...common, level: 'should', steps: [{ ...bad, status: 'warn' }] }),
    caseResult('E-1', 'error', { ...common, steps: [step({ status: 'error', assertions: [], exchanges: [ex], error: { code: HOSTILE, message: HOSTILE } })] }),
    caseResult('S-1', 'skip', { ...common, level: 'may', steps: [] }),
    caseResult('M-1', 'manual', { ...common, level: 'may', steps: [] }),
    caseResult('P-1', 'pass', { ...common, reason: undefined }),
  ]);
  result.target = { baseUrl: `http://${HOSTILE}`, venue: HOSTILE, embedded: false };
  result.hints = [HOSTILE];
  result.aborted = { code: 'unreachable', message: HOSTILE };
  return result;
}

/** What each case should look like in CI, straight from the documented mapping. */
function expectedOutcome(c: CaseResult, result: RunResult): JunitOutcome {
  if (c.status === 'pass' || c.status === 'warn') return 'passed';
  if (c.status === 'fail') return 'failure';
  if (c.status === 'error') return 'error';
  // Blocked: its root fails the build, once.
  if (c.status === 'blocked') return 'skipped';
  return result.blocking.some((b) => b.id === c.id) ? 'failure' : 'skipped';
}

const CONSUMER_STATUS: Record<JunitOutcome, string> = { passed: 'PASS', failure: 'FAIL', error: 'FAIL', skipped: 'SKIP' };

describe('xml escaping', () => {
  it('strips what XML 1.0 forbids and keeps tab, line breaks and surrogate pairs', () => {
    expect(stripInvalidXmlChars('a\u0000\u0001\u0008\u000b\u000c\u000e\u001f\uFFFE\uFFFFb')).toBe('ab');
    expect(stripInvalidXmlChars('\t\n\r😀é\u0085\uFFFD')).toBe('\t\n\r😀é\u0085\uFFFD');
    expect(stripInvalidXmlChars('x\uD800y\uDC00z\uDBFF')).toBe('xyz');
  });

  it('escapes markup in text so ]]> and <script> cannot survive, and keeps CR', () => {
    expect(escapeXmlText('a]]>b<script>&"\'\r\n')).toBe('a]]&gt;b&lt;script&gt;&amp;"\'&#13;\n');
  });

  it('escapes quotes and line breaks in attributes', () => {
    expect(escapeXmlAttr('<"it\'s">&\t\n\r')).toBe('&lt;&quot;it&apos;s&quot;&gt;&amp;&#9;&#10;&#13;');
  });
});

describe('junit reporter: XSD validity (Jenkins xUnit junit-10.xsd)', () => {
  it('the vendored XSD rejects what it should (the validator really validates)', async () => {
    const xml = renderJunit(runResult());
    await expectValid(xml);
    const bogusAttr = await validate(xml.replace('<testcase ', '<testcase bogus="1" '));
    expect(bogusAttr.valid).toBe(false);
    expect(bogusAttr.messages.join('\n')).toMatch(/bogus/);
    const bogusElement = await validate(xml.replace('<system-out>', '<bogus/><system-out>'));
    expect(bogusElement.valid).toBe(false);
    // Why the root carries no `skipped`/`timestamp`: this XSD does not allow them there.
    expect((await validate(xml.replace('<testsuites ', '<testsuites skipped="2" '))).valid).toBe(false);
    // And a raw control character is not even well-formed.
    expect((await validate(xml.replace('Title of ORD-CREATE-MIN', 'Title\u0001'))).valid).toBe(false);
  });

  it('validates the synthetic run (one case per status, plus a blocking skip)', async () => {
    await expectValid(renderJunit(runResult()));
    await expectValid(renderJunit(withBlockingSkip()));
    await expectValid(renderJunit(blockedRun()));
  });

  it('validates a real run against the reference POS, with and without a driver', async () => {
    expect(realPass.cases.length).toBeGreaterThan(20);
    await expectValid(renderJunit(realPass));
    expect(realNoDriver.blocking.some((b) => b.status === 'skip')).toBe(true);
    await expectValid(renderJunit(realNoDriver));
  });

  it('validates hostile content everywhere (control chars, U+FFFE, lone surrogates, ]]>, markup, quotes, emoji)', async () => {
    const xml = renderJunit(hostileResult());
    await expectValid(xml);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<![CDATA[');
    expect(xml).not.toContain('<!--');
    expect(xml).toContain('😀');
    expect(xml).toContain('&lt;script&gt;alert("x&amp;y")&lt;/script&gt;');
  });

  it('validates a run with no case at all (metadata still present)', async () => {
    const xml = renderJunit(runResult([], { verdict: 'fail', aborted: { code: 'unreachable', message: 'connection refused' } }));
    await expectValid(xml);
    expect(count(xml, 'testsuite')).toBe(1);
    expect(xml).toContain('<system-err>run aborted (unreachable): connection refused\n</system-err>');
  });
});

describe('junit reporter: read back by a real JUnit consumer (test-results-parser)', () => {
  const check = async (result: RunResult): Promise<void> => {
    const parsed = await consume(renderJunit(result));
    const s = result.counts.byStatus;
    const blockingSkips = result.blocking.filter((b) => b.status === 'skip').length;
    const suites = [...new Set(result.cases.map((c) => c.suite))];
    expect(parsed.suites.map((x) => x.name)).toEqual(suites);
    // Root: junit-10.xsd has no root `skipped`, so the consumer's root total is every test.
    expect(parsed.total).toBe(result.counts.total);
    expect(parsed.failed).toBe(s.fail + blockingSkips);
    expect(parsed.errors).toBe(s.error);
    // Suites carry `skipped`: summed, they give the run's exact split.
    const sum = (k: 'total' | 'passed' | 'failed' | 'errors' | 'skipped'): number => parsed.suites.reduce((n, x) => n + x[k], 0);
    expect(sum('skipped')).toBe(s.skip - blockingSkips + s.manual + s.blocked);
    expect(sum('passed')).toBe(s.pass + s.warn);
    expect(sum('failed')).toBe(s.fail + blockingSkips);
    expect(sum('errors')).toBe(s.error);
    expect(sum('total') + sum('skipped')).toBe(result.counts.total);
    // Every case, in order, with the status CI will show.
    const cases = parsed.suites.flatMap((x) => x.cases);
    expect(cases.map((c) => c.name)).toEqual(suites.flatMap((name) => result.cases.filter((c) => c.suite === name)).map((c) => `${c.id} — ${c.title}`));
    const ordered = suites.flatMap((name) => result.cases.filter((c) => c.suite === name));
    expect(cases.map((c) => c.status)).toEqual(ordered.map((c) => CONSUMER_STATUS[expectedOutcome(c, result)]));
    // The verdict and CI agree: something red exactly when something blocks.
    expect(parsed.failed + parsed.errors > 0).toBe(result.blocking.length > 0);
  };

  it('the synthetic run', async () => {
    await check(runResult());
    await check(withBlockingSkip());
  });

  it('a run with blocked checks: only the roots are red, the blocked ones are skipped', async () => {
    const result = blockedRun();
    expect(result.counts.byStatus.blocked).toBe(44);
    await check(result);
    const parsed = await consume(renderJunit(result));
    expect(parsed.failed + parsed.errors).toBe(2);
  });

  it('real runs (pass, and no driver: blocking skips)', async () => {
    await check(realPass);
    expect(realPass.verdict).toBe('pass');
    await check(realNoDriver);
  });

  it('hostile content: names and messages come back as written, minus forbidden characters', async () => {
    const result = hostileResult();
    const parsed = await consume(renderJunit(result));
    const failed = parsed.suites.flatMap((s) => s.cases).find((c) => c.name.startsWith('F-'));
    // fast-xml-parser leaves numeric character references (&#13; &#10; &#9;) undecoded, where a
    // conforming parser (Jenkins' SAX) reads CR, LF and tab back; decode them as it would.
    const decode = (text = ''): string => text.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
    expect(decode(failed?.name)).toBe(stripInvalidXmlChars(`F-${HOSTILE} — ${HOSTILE}`));
    // Its failure message goes through html-escaper's unescape once more (the literal `&amp;` in
    // the input comes back as `&`): compare what that extra pass cannot touch.
    const failure = decode(failed?.failure);
    expect(failure.startsWith('AB[31mCxy]]>z<script>alert("x&y")</script>\'q\' 😀 \r\nline2\ttab &')).toBe(true);
    expect(failure.endsWith(' <![CDATA[ ]]> <!-- -->')).toBe(true);
    expect(failed?.status).toBe('FAIL');
  });
});

describe('junit reporter: structure', () => {
  const suiteCountsMatchChildren = (xml: string): void => {
    const suites = blocks(xml, 'testsuite');
    expect(suites.length).toBeGreaterThan(0);
    const root = attrsOf(xml.match(/<testsuites[^>]*>/)?.[0] ?? '');
    let tests = 0, failures = 0, errors = 0;
    for (const suite of suites) {
      const a = attrsOf(suite.match(/<testsuite[^>]*>/)?.[0] ?? '');
      expect(Number(a.tests)).toBe(count(suite, 'testcase'));
      expect(Number(a.failures)).toBe(count(suite, 'failure'));
      expect(Number(a.errors)).toBe(count(suite, 'error'));
      expect(Number(a.skipped)).toBe(count(suite, 'skipped'));
      tests += Number(a.tests);
      failures += Number(a.failures);
      errors += Number(a.errors);
    }
    expect(Number(root.tests)).toBe(tests);
    expect(Number(root.failures)).toBe(failures);
    expect(Number(root.errors)).toBe(errors);
    expect(count(xml, 'testcase')).toBe(tests);
  };

  it('counts on <testsuites> and each <testsuite> equal their children', () => {
    suiteCountsMatchChildren(renderJunit(runResult()));
    suiteCountsMatchChildren(renderJunit(withBlockingSkip()));
    suiteCountsMatchChildren(renderJunit(realPass));
    suiteCountsMatchChildren(renderJunit(realNoDriver));
    suiteCountsMatchChildren(renderJunit(hostileResult()));
    suiteCountsMatchChildren(renderJunit(blockedRun()));
  });

  it('one <testsuite> per suite in run order, with name, counts, time, timestamp, id, package and the run metadata', () => {
    const xml = renderJunit(realPass);
    const suites = blocks(xml, 'testsuite').map((b) => attrsOf(b.match(/<testsuite[^>]*>/)?.[0] ?? ''));
    expect(suites.map((s) => s.name)).toEqual([...new Set(realPass.cases.map((c) => c.suite))]);
    expect(suites.map((s) => s.id)).toEqual(suites.map((_s, i) => String(i)));
    for (const s of suites) {
      expect(s.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
      expect(s.time).toMatch(/^\d+\.\d{3}$/);
      expect(s.package).toBe('pos-accredit');
    }
    const root = attrsOf(xml.match(/<testsuites[^>]*>/)?.[0] ?? '');
    expect(root).toEqual({ name: 'pos-accredit', tests: String(realPass.cases.length), failures: '0', errors: '0', time: (realPass.durationMs / 1000).toFixed(3) });
    const first = blocks(xml, 'testsuite')[0] ?? '';
    for (const [name, value] of [['tool.version', 'test'], ['contract.version', realPass.contract.version], ['target.baseUrl', realPass.target.baseUrl], ['target.venue', realPass.target.venue], ['verdict', 'pass'], ['strict', 'false']]) {
      expect(first).toContain(`<property name="${name}" value="${escapeXmlAttr(value ?? '')}"/>`);
    }
  });

  it('is pure: the same result gives the same text', () => {
    expect(renderJunit(runResult())).toBe(renderJunit(runResult()));
  });
});

describe('junit reporter: status mapping', () => {
  const testcases = (result: RunResult): Map<string, string> => {
    const xml = renderJunit(result);
    return new Map(blocks(xml, 'testcase').map((b) => [b.match(/ name="([^"]* — )/)?.[1]?.replace(' — ', '') ?? '', b]));
  };
  const all = testcases(withBlockingSkip());
  const tc = (id: string): string => all.get(id) ?? '';

  it('pass: a bare testcase with classname = suite, name = "<id> — <title>", and the transcript in system-out', () => {
    const b = tc('ORD-CREATE-MIN');
    expect(b).toMatch(/^<testcase name="ORD-CREATE-MIN — Title of ORD-CREATE-MIN" classname="orders" time="0.120" /);
    expect(b).not.toMatch(/<failure|<error|<skipped/);
    expect(b).toContain('<system-out>ORD-CREATE-MIN — Title of ORD-CREATE-MIN\nstatus pass · level must');
    expect(b).toContain('   OK   status: status is 201 (suites/orders.yaml:14:9)');
  });

  it('fail (a MUST): <failure> with message = reason, type = level, body = expected/actual and position', () => {
    const b = tc('ORD-CREATE-FULL');
    expect(b).toContain('<failure message="status 500, expected 201" type="must">status 500, expected 201\nexpected 201\nactual   500\nat suites/orders.yaml:14:9\n');
    expect(count(b, 'failure')).toBe(1);
    expect(b).toContain('FAIL status: status 500, expected 201 — expected 201, actual 500');
  });

  it('warn: passes in CI, but shows a [warning] line first in system-out and a suite property', () => {
    const b = tc('ORD-LIST-SHAPE');
    expect(b).not.toMatch(/<failure|<error|<skipped/);
    expect(b).toContain('status="warn"');
    expect(b).toContain('<system-out>[warning] SHOULD ORD-LIST-SHAPE: items is not an array\nORD-LIST-SHAPE — ');
    expect(renderJunit(runResult())).toContain('<property name="warning.ORD-LIST-SHAPE" value="items is not an array"/>');
  });

  it('skip (not applicable): <skipped> with the reason', () => {
    const b = tc('ORD-PREORDER');
    expect(b).toContain('<skipped message="requires capability pre-orders"/>');
    expect(b).not.toMatch(/<failure|<error/);
  });

  it('skip of a MUST listed in blocking: a <failure> saying it blocks because it could not run', () => {
    const b = tc('LIFE-OPEN-VOID');
    expect(b).not.toContain('<skipped');
    expect(b).toContain('<failure message="blocks accreditation: this MUST could not run (the operator adds a drink: no driver to perform operator actions)" type="must">');
    expect(b).toContain('type="must">the operator adds a drink: no driver to perform operator actions\nat suites/70-lifecycle.yaml:104:5 (no-driver)\n');
    expect(b).toContain('classname="lifecycle"');
  });

  it('error: <error> with message = reason, type = the error code, and where', () => {
    const b = tc('CB-CLOSE');
    expect(b).toContain('<error message="TIMEOUT: no callback within 5000ms" type="TIMEOUT">TIMEOUT: no callback within 5000ms\nat suites/callbacks.yaml:40:7\n');
    expect(b).not.toMatch(/<failure|<skipped/);
  });

  it('manual: <skipped> with message "manual: <what to confirm>"', () => {
    expect(tc('ORD-RECEIPT')).toContain('<skipped message="manual: a reviewer must compare the receipt"/>');
  });

  it('blocked: <skipped> whose message names the root and its failure; the suite counts it as skipped', () => {
    const root = tablesListFails();
    const suite = { suite: root.suite };
    const xml = renderJunit(runResult([root, blockedCase('ORD-CREATE-MIN', [root], suite), blockedCase('ORD-CREATE-FULL', [root], { ...suite, reason: undefined })]));
    const cases = new Map(blocks(xml, 'testcase').map((b) => [b.match(/ name="([^ ]*) — /)?.[1] ?? '', b]));
    expect(cases.get('ORD-CREATE-MIN')).toContain(`<skipped message="blocked by TABLES-LIST: ${escapeXmlAttr(ROOT_REASON)}"/>`);
    expect(cases.get('ORD-CREATE-MIN')).toContain('status="blocked"');
    expect(cases.get('ORD-CREATE-MIN')).not.toMatch(/<failure|<error/);
    // Without a reason, the root is still named.
    expect(cases.get('ORD-CREATE-FULL')).toContain('<skipped message="blocked by TABLES-LIST"/>');
    const counts = attrsOf(xml.match(/<testsuite [^>]*>/)?.[0] ?? '');
    expect([counts.tests, counts.failures, counts.errors, counts.skipped]).toEqual(['3', '1', '0', '2']);
  });

  it('junitOutcome maps every status', () => {
    const blocking = new Set(['B']);
    const outcomes = (['pass', 'fail', 'warn', 'skip', 'error', 'blocked', 'manual'] as const).map((s) => junitOutcome(caseResult('X', s), blocking));
    expect(outcomes).toEqual(['passed', 'failure', 'passed', 'skipped', 'error', 'skipped', 'skipped']);
    // A blocked MUST is in `blocking`, yet its root is what fails the build.
    expect(junitOutcome(caseResult('B', 'blocked'), blocking)).toBe('skipped');
    expect(junitOutcome(caseResult('B', 'skip'), blocking)).toBe('failure');
  });

  it('an aborted run says so in every suite\'s system-err and properties', () => {
    const xml = renderJunit(runResult(sampleCases(), { aborted: { code: 'interrupted', message: 'interrupted by SIGINT' }, verdict: 'fail' }));
    expect(xml).toContain('<system-err>run aborted (interrupted): interrupted by SIGINT\n</system-err>');
    expect(xml).toContain('<property name="aborted" value="interrupted: interrupted by SIGINT"/>');
  });
});

describe('createJunitReporter', () => {
  function context(outDir: string, redact?: (text: string) => string): ReporterContext {
    return { outDir, stream: new PassThrough(), color: false, isTTY: false, quiet: false, verbose: false, redact };
  }

  it('writes <outDir>/junit.xml atomically through the redactor and returns its path', async () => {
    const outDir = join(await tempDir(), 'nested');
    const paths = await createJunitReporter(context(outDir, (t) => t.split('demo-venue').join('***'))).onRunEnd?.(runResult());
    expect(paths).toEqual([join(outDir, JUNIT_FILE_NAME)]);
    expect(await readdir(outDir)).toEqual(['junit.xml']);
    const text = await readFile(join(outDir, 'junit.xml'), 'utf8');
    expect(text).toBe(renderJunit(runResult()).split('demo-venue').join('***'));
    expect(text).toContain('<property name="target.venue" value="***"/>');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
  });
});
