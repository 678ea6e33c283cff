// `pos-accredit serve reference-pos`: the reference POS on its own, until Ctrl-C.
import { isFaultName, FAULTS } from '../../reference-pos/faults.js';
import { startReferencePos } from '../../reference-pos/server.js';
import { closest } from '../../suite/diagnostic.js';
import { CliError } from '../cli-error.js';

export async function serveCommand(what: string, options: { port: string; host: string; tokenEnv: string; fault?: string[] }): Promise<number> {
  if (what !== 'reference-pos') throw new CliError('unknown-service', `serve: unknown component "${what}"`, 2, 'available: reference-pos');
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('bad-port', `--port: "${options.port}" is not a port number`);
  const token = process.env[options.tokenEnv]?.trim();
  if (!token) throw new CliError('missing-token', `the environment variable ${options.tokenEnv} is not set`, 2, `export ${options.tokenEnv}=<token the reference POS should accept>; the same variable lets \`pos-accredit run\` call it`);
  const faults = options.fault ?? [];
  for (const f of faults) {
    if (isFaultName(f)) continue;
    const guess = closest(f, Object.keys(FAULTS));
    throw new CliError('unknown-fault', `--fault: unknown fault "${f}"`, 2, guess ? `did you mean "${guess}"? (all faults: docs or src/reference-pos/faults.ts)` : `faults:\n    ${Object.keys(FAULTS).join('\n    ')}`);
  }
  let pos;
  try {
    pos = await startReferencePos({ token, host: options.host, port, faults: faults.filter(isFaultName) });
  } catch (err) {
    throw new CliError('listen', `cannot listen on ${options.host}:${port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 3);
  }
  process.stdout.write(`Reference POS listening on ${pos.url}\n  venue ${pos.venueId} (second venue ${pos.otherVenueId})\n  token: the value of $${options.tokenEnv}\n${faults.length ? `  faults: ${faults.join(', ')}\n` : ''}Try: pos-accredit run --base-url ${pos.url} --venue ${pos.venueId} --other-venue ${pos.otherVenueId}\nPress Ctrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await pos.close();
  return 0;
}
