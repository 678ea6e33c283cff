// docs/checks.md is generated; this keeps the committed page from going stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateChecksDoc, REGENERATE } from '../../src/coverage/checks-doc.js';
import { ROOT } from '../helpers/cli.js';

describe('docs/checks.md', () => {
  it('equals what `pos-accredit docs checks` generates from the suites and suites/checks.yaml', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'checks.md'), 'utf8');
    const generated = generateChecksDoc();
    expect(committed === generated, `docs/checks.md is stale: regenerate it with \`npm run build && ${REGENERATE}\``).toBe(true);
  });

  it('is deterministic', () => {
    expect(generateChecksDoc()).toBe(generateChecksDoc());
  });
});
