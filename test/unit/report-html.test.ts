// The HTML report: self-contained (no script, no remote asset, style allowed only by its CSP hash),
// everything escaped, every case with its status, the counts of the run, bodies capped.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseResult, type CaseStatus, type RunResult } from '../../src/core/results.js';
import { anchorId, escapeHtml, html } from '../../src/report/html/escape.js';
import { BODY_MAX_LINES } from '../../src/report/html/evidence.js';
import { areaName } from '../../src/report/html/labels.js';
import { createHtmlReporter, renderHtml } from '../../src/report/html-reporter.js';
import { accreditReferencePos } from '../helpers/accredit.js';
import { assertion, caseResult, exchange, pos, runResult, sampleCases, step } from '../helpers/sample-results.js';
import { blockedCase, blockedRun, ROOT_REASON, tablesListFails } from '../helpers/blocked-results.js';

const HOSTILE_TAG = '<script>alert(1)</script>';
const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';
const CONTROLS = 'bell\u0007 esc\u001b[31m nul\u0000 del\u007f c1\u0085 lone\ud800 end';

interface Tag { name: string; closing: boolean; attrs: Map<string, string> }

/** Every tag of the document; throws on a `<` that starts no tag (i.e. unescaped text). */
function parseTags(doc: string): Tag[] {
  const tags: Tag[] = [];
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>|<!DOCTYPE html>/g;
  let last = 0;
  for (const m of doc.matchAll(tagRe)) {
    expect(doc.slice(last, m.index), 'text between tags holds no raw "<"').not.toContain('<');
    last = m.index + m[0].length;
    if (!m[2]) continue;
    const attrs = new Map<string, string>();
    for (const a of (m[3] ?? '').matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) attrs.set(a[1]!.toLowerCase(), a[2] ?? '');
    tags.push({ name: m[2].toLowerCase(), closing: m[1] === '/', attrs });
  }
  expect(doc.slice(last)).not.toContain('<');
  return tags;
}

