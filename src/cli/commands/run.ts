// `pos-accredit run`: resolve the configuration, then run one session (src/session/) with this
// process's streams and signals. The exit code says the verdict (docs: exit codes).
import { resolveConfig, type RunFlags } from '../../config/resolve-config.js';
import { REPORTER_NAMES } from '../../report/registry.js';
import { runSession } from '../../session/session.js';

export async function runCommand(suitePaths: string[], flags: RunFlags, version: string): Promise<number> {
  const config = resolveConfig({ flags, suites: suitePaths, env: process.env, cwd: process.cwd(), now: new Date(), knownReporters: REPORTER_NAMES, stdoutIsTTY: !!process.stdout.isTTY });
  const { exitCode } = await runSession({
    config, env: process.env, cwd: process.cwd(), version, stdout: process.stdout, stderr: process.stderr,
    interactive: !!process.stdin.isTTY && !!process.stdout.isTTY && !process.env.CI,
    watchSignals: true,
  });
  return exitCode;
}
