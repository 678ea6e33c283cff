// The global secret audit itself: it must find a planted secret in an artifact, and only there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../global/secret-audit.js';
import { tempDir } from '../helpers/cli.js';

describe('the secret audit', () => {
  it('finds a secret in any artifact (raw or URL-encoded), names the file, and ignores inputs', () => {
    const dir = tempDir();
    const secret = 'audit-secret-9f8e7d6c/+=';
    mkdirSync(join(dir, 'bundle', 'transcripts'), { recursive: true });
    mkdirSync(join(dir, 'bundle', 'inputs'), { recursive: true });
    writeFileSync(join(dir, 'report.json'), '{"token":"***"}');
    writeFileSync(join(dir, 'report.har'), `{"url":"https://x/?t=${encodeURIComponent(secret)}"}`);
    writeFileSync(join(dir, 'bundle', 'transcripts', 'A.txt'), `Bearer ${secret}`);
    writeFileSync(join(dir, 'bundle', 'inputs', 'suite.yaml'), secret);
    writeFileSync(join(dir, 'token'), secret); // a test's own input file, not an artifact
    const { leaks, scanned } = findLeaks([dir], [secret]);
    expect(scanned).toBe(3);
    expect(leaks.map((l) => l.file.slice(dir.length + 1)).sort()).toEqual(['bundle/transcripts/A.txt', 'report.har']);
  });

  it('finds nothing where nothing leaked', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'summary.md'), 'Bearer ***');
    expect(findLeaks([dir], ['audit-secret-9f8e7d6c']).leaks).toEqual([]);
  });
});
