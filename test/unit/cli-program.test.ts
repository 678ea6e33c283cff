// The CLI in-process: buildProgram() with exitOverride and captured output, as commander's own
// tests do. The spawned binary is covered by test/e2e/; this is for fast checks of the program's
// shape and its usage errors.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, packageVersion } from '../../src/cli/main.js';
import { tempDir } from '../helpers/cli.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const { program, exitCode } = buildProgram('9.9.9-test', { writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  try {
    await program.parseAsync(['node', 'pos-accredit', ...args]);
    return { code: exitCode(), out, err };
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { code: e.exitCode === 0 ? 0 : 2, out, err };
  }
}

describe('buildProgram', () => {
  it('--help lists every command and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['run', 'validate', 'list', 'coverage', 'docs', 'serve', 'keygen', 'verify', 'report', 'compare', 'init']) {
      expect(out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('--version prints the version it was built with; the binary uses package.json\'s', async () => {
    expect((await cli('--version')).out).toBe('9.9.9-test\n');
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown option is a usage error (2) that says which and how to get help', async () => {
    const { code, err } = await cli('list', '--bogus');
    expect(code).toBe(2);
    expect(err).toContain("unknown option '--bogus'");
    expect(err).toContain('(run with --help for usage)');
  });

  it("a missing argument is a usage error (2) naming it", async () => {
    const { code, err } = await cli('verify');
    expect(code).toBe(2);
    expect(err).toContain("missing required argument 'bundle'");
  });

  it('a command sets the exit code it returns (keygen writes a key pair)', async () => {
    const prefix = join(tempDir('pos-accredit-cli-'), 'signer');
    const { code } = await cli('keygen', '--out', prefix);
    expect(code).toBe(0);
    expect(existsSync(`${prefix}.key`) && existsSync(`${prefix}.pub`)).toBe(true);
  });
});
