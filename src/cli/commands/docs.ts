// `pos-accredit docs checks [--out FILE]`: generate docs/checks.md from the built-in suites and
// the contract's check list. Deterministic, so a test can keep the committed page in sync.
import { writeFileSync } from 'node:fs';
import { PosAccreditError } from '../../core/errors.js';
import { generateChecksDoc } from '../../coverage/checks-doc.js';

const TOPICS = ['checks'] as const;

export function docsCommand(what: string, options: { out?: string }): number {
  if (!(TOPICS as readonly string[]).includes(what)) {
    throw new PosAccreditError('unknown-doc', `docs: unknown page "${what}"`, 2, `available: ${TOPICS.join(', ')}`);
  }
  const text = generateChecksDoc();
  if (options.out) {
    try {
      writeFileSync(options.out, text);
    } catch (err) {
      throw new PosAccreditError('write-failed', `--out: cannot write ${options.out} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    process.stderr.write(`wrote ${options.out}\n`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
