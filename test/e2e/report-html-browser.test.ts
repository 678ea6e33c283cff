// The HTML report in a real browser (Debian's Chromium through playwright-core), served by a real
// HTTP server that also sends the strict CSP as a header: nothing is fetched, nothing is blocked,
// the hashed style applies, failing cases are open and passing ones closed, print opens all.
// Skipped when /usr/bin/chromium is missing, unless POS_ACCREDIT_REQUIRE_BROWSER=1 (then it fails).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/results.js';
import { anchorId } from '../../src/report/html/escape.js';
import { REPORT_CSS, styleHashSource } from '../../src/report/html/styles.js';
import { renderHtml } from '../../src/report/html-reporter.js';
import { accreditReferencePos } from '../helpers/accredit.js';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRED = process.env.POS_ACCREDIT_REQUIRE_BROWSER === '1';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const WAIT_MS = 15_000;
const STRICT_CSP = `default-src 'none'; style-src ${styleHashSource(REPORT_CSS)}`;

const SKIP_REASON = `${CHROMIUM} not found: install Debian's chromium to run the browser checks (POS_ACCREDIT_REQUIRE_BROWSER=1 makes this a failure)`;

// Declared only when Chromium is missing, so a normal run lists no phantom skipped test.
if (!HAVE_CHROMIUM && REQUIRED) {
  describe('html report in a browser (required)', () => {
    it('needs Chromium', () => {
      expect.fail(`${CHROMIUM} not found and POS_ACCREDIT_REQUIRE_BROWSER=1: install Debian's chromium (apt-get install chromium)`);
    });
  });
} else if (!HAVE_CHROMIUM) {
  console.warn(`report-html-browser: skipped: ${SKIP_REASON}`);
  describe('html report in a browser (skipped)', () => {
    it(`skipped: ${SKIP_REASON}`, (ctx) => {
      ctx.skip(SKIP_REASON);
    });
  });
}

describe.skipIf(!HAVE_CHROMIUM)('html report in a browser', () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let base = '';
  let passing: RunResult;
  let failing: RunResult;
  let shotDir = '';

  beforeAll(async () => {
    passing = await accreditReferencePos();
    failing = await accreditReferencePos({ faults: ['list-omits-party-size', 'create-returns-201'], capabilities: [] });
    const pages: Record<string, { body: string; csp: string }> = {
      '/pass': { body: renderHtml(passing), csp: STRICT_CSP },
      '/fail': { body: renderHtml(failing), csp: STRICT_CSP },
      // Negative control: a header policy whose hash matches nothing; the style must not apply.
      '/wrong-hash': { body: renderHtml(passing), csp: `default-src 'none'; style-src 'sha256-${Buffer.alloc(32).toString('base64')}'` },
    };
    server = createServer((req, res) => {
      const page = pages[req.url ?? ''];
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp, 'cache-control': 'no-store' });
      res.end(page.body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: WAIT_MS,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    shotDir = await mkdtemp(join(tmpdir(), 'pos-accredit-html-shot-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (shotDir) await rm(shotDir, { recursive: true, force: true });
  });

  interface Loaded { page: Page; requests: string[]; console: string[]; violations: () => Promise<string[]> }

  async function open(path: string): Promise<Loaded> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    const requests: string[] = [];
    const consoleLines: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    // Recorded by the test harness (DevTools, not subject to the page's CSP); the report has no script.
    await page.addInitScript('window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));');
    const response = await page.goto(`${base}${path}`, { waitUntil: 'load', timeout: WAIT_MS });
    expect(response?.status()).toBe(200);
    return { page, requests, console: consoleLines, violations: async () => (await page.evaluate('window.__violations')) as string[] };
  }

  async function verdictStyle(page: Page): Promise<{ border: string; background: string }> {
    return (await page.evaluate(
      '(() => { const s = getComputedStyle(document.getElementById("verdict")); return { border: s.borderTopWidth, background: s.backgroundColor }; })()',
    )) as { border: string; background: string };
  }

  it('loads with zero CSP violations and zero requests besides the document', async () => {
    for (const path of ['/pass', '/fail']) {
      const { page, requests, console: lines, violations } = await open(path);
      expect(requests).toEqual([`${base}${path}`]);
      expect(lines.filter((l) => /content security policy|refused/i.test(l))).toEqual([]);
      expect(lines).toEqual([]);
      expect(await violations()).toEqual([]);
      await page.context().close();
    }
  });

  it('applies the style only because the CSP hash matches it (negative control: a wrong hash)', async () => {
    const good = await open('/pass');
    const styled = await verdictStyle(good.page);
    expect(styled.border).toBe('4px');
    expect(styled.background).not.toBe('rgba(0, 0, 0, 0)');
    await good.page.context().close();

    const bad = await open('/wrong-hash');
    const unstyled = await verdictStyle(bad.page);
    expect(unstyled).not.toEqual(styled);
    expect(unstyled.border).toBe('0px');
    expect((await bad.violations()).join('\n')).toMatch(/style-src/);
    await bad.page.context().close();
  });

  it('shows the verdict, one section per case, failing cases open and passing ones closed', async () => {
    for (const [path, result] of [['/pass', passing], ['/fail', failing]] as const) {
      const { page } = await open(path);
      expect(await page.locator('#verdict .verdict-word').textContent({ timeout: WAIT_MS })).toBe(result.verdict.toUpperCase());
      expect(await page.locator('section.case').count()).toBe(result.counts.total);
      expect(await page.locator('h1').count()).toBe(1);
      await page.context().close();
    }
    expect(failing.verdict).toBe('fail');
    const failed = failing.cases.find((c) => c.status === 'fail');
    const passed = failing.cases.find((c) => c.status === 'pass');
    expect(failed && passed).toBeTruthy();
    const { page } = await open('/fail');
    const isOpen = async (id: string): Promise<boolean> =>
      (await page.locator(`#${anchorId('case', id)} > details`).getAttribute('open', { timeout: WAIT_MS })) !== null;
    expect(await isOpen(failed!.id)).toBe(true);
    expect(await isOpen(passed!.id)).toBe(false);
    expect(await page.locator(`#${anchorId('case', failed!.id)} .case-body`).isVisible()).toBe(true);
    expect(await page.locator(`#${anchorId('case', passed!.id)} .case-body`).isVisible()).toBe(false);
    // The blocking failure links to its case.
    expect(await page.locator(`#blocking a[href="#${anchorId('case', failed!.id)}"]`).count()).toBe(1);
    // Print opens every case.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator(`#${anchorId('case', passed!.id)} .case-body`).isVisible()).toBe(true);
    await page.context().close();
  });

  it('renders to a non-empty PNG screenshot', async () => {
    const { page } = await open('/fail');
    const path = join(shotDir, 'report.png');
    await page.screenshot({ path, fullPage: false, timeout: WAIT_MS });
    const png = await readFile(path);
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    await page.context().close();
  });
});
