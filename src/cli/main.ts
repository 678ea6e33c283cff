// The commander program, and the entry point bin/pos-accredit.js calls. Only commander and node
// built-ins load here, so `--help` and `--version` stay cheap; each command's module is imported
// when that command runs. `buildProgram` lets a test run the CLI in-process (exitOverride, output
// captured with configureOutput); `main` is what the binary runs.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option, type OutputConfiguration } from 'commander';
import { EXIT } from '../core/errors.js';
import { handleError } from './handle-error.js';
import type { ServeOptions } from './commands/serve.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The program and the exit code its command set; commander's own errors throw (exitOverride). */
export function buildProgram(version: string, output?: OutputConfiguration): { program: Command; exitCode(): number } {
  let code: number = EXIT.pass;
  const setCode = (value: number): void => {
    code = value;
  };
  const program = new Command()
    .name('pos-accredit')
    .description('Accredit a restaurant POS against the Mozrest POS API: run the accreditation suites and get a verdict.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  if (output) program.configureOutput(output);

  const targetOptions = (cmd: Command): Command =>
    cmd
      .option('--base-url <url>', 'POS base URL (default: the embedded reference POS)')
      .option('--venue <id>', 'venue id to test (required with --base-url)')
      .option('--other-venue <id>', 'a second venue id, for cross-venue checks')
      .option('--forbidden-venue <id>', 'a venue id the token may NOT access, for the 403 check (8.1/7)')
      .option('--token-env <name>', 'environment variable holding the POS token (default POS_ACCREDIT_TOKEN)')
      .option('--token-file <path>', 'file holding the POS token')
      .option('--config <file>', 'config file (default ./pos-accredit.yaml when present)');

  targetOptions(
    program
      .command('run')
      .description('plan and run the accreditation; with no target, accredit the embedded reference POS')
      .argument('[suites...]', 'suite files or folders (default: the built-in suites)'),
  )
    .option('--tag <tag>', 'only cases with this tag or suite name (repeatable)', collect)
    .option('--id <id>', 'only this case id; PREFIX* matches a prefix (repeatable)', collect)
    .option('--timeout <duration>', 'per-request timeout, e.g. 5000, 5s (default 10s)')
    .option('--callback-timeout <duration>', 'how long to wait for each POS callback (default 30s)')
    .option('--token-recheck-after <duration>', 'how old the run must be when the token is checked the last time (default 15s with --base-url, 0s for the embedded POS; 10m for the long form)')
    .option('--out <dir>', 'report folder (default reports/<timestamp>/)')
    .option('--reporter <name>', 'reporters: console, json, junit, html, markdown, har (repeatable or comma-separated; json is always written)', collect)
    .option('--strict', 'fail MUST checks that rest on inferred contract details instead of warning')
    .option('--capability <name>', 'an optional capability your POS supports, e.g. pre-orders (repeatable or comma-separated)', collect)
    .option('--keep', 'leave the orders the run opens (no cleanup), to inspect them on the POS')
    .option('--recheck <report>', "check again that the orders an earlier run's report.json saw closed are still listed and retrievable")
    .option('--no-color', 'plain output')
    .addOption(new Option('--quiet', 'print only the summary').conflicts('verbose'))
    .option('--verbose', 'print the exchanges of failing cases')
    .option('--driver <kind>', 'how operator actions reach the POS: prompt, http, exec (docs/drivers.md)')
    .option('--driver-url <url>', 'http driver: your test-automation hook')
    .option('--driver-token-env <name>', "http driver: environment variable holding the hook's bearer token")
    .option('--driver-command <command>', 'exec driver: command that reads an action as JSON on stdin')
    .option('--mozrest-host <host>', 'interface of the mock Mozrest (default 127.0.0.1)')
    .option('--mozrest-port <n>', 'port of the mock Mozrest (default: a free one)')
    .option('--mozrest-key-env <name>', 'environment variable holding the Mozrest API key your POS sends (default POS_ACCREDIT_MOZREST_KEY)')
    .option('--mozrest-public-url <url>', 'the URL your POS reaches the mock Mozrest at, e.g. through a tunnel')
    .option('--mozrest-url <url>', 'follow a shared mock Mozrest (pos-accredit serve mozrest) instead of starting one: several runs, one POS')
    .option('--embedded-tables <n>', 'the embedded reference POS only: a venue of its first n tables (default all 60), to see how a small venue fares')
    .option('--embedded-callback-ids <mode>', 'the embedded reference POS only: the order id in its M2-M4 paths, pos (default) or mozrest')
    .option('--bundle <path>', 'also write an accreditation bundle (a new folder): report, transcripts, inputs, signed manifest (docs/bundle.md)')
    .option('--signing-key <path>', 'Ed25519 private key (PEM, from pos-accredit keygen) that signs the bundle')
    .action(async (suites: string[], options: Record<string, unknown>) => {
      const { runCommand } = await import('./commands/run.js');
      setCode(await runCommand(suites, options, version));
    });

  program
    .command('validate')
    .description('load and check suites, schemas and the contract profile; run nothing')
    .argument('[suites...]', 'suite files or folders (default: the built-in suites)')
    .action(async (suites: string[]) => {
      const { validateCommand } = await import('./commands/validate.js');
      setCode(validateCommand(suites));
    });

  program
    .command('list')
    .description('print the plan: case ids, levels, basis, spec references, tags')
    .argument('[suites...]', 'suite files or folders (default: the built-in suites)')
    .option('--tag <tag>', 'only cases with this tag or suite name (repeatable)', collect)
    .option('--id <id>', 'only this case id; PREFIX* matches a prefix (repeatable)', collect)
    .option('--json', 'machine-readable output')
    .action(async (suites: string[], options: { tag?: string[]; id?: string[]; json?: boolean }) => {
      const { listCommand } = await import('./commands/list.js');
      setCode(listCommand(suites, options));
    });

  program
    .command('coverage')
    .description("which of the contract's checks (§8, suites/checks.yaml) the suites cover, and which they do not")
    .argument('[suites...]', 'suite files or folders (default: the built-in suites)')
    .option('--json', 'machine-readable output')
    .action(async (suites: string[], options: { json?: boolean }) => {
      const { coverageCommand } = await import('./commands/coverage.js');
      setCode(coverageCommand(suites, options));
    });

  program
    .command('docs')
    .description('generate reference documentation: "checks" writes docs/checks.md (every case, and the checks it covers)')
    .argument('<what>', 'checks')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (what: string, options: { out?: string }) => {
      const { docsCommand } = await import('./commands/docs.js');
      setCode(docsCommand(what, options));
    });

  program
    .command('serve')
    .description('serve a component on loopback until interrupted')
    .argument('<what>', 'reference-pos | mozrest')
    .option('--port <n>', 'port (0 picks a free one)', '4010')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--token-env <name>', 'reference-pos: environment variable holding the token the POS accepts', 'POS_ACCREDIT_TOKEN')
    .option('--mozrest-url <url>', 'reference-pos: where to send M1-M4 callbacks (a mock Mozrest …/v1/pos)')
    .option('--mozrest-key-env <name>', 'environment variable holding the Mozrest API key', 'POS_ACCREDIT_MOZREST_KEY')
    .addOption(new Option('--fault <name>', 'reference-pos: break one behaviour on purpose (repeatable; --fault list shows them)').argParser(collect))
    .option('--tables <n>', "reference-pos: the venue's size, its first n tables (default all 60 of the fixture)")
    .option('--callback-ids <mode>', "reference-pos: the order id in M2-M4 paths, pos (the POS's own, default) or mozrest (the id Mozrest gave it)")
    .action(async (what: string, options: ServeOptions) => {
      const { serveCommand } = await import('./commands/serve.js');
      setCode(await serveCommand(what, options));
    });

  program
    .command('keygen')
    .description('create an Ed25519 key pair for signing bundles: PREFIX.key (private, mode 0600) and PREFIX.pub')
    .option('--out <prefix>', 'file prefix (default pos-accredit-signing)')
    .action(async (options: { out?: string }) => {
      const { keygenCommand } = await import('./commands/keygen.js');
      setCode(keygenCommand(options));
    });

  program
    .command('verify')
    .description("check a bundle: every file against the manifest, the manifest against its signature, the report against the manifest and, with --public-key, the signer")
    .argument('<bundle>', 'the folder written by run --bundle')
    .option('--public-key <path>', "the signer's public key (PEM); without it only integrity under the embedded key is proven")
    .option('--json', 'machine-readable output')
    .option('--allow-partial', 'accept the bundle of a filtered (--tag/--id) or aborted run; without it such a bundle exits 1')
    .action(async (bundle: string, options: { publicKey?: string; json?: boolean; allowPartial?: boolean }) => {
      const { verifyCommand } = await import('./commands/verify.js');
      setCode(verifyCommand(bundle, options));
    });

  program
    .command('report')
    .description('rebuild report formats from a saved report.json, without running anything')
    .argument('<report>', 'a report.json written by run, or its folder')
    .option('--reporter <name>', 'formats to build: console, junit, html, markdown, har, json (repeatable or comma-separated)', collect)
    .option('--out <dir>', 'where to write them (default: the folder of the report)')
    .option('--no-color', 'plain console output')
    .action(async (report: string, options: { reporter?: string[]; out?: string; color?: boolean }) => {
      const { reportCommand } = await import('./commands/report.js');
      setCode(await reportCommand(report, options));
    });

  program
    .command('compare')
    .description('the cases whose status changed between two reports, regressions first; exit 1 when any regressed')
    .argument('<old>', 'the earlier report.json (or its folder)')
    .argument('<new>', 'the later report.json (or its folder)')
    .option('--json', 'machine-readable output')
    .option('--allow-partial', 'compare even when one run is filtered (--tag/--id) or aborted and the other is not; without it that exits 1')
    .action(async (before: string, after: string, options: { json?: boolean; allowPartial?: boolean }) => {
      const { compareCommand } = await import('./commands/compare.js');
      setCode(await compareCommand(before, after, options));
    });

  program
    .command('init')
    .description('write a commented starter pos-accredit.yaml for your POS')
    .option('--force', 'overwrite an existing file')
    .option('--file <path>', 'where to write it', 'pos-accredit.yaml')
    .action(async (options: { force?: boolean; file: string }) => {
      const { initCommand } = await import('./commands/init.js');
      setCode(initCommand(options));
    });

  return { program, exitCode: () => code };
}

/** Runs the CLI with `argv` (as process.argv) and resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // `pos-accredit run | head` closes our stdout early: stop writing, keep running, keep the report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  const { program, exitCode } = buildProgram(packageVersion());
  try {
    await program.parseAsync([...argv]);
    return exitCode();
  } catch (err) {
    // Help and version exit 0; usage errors were already printed by commander.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.pass : EXIT.usage;
    return handleError(err);
  }
}
