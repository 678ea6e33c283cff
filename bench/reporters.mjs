// Cost and size of each report format for one full accreditation, side by side with writing the
// canonical JSON report, in one run. Run: npm run build && node bench/reporters.mjs
// Renders in-process from the report.json of a real embedded run (median of N renders each).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const dist = (p) => import(join(ROOT, 'dist', p));

const [{ serializeJsonReport }, { renderJunit }, { renderHtml }, { renderMarkdown }, { serializeHar }, { Redactor, redactStrings }] = await Promise.all([
  dist('report/report-document.js'), dist('report/junit-reporter.js'), dist('report/html-reporter.js'),
  dist('report/markdown-reporter.js'), dist('report/har-reporter.js'), dist('report/redactor.js'),
]);

const out = mkdtempSync(join(tmpdir(), 'pos-accredit-bench-'));
const run = spawnSync(process.execPath, [join(ROOT, 'bin/pos-accredit.js'), 'run', '--quiet', '--out', out], { stdio: 'ignore' });
if (run.status !== 0) throw new Error(`the embedded run exited ${run.status}`);
const result = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
rmSync(out, { recursive: true, force: true });

// As the CLI does: values redacted (one secret registered), then the text.
const redactor = new Redactor();
redactor.add('bench-secret-token-0123456789');
const redact = (t) => redactor.redact(t);

const formats = [
  ['json (baseline)', (r) => serializeJsonReport(r)],
  ['junit', (r) => renderJunit(r)],
  ['html', (r) => renderHtml(r)],
  ['markdown', (r) => renderMarkdown(r)],
  ['har', (r) => serializeHar(r)],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const rows = formats.map(([label, render]) => {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const text = redact(render(redactStrings(result, redact)));
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    bytes = Buffer.byteLength(text);
  }
  return { label, ms: median(times), bytes };
});

const base = rows[0];
console.log(`${result.cases.length} cases, ${result.mozrest?.calls.length ?? 0} callbacks; median of ${RUNS} renders each (redaction included)`);
for (const { label, ms, bytes } of rows) {
  console.log(`${label.padEnd(16)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base.ms).toFixed(2)}x   ${(bytes / 1024).toFixed(0).padStart(6)} KiB  ${(bytes / base.bytes).toFixed(2)}x size`);
}
