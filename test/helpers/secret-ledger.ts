// A ledger of every secret the tests hand to a run (tokens, Mozrest keys) and every folder a test
// writes artifacts into, shared by all test workers through files. After the whole suite, the
// global audit (test/global/secret-audit.ts) reads every artifact in those folders and fails the
// run if any secret appears: "no token, key or marked secret in any artifact of any run".
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export const LEDGER_ENV = 'POS_ACCREDIT_TEST_LEDGER';

function append(kind: 'secrets' | 'dirs', value: string): void {
  const dir = process.env[LEDGER_ENV];
  if (!dir) return; // a test file run on its own, without the global setup
  appendFileSync(join(dir, `${kind}-${process.pid}.txt`), `${JSON.stringify(value)}\n`);
}

/** A secret a test gives a run; long enough that finding it cannot be chance. */
export function noteSecret(value: string | undefined): void {
  if (value && value.trim().length >= 8) append('secrets', value.trim());
}

export function noteArtifactDir(dir: string): void {
  append('dirs', dir);
}