function styleOf(doc: string): string {
  const styles = [...doc.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  expect(styles).toHaveLength(1);
  return styles[0]![1]!;
}

function cspOf(doc: string): string {
  const meta = parseTags(doc).filter((t) => t.name === 'meta' && t.attrs.get('http-equiv') === 'Content-Security-Policy');
  expect(meta).toHaveLength(1);
  return meta[0]!.attrs.get('content')!.replace(/&#39;/g, "'");
}

/** The `<section class="case …">` blocks, by case id. */
function caseSections(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of doc.matchAll(/<section class="case case-[a-z]+" id="([^"]+)"[\s\S]*?<\/section>/g)) out.set(m[1]!, m[0]);
  return out;
}

function assertSelfContained(doc: string): void {
  expect(doc).not.toMatch(/<script/i);
  const tags = parseTags(doc);
  for (const t of tags) {
    for (const [name, value] of t.attrs) {
      expect(name, `<${t.name}> has an event handler attribute`).not.toMatch(/^on/);
      expect(name, `<${t.name}> has an inline style attribute`).not.toBe('style');
      if (name === 'href') expect(value, 'only in-page links').toMatch(/^#[A-Za-z0-9._-]+$/);
      expect(['src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background']).not.toContain(name);
    }
    expect(['script', 'img', 'link', 'iframe', 'object', 'embed', 'form', 'input', 'base', 'svg', 'audio', 'video', 'source']).not.toContain(t.name);
  }
  expect(doc).not.toMatch(/(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  const css = styleOf(doc);
  expect(css).not.toMatch(/url\(|@import|@font-face|expression\(/i);
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('html report: self-contained and locked down', () => {
  const doc = renderHtml(runResult());

  it('is one HTML document in English with no script, no handler, no remote asset, no inline style attribute', () => {
    expect(doc.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(doc.trimEnd().endsWith('</html>')).toBe(true);
    assertSelfContained(doc);
  });

  it('allows its one <style> by a SHA-256 in the meta CSP, recomputed here from the style text', () => {
    const css = styleOf(doc);
    const hash = createHash('sha256').update(css, 'utf8').digest('base64');
    const csp = cspOf(doc);
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:/);
    // The meta comes before the style it governs.
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<style>'));
    expect(css).toContain('@media print');
  });

  it('is pure: the same result renders the same text', () => {
    expect(renderHtml(runResult())).toBe(doc);
  });
});

describe('html report: escaping', () => {
  function hostileResult(): RunResult {
    const body = `{"note":${JSON.stringify(`${HOSTILE_TAG} ${HOSTILE_ATTR} ${CONTROLS}`)}}`;
    const hostileCase = caseResult(`ORD-"><b>`, 'fail', {
      title: `${HOSTILE_TAG} title ${CONTROLS}`,
      reason: `${HOSTILE_ATTR} reason`,
      spec: [HOSTILE_ATTR],
      tags: [HOSTILE_TAG],
      basis: 'inferred',
      assumptions: [{ entry: HOSTILE_TAG, value: HOSTILE_ATTR, source: HOSTILE_TAG, note: CONTROLS }],
      steps: [step({
        name: HOSTILE_TAG,
        status: 'fail',
        assertions: [assertion({ ok: false, check: HOSTILE_ATTR, message: HOSTILE_TAG, expected: HOSTILE_ATTR, actual: CONTROLS, pointer: HOSTILE_ATTR })],
        exchanges: [exchange({
          request: { method: 'POST', url: `http://127.0.0.1/${HOSTILE_ATTR}`, headers: { 'x-evil': HOSTILE_ATTR }, body },
          response: { status: 500, headers: { [HOSTILE_TAG]: CONTROLS }, body, bodyBytes: body.length },
        })],
        action: { name: HOSTILE_TAG, driver: 'http', orderId: HOSTILE_ATTR, params: { x: HOSTILE_TAG }, result: CONTROLS },
      }),
      step({ kind: 'action', status: 'error', assertions: [], exchanges: [exchange({ response: undefined, error: { code: HOSTILE_TAG, message: HOSTILE_ATTR } })], error: { code: HOSTILE_TAG, message: CONTROLS } })],
    });
    return runResult([hostileCase, caseResult('MAN-1', 'manual', { reason: HOSTILE_ATTR, title: HOSTILE_TAG })], {
      target: { baseUrl: `http://x/${HOSTILE_ATTR}`, venue: HOSTILE_TAG, embedded: false },
      hints: [HOSTILE_ATTR, CONTROLS],
      aborted: { code: HOSTILE_TAG, message: HOSTILE_ATTR },
      contract: { version: HOSTILE_TAG, file: HOSTILE_ATTR },
      capabilities: { declared: [HOSTILE_TAG], required: [], optional: [HOSTILE_ATTR] },
    });
  }

  it('escapes hostile titles, reasons, bodies, headers and attributes everywhere', () => {
    const doc = renderHtml(hostileResult());
    assertSelfContained(doc);
    expect(doc).not.toContain(HOSTILE_TAG);
    expect(doc).not.toContain(HOSTILE_ATTR);
    expect(doc).not.toMatch(/<img|<b>/i);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt; title');
    expect(doc).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; reason');
    // The case id is escaped in text and turned into a safe anchor.
    expect(doc).toContain('ORD-&quot;&gt;&lt;b&gt;');
    expect(doc).toContain(`id="${anchorId('case', 'ORD-"><b>')}"`);
    expect(anchorId('case', 'ORD-"><b>')).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('shows control characters visibly instead of writing them', () => {
    const doc = renderHtml(hostileResult());
    expect(doc).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(doc).not.toMatch(/[\uD800-\uDFFF]/);
    expect(doc).toContain('bell\\u0007 esc\\u001b[31m nul\\u0000 del\\u007f c1\\u0085 lone\uFFFD end');
  });

  it('escapes by default in the html tag and keeps anchors injective', () => {
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
    expect(html`<p title="${HOSTILE_ATTR}">${HOSTILE_TAG}${[1, null, undefined, false, html`<br>`]}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;1<br></p>',
    );
    expect(anchorId('case', 'a b')).not.toBe(anchorId('case', 'a_20_b'));
    expect(anchorId('case', 'ORD-CREATE-MIN')).toBe('case-ORD-CREATE-MIN');
  });
});

describe('html report: content', () => {
  const result = runResult();
  const doc = renderHtml(result);
  const sections = caseSections(doc);

  it('lists every case once, in its area, with its status as text and the matching class', () => {
    expect(sections.size).toBe(result.counts.total);
    for (const c of result.cases) {
      const section = sections.get(anchorId('case', c.id));
      expect(section, c.id).toBeDefined();
      expect(section).toContain(`data-status="${c.status}"`);
      expect(section).toMatch(new RegExp(`<span class="badge b-${c.status}">.*?</span>${c.status.toUpperCase()}</span>`));
      expect(section).toContain(`<span class="case-id">${c.id}</span>`);
    }
  });

  it('opens the details of cases needing attention and keeps passing and skipped ones closed', () => {
    const expectOpen: Record<CaseStatus, boolean> = { pass: false, skip: false, blocked: false, fail: true, error: true, warn: true, manual: true };
    for (const c of result.cases) {
      const section = sections.get(anchorId('case', c.id))!;
      expect(/<details open>/.test(section), `${c.id} (${c.status})`).toBe(expectOpen[c.status]);
    }
  });

  it('shows counts equal to result.counts, by level and in total', () => {
    const row = (label: string): number[] => {
      const m = new RegExp(`<tr(?: class="total")?><th scope="row">${label}</th>(.*?)</tr>`).exec(doc);
      expect(m, label).not.toBeNull();
      return [...m![1]!.matchAll(/<td class="num[^"]*">(\d+)<\/td>/g)].map((x) => Number(x[1]));
    };
    for (const level of ['must', 'should', 'may'] as const) {
      const counts = result.counts.byLevel[level];
      const cells = row(level.toUpperCase());
      expect(cells.slice(0, CASE_STATUSES.length)).toEqual(CASE_STATUSES.map((s) => counts[s]));
      expect(cells[CASE_STATUSES.length]).toBe(CASE_STATUSES.reduce((n, s) => n + counts[s], 0));
    }
    expect(row('All')).toEqual([...CASE_STATUSES.map((s) => result.counts.byStatus[s]), result.counts.total]);
    expect(doc).toContain('6 cases: 1 passed, 1 failed, 1 warning, 1 skipped, 1 error, 1 manual.');
  });

  it('puts the certificate first: POS, venue, contract, tool, dates, strict mode and the verdict', () => {
    const cert = doc.slice(doc.indexOf('<header class="cert"'), doc.indexOf('</header>'));
    expect(cert).toContain('<code>http://127.0.0.1:4010</code> — embedded reference POS');
    expect(cert).toContain('<code>demo-venue</code>');
    expect(cert).toContain('version 2025-01');
    expect(cert).toContain('pos-accredit 0.1.0');
    expect(cert).toContain('2025-01-15 10:00:00 UTC → 2025-01-15 10:00:03 UTC');
    expect(cert).toContain('(3.42 s)');
    expect(cert).toContain('Strict mode</dt><dd>off');
    expect(cert).toMatch(/id="verdict"><span class="verdict-label">Verdict<\/span><strong class="verdict-word">FAIL<\/strong>/);
    expect(cert).toContain('2 blocking failures');
    expect(doc.indexOf('id="verdict"')).toBeLessThan(doc.indexOf('id="blocking"'));
    expect(doc.indexOf('id="blocking"')).toBeLessThan(doc.indexOf('id="cases"'));
  });

  it('lists the blocking failures with reason, expected vs actual, position and a link to the case', () => {
    const blocking = doc.slice(doc.indexOf('<section id="blocking"'), doc.indexOf('</section>', doc.indexOf('<section id="blocking"')));
    expect(blocking).toContain('Blocking failures (2)');
    for (const b of result.blocking) {
      expect(blocking).toContain(`<a href="#${anchorId('case', b.id)}"><code>${b.id}</code></a>`);
      expect(doc).toContain(`id="${anchorId('case', b.id)}"`);
    }
    expect(blocking).toContain('status 500, expected 201');
    expect(blocking).toContain('<th scope="row">Expected</th><td><code>201</code></td></tr><tr><th scope="row">Actual</th><td><code>500</code>');
    expect(blocking).toContain('suites/orders.yaml:14:9');
    expect(blocking).toContain('TIMEOUT: no callback within 5000ms');
  });

  it('makes the manual cases a reviewer checklist saying what to confirm', () => {
    const checklist = doc.slice(doc.indexOf('<section id="checklist"'));
    expect(checklist).toContain('Reviewer checklist (1)');
    expect(checklist).toContain('<a href="#case-ORD-RECEIPT"><code>ORD-RECEIPT</code></a>');
    expect(checklist).toContain('<strong>Confirm:</strong> a reviewer must compare the receipt');
    expect(renderHtml(runResult([caseResult('A', 'pass')]))).not.toContain('id="checklist"');
  });

  it('shows the failed assertion with expected and actual, the exchange and the step error', () => {
    const failing = sections.get('case-ORD-CREATE-FULL')!;
    expect(failing).toContain('<code>header content-type</code>');
    expect(failing).toContain('<td><code>&quot;application/json&quot;</code></td>');
    expect(failing).toContain('Mozrest → POS</span> <code>POST http://127.0.0.1:4010/venue/demo/order</code> → <span class="http-bad">500</span>');
    expect(failing).toContain('authorization: Bearer ***');
    expect(failing).toContain('&quot;error&quot;: &quot;boom&quot;');
    expect(sections.get('case-CB-CLOSE')).toContain('Error: <code>TIMEOUT</code> no callback within 5000ms');
  });

  it('groups cases by area derived from the suite name, in run order', () => {
    expect(areaName('40-create-order')).toBe('Create order');
    expect(areaName('list-orders')).toBe('List orders');
    const cases: CaseResult[] = [caseResult('A1', 'pass', { suite: 'auth' }), caseResult('C1', 'pass', { suite: 'create-order' }), caseResult('A2', 'pass', { suite: 'auth' })];
    const d = renderHtml(runResult(cases));
    const areas = [...d.matchAll(/<h3 id="area-[^"]+">([^<]+) </g)].map((m) => m[1]);
    expect(areas).toEqual(['Auth', 'Create order']);
    const auth = d.slice(d.indexOf('id="area-auth"'), d.indexOf('id="area-create-order"'));
    expect(auth).toContain('id="case-A1"');
    expect(auth).toContain('id="case-A2"');
  });

  it('says when a run was aborted, shows hints, capabilities, strict mode and an external target', () => {
    const d = renderHtml(runResult([caseResult('A', 'error', { reason: 'not run: unreachable' })], {
      aborted: { code: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:9' },
      hints: ['The POS refused the configured token.'],
      target: { baseUrl: 'https://pos.example.com/api', venue: 'v1', embedded: false },
      options: { strict: true, tags: ['auth'], ids: [], timeoutMs: 1000 },
      capabilities: { declared: ['void'], required: ['void'], optional: ['table-moves'] },
    }));
    expect(d).toContain('<strong>Run aborted (unreachable):</strong> connect ECONNREFUSED 127.0.0.1:9');
    expect(d).toContain('The run was aborted (unreachable)');
    expect(d).toContain('<li>The POS refused the configured token.</li>');
    expect(d).toContain('<code>https://pos.example.com/api</code></dd>');
    expect(d).not.toContain('embedded reference POS');
    expect(d).toContain('Strict mode</dt><dd>on');
    expect(d).toContain('not a full accreditation');
    expect(d).toContain('<th scope="row"><code>table-moves</code></th><td>optional</td><td>no</td><td>not tested: its cases are skipped</td>');
    // Text only, never an asset: the external base URL is not a link.
    assertSelfContained(d);
  });

  it('caps each body and says how much was cut', () => {
    const big = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ i })));
    const huge = 'y'.repeat(1_000_000);
    const d = renderHtml(runResult([caseResult('BIG', 'fail', {
      steps: [step({ status: 'fail', exchanges: [exchange({ response: { status: 200, headers: {}, body: big, bodyBytes: big.length } }), exchange({ response: { status: 200, headers: {}, body: huge, bodyBytes: 2_000_000, bodyTruncated: true } })] })],
    })]));
    expect(d.length).toBeLessThan(60_000);
    const pres = [...d.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
    for (const p of pres) {
      expect(p.split('\n').length).toBeLessThanOrEqual(BODY_MAX_LINES);
      expect(p.length).toBeLessThanOrEqual(4096 + 200);
    }
    expect(d).toMatch(/… \d+ more lines not shown/);
    expect(d).toContain('body truncated when captured: 2000000 bytes received');
  });
});

describe('html report: blocked checks and repeated reasons (issue 11)', () => {
  const result = blockedRun();
  const doc = renderHtml(result);
  const sections = caseSections(doc);
  const blocking = doc.slice(doc.indexOf('<section id="blocking"'), doc.indexOf('</section>', doc.indexOf('<section id="blocking"')));

  it('stays self-contained, and shows blocked with its symbol and its word, never colour alone', () => {
    assertSelfContained(doc);
    const section = sections.get('case-ORD-CREATE-01')!;
    expect(section).toContain('data-status="blocked"');
    expect(section).toContain('<span class="badge b-blocked"><span aria-hidden="true">⊘ </span>BLOCKED</span>');
    expect(section).toContain('<dt>Status</dt><dd>BLOCKED</dd>');
    expect(styleOf(doc)).toMatch(/\.b-blocked\{color:var\(--blocked\);background:var\(--blocked-bg\)\}/);
  });

  it('keeps blocked cases closed and their root open', () => {
    for (const c of result.cases.filter((x) => x.status === 'blocked')) expect(sections.get(anchorId('case', c.id)), c.id).not.toContain('<details open>');
    expect(sections.get('case-TABLES-LIST')).toContain('<details open>');
  });

  it('links a blocked case to its root cases, which the page holds', () => {
    const section = sections.get('case-ORD-CREATE-01')!;
    expect(section).toContain('<strong>Not run:</strong> it rests on <a href="#case-TABLES-LIST"><code>TABLES-LIST</code></a>, which did not pass. Fix that case first.');
    expect(section).toContain(`blocked by TABLES-LIST: ${escapeHtml(ROOT_REASON)}`);
    expect(sections.get('case-LIFE-CLOSE')).toContain('<a href="#case-TABLES-LIST"><code>TABLES-LIST</code></a>, <a href="#case-CB-CLOSE"><code>CB-CLOSE</code></a>, which did not pass. Fix those cases first.');
    expect(doc).toContain('id="case-TABLES-LIST"');
    // A root this report does not hold is named, not linked to nowhere.
    const alone = renderHtml(runResult([blockedCase('ORD-X', [tablesListFails()])]));
    expect(alone).toContain('it rests on <code>TABLES-LIST</code>, which');
  });

  it('counts blocked in its own column and in the summary line', () => {
    expect(doc).toContain('<th scope="col" class="num">Blocked</th>');
    const all = /<tr class="total"><th scope="row">All<\/th>(.*?)<\/tr>/.exec(doc)![1]!;
    expect([...all.matchAll(/<td class="num[^"]*">(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual([...CASE_STATUSES.map((s) => result.counts.byStatus[s]), result.counts.total]);
    expect(doc).toContain('48 cases: 2 passed, 1 failed, 0 warnings, 0 skipped, 1 error, 44 blocked.');
    expect(doc).toContain('<td class="num n-blocked">44</td>');
  });

  it('lists the root first in the blocking list, with every check it blocks linked under it', () => {
    expect(blocking).toContain('Blocking failures (2 to fix; 42 checks blocked by them)');
    const items = [...blocking.matchAll(/<li class="bl-([a-z]+)">[\s\S]*?<\/li>/g)];
    expect(items.map((m) => m[1])).toEqual(['fail', 'error']);
    const root = items[0]![0];
    expect(root.indexOf('<code>TABLES-LIST</code>')).toBeLessThan(root.indexOf('Blocks 41 checks'));
    expect(root).toContain('<p class="blocks"><span aria-hidden="true">⊘ </span><strong>Blocks 41 checks</strong>, not run until it passes: ');
    for (const b of result.blocking.filter((x) => x.blockedBy?.includes('TABLES-LIST'))) expect(root).toContain(`<a href="#case-${b.id}"><code>${b.id}</code></a>`);
    expect(items[1]![0]).toContain('<strong>Blocks 2 checks</strong>, not run until it passes: <a href="#case-LIFE-VOID"><code>LIFE-VOID</code></a>, <a href="#case-LIFE-CLOSE"><code>LIFE-CLOSE</code></a>. Fix it first.');
    expect(doc).toContain('2 blocking failures (42 more checks blocked by them): the POS cannot be accredited as it is.');
  });

  it('tells a reason shared by many blocking failures once, linking the others', () => {
    const refused = (id: string, line: number) => caseResult(id, 'fail', {
      reason: 'status 401, expected 200',
      steps: [step({ status: 'fail', assertions: [assertion({ ok: false, message: 'status 401, expected 200', expected: 200, actual: 401, pos: pos(line, 9) })] })],
    });
    const d = renderHtml(runResult([refused('AUTH-A', 10), refused('AUTH-B', 20), refused('AUTH-C', 30)]));
    const list = d.slice(d.indexOf('<ol class="blocking">'), d.indexOf('</ol>'));
    expect(list.match(/<li /g)).toHaveLength(1);
    expect(list).toContain('<p class="small">And 2 more for the same reason: <a href="#case-AUTH-B"><code>AUTH-B</code></a>, <a href="#case-AUTH-C"><code>AUTH-C</code></a></p>');
    expect(d).toContain('Blocking failures (3)');
  });
});

describe('html reporter', () => {
  it('writes <outDir>/report.html through the redactor and returns its path', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'pos-accredit-html-'));
    dirs.push(outDir);
    const result = runResult([caseResult('A', 'fail', { reason: 'token s3cr3t-tok leaked' })]);
    const reporter = createHtmlReporter({
      outDir, stream: new PassThrough(), color: false, isTTY: false, quiet: false, verbose: false,
      redact: (text) => text.replaceAll('s3cr3t-tok', '***'),
    });
    const paths = await reporter.onRunEnd?.(result);
    expect(paths).toEqual([join(outDir, 'report.html')]);
    expect(await readdir(outDir)).toEqual(['report.html']);
    const written = await readFile(join(outDir, 'report.html'), 'utf8');
    expect(written).not.toContain('s3cr3t-tok');
    expect(written).toContain('token *** leaked');
    expect(written.replaceAll('token *** leaked', 'token s3cr3t-tok leaked')).toBe(renderHtml(result));
  });
});

describe('html report of a real full run', () => {
  let result: RunResult;
  let doc: string;
  beforeAll(async () => {
    result = await accreditReferencePos();
    doc = renderHtml(result);
  });

  it('stays well under 1 MB, locked down, with every case and its status', () => {
    expect(result.verdict).toBe('pass');
    expect(result.counts.total).toBeGreaterThan(40);
    expect(Buffer.byteLength(doc, 'utf8')).toBeLessThan(700_000);
    assertSelfContained(doc);
    const css = styleOf(doc);
    expect(cspOf(doc)).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    const sections = caseSections(doc);
    expect(sections.size).toBe(result.counts.total);
    for (const c of result.cases) expect(sections.get(anchorId('case', c.id))).toContain(`data-status="${c.status}"`);
    // Every callback step shows the RMS view.
    const callbacks = result.cases.flatMap((c) => [...c.steps, ...c.cleanup]).filter((s) => s.callback);
    expect(callbacks.length).toBeGreaterThan(0);
    expect(doc.split('What Mozrest would forward to the reservation system').length - 1).toBe(callbacks.filter((s) => s.callback!.rms.length > 0).length);
  });
});

describe('html report: element ids', () => {
  it('are unique even for case ids that look like another case\'s heading id', () => {
    const out = renderHtml(runResult([caseResult('Ab', 'pass'), caseResult('Ab-h', 'pass'), caseResult('Ab_h', 'pass')]));
    const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(6);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
