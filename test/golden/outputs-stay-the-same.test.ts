// Golden outputs: what a person or a CI system reads, byte for byte. Two kinds:
// - every report format rebuilt (`pos-accredit report`) from four saved runs (test/golden/inputs:
//   a passing embedded run, a failing one, one without a driver, one that could not reach the POS);
//   the inputs are fixed, so the clock and the run id are pinned by construction;
// - the console of two real runs (the embedded accreditation, and a served reference POS with
//   faults), with what the clock and the ports decide (durations, times, ports, the out folder)
//   replaced by placeholders.
// A change to any output shows here as a diff of the files under test/golden/outputs/; when the
// change is intended, `npx vitest run test/golden -u` records the new outputs, and the commit
// shows the diff for review.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, spawnServer, tempDir } from '../helpers/cli.js';

const INPUTS = ['passing', 'failing', 'no-driver', 'unreachable'] as const;
const FILES = ['junit.xml', 'report.html', 'summary.md', 'report.har'] as const;
const TOKEN = 'golden-token-8d1e47a2';
const KEY = 'golden-key-3f90c6b5';

/** Replaces what the clock, the ports, random ids and the out folder decide; nothing else. */
export function pinClock(text: string, outDir: string): string {
  return text
    .split(outDir).join('<out>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\bat \d\d:\d\d:\d\d\b/g, 'at <hh:mm:ss>')
    .replace(/\((\d+(\.\d+)? ?(ms|s)|\d+ ?m(in)?( \d+ ?s)?)\)/g, '(<duration>)')
    .replace(/^( {2}Duration +).*$/gm, '$1<duration>');
}

describe('golden: every format rebuilt from a saved report', () => {
  for (const input of INPUTS) {
    it(`${input}: console, JUnit, HTML, Markdown and HAR are unchanged`, async () => {
      const out = tempDir('pos-accredit-golden-');
      const run = await runCli(['report', join(ROOT, 'test', 'golden', 'inputs', `${input}.json`), '--reporter', `console,${FILES.map((f) => reporterOf(f)).join(',')}`, '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      await expect(pinClock(run.stdout, out)).toMatchFileSnapshot(`outputs/${input}/console.txt`);
      for (const file of FILES) {
        await expect(readFileSync(join(out, file), 'utf8')).toMatchFileSnapshot(`outputs/${input}/${file}`);
      }
    });
  }
});

function reporterOf(file: (typeof FILES)[number]): string {
  return { 'junit.xml': 'junit', 'report.html': 'html', 'summary.md': 'markdown', 'report.har': 'har' }[file];
}

describe('golden: the console of a real run', () => {
  const servers: ChildProcess[] = [];
  afterAll(() => {
    for (const s of servers) s.kill('SIGTERM');
  });

  it('the embedded accreditation', async () => {
    const out = tempDir('pos-accredit-golden-');
    const run = await runCli(['run', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    await expect(pinClock(run.stdout, out)).toMatchFileSnapshot('outputs/embedded-run.txt');
  });

  it('a served reference POS with six faults, the http driver and a shared mock Mozrest', async () => {
    const env = { POS_ACCREDIT_TOKEN: TOKEN, POS_ACCREDIT_MOZREST_KEY: KEY };
    const mozrest = await serve(['serve', 'mozrest', '--port', '0'], env, /listening on (http:\/\/\S+)/, servers);
    const faults = ['create-returns-201', 'list-omits-party-size', 'no-void-callback', 'get-order-404', 'update-after-close', 'error-body-plain'];
    const pos = await serve(['serve', 'reference-pos', '--port', '0', '--mozrest-url', mozrest, ...faults.flatMap((f) => ['--fault', f])], env, /listening on (http:\/\/\S+)/, servers);
    const out = tempDir('pos-accredit-golden-');
    const run = await runCli([
      'run', '--base-url', pos, '--venue', 'venue-ref-1', '--other-venue', 'venue-ref-2', '--forbidden-venue', 'venue-ref-3',
      '--mozrest-url', mozrest, '--driver', 'http', '--driver-url', `${pos}/_automation/actions`, '--driver-token-env', 'POS_ACCREDIT_TOKEN',
      '--capability', 'table-moves,party-size-changes,pre-orders', '--callback-timeout', '1s', '--out', out,
    ], { env });
    expect(run.code, run.stderr).toBe(1);
    await expect(pinClock(run.stdout, out)).toMatchFileSnapshot('outputs/failing-run.txt');
  });
});

/** Spawns a `serve` command and resolves with the URL it prints. */
const serve = (args: string[], env: Record<string, string>, listening: RegExp, servers: ChildProcess[]): Promise<string> => spawnServer(args, env, listening, servers);
