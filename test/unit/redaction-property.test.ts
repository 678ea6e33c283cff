// Property: whatever a secret looks like, and wherever in the evidence it turns up, no output of
// any reporter, nor the bundle, contains it — raw, URL-encoded, JSON-escaped, XML/HTML-escaped,
// or cut short by a truncation. Random secrets come from a seeded generator: a failure prints
// the seed and the secret, so it can be replayed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../src/bundle/write-bundle.js';
import type { RunResult } from '../../src/core/results.js';
import { Redactor } from '../../src/core/redactor.js';
import { createReporters, REPORTER_NAMES } from '../../src/report/registry.js';
import { accreditReferencePos } from '../helpers/accredit.js';
import { tempDir } from '../helpers/cli.js';
import { replayRun } from '../../src/report/replay.js';

const ITERATIONS = 12;
const SEED = 0x5eed_2026;

/** mulberry32: small, seedable, good enough to spread secrets over the alphabet. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Token characters, plus the ones escaping changes (quotes, <>&, backslash, |, `), and non-ASCII.
const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'-._~+/=',
  ...`"'<>&\\|\`*[]_#%`,
  'é', 'ß', '€', '😀',
];

function randomSecret(rand: () => number): string {
  const length = 12 + Math.floor(rand() * 40);
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  // The redactor trims (a secret read from a file has its newline removed): keep the ends visible.
  return `k${s}z`;
}

/** The secret placed everywhere evidence can carry it, as if capture-time redaction had missed it. */
function leak(base: RunResult, secret: string): RunResult {
  const r = structuredClone(base);
  const failing = r.cases.find((c) => c.status !== 'pass' && c.steps.some((s) => s.exchanges.length > 0)) ?? r.cases[0]!;
  failing.reason = `${failing.reason ?? ''} the POS echoed ${secret} back`;
  failing.title = `${failing.title} (${secret})`;
  const step = failing.steps.find((s) => s.exchanges.length > 0) ?? failing.steps[0]!;
  step.assertions.push({
    check: 'body', ok: false, soft: false, message: `token ${secret} was echoed`,
    // A long prefix first, so a truncated value would cut the secret in half.
    expected: { token: `${'x'.repeat(100)}${secret}` }, actual: `${'y'.repeat(110)}${secret}`, pos: step.pos,
  });
  const ex = step.exchanges[0];
  if (ex) {
    ex.request.headers.authorization = `Bearer ${secret}`;
    ex.request.url = `${ex.request.url}?token=${encodeURIComponent(secret)}`;
    ex.request.body = JSON.stringify({ guestName: secret });
    if (ex.response) ex.response.body = JSON.stringify({ echo: secret, nested: [{ t: secret }] });
  }
  const call = r.mozrest?.calls[0];
  if (call) {
    call.headers.authorization = `Bearer ${secret}`;
    call.bodyText = JSON.stringify({ key: secret });
  }
  r.hints.push(`check that ${secret} is the token`);
  r.blocking.push({ id: failing.id, title: failing.title, status: 'fail', reason: secret, expected: secret, actual: { secret }, pos: failing.pos });
  return r;
}

/** Every way a writer could have spelled the secret, and a long piece of it (a cut-off value). */
function spellings(secret: string): string[] {
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), xml, JSON.stringify(xml).slice(1, -1)];
  // 10 characters of a random 14+ character secret do not occur by chance.
  forms.push(secret.slice(0, 10), secret.slice(-10));
  return forms;
}

function filesIn(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** Runs every reporter and the bundle writer over `result`; returns each output's text. */
async function everyOutput(result: RunResult, redactor: Redactor): Promise<{ path: string; text: string }[]> {
  const outDir = tempDir('pos-accredit-redaction-');
  const console = new PassThrough();
  let printed = '';
  console.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const redact = (text: string): string => redactor.redact(text);
  const reporters = createReporters(REPORTER_NAMES, { outDir, stream: console, color: false, isTTY: false, quiet: false, verbose: true, redact });
  await replayRun(result, reporters);
  const bundleDir = join(tempDir('pos-accredit-redaction-bundle-'), 'bundle');
  await writeBundle({
    dir: bundleDir, source: '--bundle', result, inputs: [], redact,
    tool: { name: 'pos-accredit', version: 'test', node: process.version, platform: process.platform, arch: process.arch },
    config: { tokenEnv: 'POS_ACCREDIT_TOKEN' },
  });
  return [{ path: 'console', text: printed }, ...filesIn(outDir), ...filesIn(bundleDir)];
}

describe('no secret leaks from any reporter or the bundle', () => {
  let base: RunResult;
  beforeAll(async () => {
    // A real run with failures, warnings, callbacks and the reviewer's checklist: every section renders.
    base = await accreditReferencePos({ faults: ['create-returns-201', 'list-omits-party-size', 'no-void-callback'], review: true });
  });

  it('covers every registered reporter', () => {
    expect(REPORTER_NAMES).toEqual(expect.arrayContaining(['console', 'json', 'junit', 'html', 'markdown', 'har']));
  });

  it(`masks ${ITERATIONS} random secrets placed everywhere in the evidence`, async () => {
    const rand = prng(SEED);
    for (let i = 0; i < ITERATIONS; i++) {
      const secret = randomSecret(rand);
      const redactor = new Redactor();
      redactor.add(secret);
      const outputs = await everyOutput(leak(base, secret), redactor);
      expect(outputs.length).toBeGreaterThan(6);
      for (const { path, text } of outputs) {
        expect(text.length, path).toBeGreaterThan(0);
        for (const form of spellings(secret)) {
          expect(text.includes(form), `seed ${SEED} iteration ${i}: ${JSON.stringify(form)} of secret ${JSON.stringify(secret)} found in ${path}`).toBe(false);
        }
      }
    }
  }, 120_000);

  it('would see a leak: the same outputs without a redactor contain the secret', async () => {
    const secret = randomSecret(prng(SEED + 1));
    const outputs = await everyOutput(leak(base, secret), new Redactor());
    const leaking = outputs.filter(({ text }) => spellings(secret).some((form) => text.includes(form)));
    // Every format shows the injected evidence somewhere, so the check above is not vacuous.
    expect(leaking.map((o) => o.path.replace(/^.*\//, '')).sort()).toEqual(expect.arrayContaining(['console', 'report.json', 'junit.xml', 'report.html', 'summary.md', 'report.har']));
  }, 60_000);
});
