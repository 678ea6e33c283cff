// A ledger of every secret the tests hand to a run (tokens and Mozrest keys given to runCli or
// accreditReferencePos) and every folder made with the helpers' tempDir(), shared by all test
// workers through files. After the whole suite, the global audit (test/global/secret-audit.ts)
// reads every report and bundle file in those folders and fails the run if a secret appears raw
// or URL-encoded. Console output is checked by the tests that spawn the CLI, not here; reporter
// unit tests writing to folders of their own are outside it (they check their own files).
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
