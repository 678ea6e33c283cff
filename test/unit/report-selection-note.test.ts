// A run of a subset (--tag / --id) may pass, but it is no accreditation: every format says so.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from '../../src/report/console-reporter.js';
import { selectionNote } from '../../src/report/format.js';
import { renderJunit } from '../../src/report/junit-reporter.js';
import { renderMarkdown } from '../../src/report/markdown-reporter.js';
import { caseResult, runResult } from '../helpers/sample-results.js';

const filtered = runResult([caseResult('AUTH-MISSING', 'pass')], { options: { strict: false, tags: ['auth'], ids: ['AUTH-*'], timeoutMs: 10_000 } });
const full = runResult([caseResult('AUTH-MISSING', 'pass')]);

async function consoleText(result: typeof full): Promise<string> {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  await createConsoleReporter({ outDir: 'out', stream, color: false, isTTY: false, quiet: true, verbose: false }).onRunEnd?.(result);
  return text;
}

describe('a filtered run says it is not a full accreditation', () => {
  it('names the filters', () => {
    expect(selectionNote(filtered.options)).toBe('filtered run (--tag auth, --id AUTH-*): not a full accreditation');
    expect(selectionNote(full.options)).toBeUndefined();
  });

  it('on the console, just above the verdict (which stays the last line)', async () => {
    const lines = (await consoleText(filtered)).trim().split('\n');
    expect(lines.slice(-2)).toEqual(['Note: filtered run (--tag auth, --id AUTH-*): not a full accreditation.', 'Verdict: PASS']);
    expect(await consoleText(full)).not.toContain('filtered run');
  });

  it('in the Markdown summary, under the verdict heading', () => {
    expect(renderMarkdown(filtered)).toContain('> [!NOTE]\n> Filtered run (--tag auth, --id AUTH-\\*): not a full accreditation.');
    expect(renderMarkdown(full)).not.toContain('Filtered run');
  });

  it('in JUnit, as the selection property', () => {
    expect(renderJunit(filtered)).toContain('<property name="selection" value="filtered run (--tag auth, --id AUTH-*): not a full accreditation"/>');
    expect(renderJunit(full)).toContain('<property name="selection" value="every case: a full accreditation"/>');
  });
});
