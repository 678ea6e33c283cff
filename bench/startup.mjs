// Start-up cost of the CLI, side by side with a bare `node`, in one run.
// Run: npm run build && npm run bench
// Prints median wall time per command over N runs and the ratio to bare node.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/pos-accredit.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const commands = [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['pos-accredit --version', [BIN, '--version']],
  ['pos-accredit --help', [BIN, '--help']],
  ['pos-accredit validate', [BIN, 'validate']],
  ['pos-accredit run --id TABLES-LIST', [BIN, 'run', '--id', 'TABLES-LIST', '--quiet', '--out', '/tmp/pos-accredit-bench']],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const rows = commands.map(([label, args]) => {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { label, ms: median(times) };
});

const base = rows[0].ms;
console.log(`median of ${RUNS} runs each`);
for (const { label, ms } of rows) console.log(`${label.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / base).toFixed(2)}x`);
