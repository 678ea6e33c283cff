// Before any order is opened, the run checks what it depends on and stops with one message that
// names the setting to change: the report folder, the mock Mozrest's port, the POS answering at
// all, the token, the venue. The real CLI against real sockets on 127.0.0.1: a port nothing
// listens on, a server that accepts and never answers, one that refuses the token.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const TOKEN = 'preflight-token-5d1e8a';
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function listen<T extends Server | NetServer>(server: T): Promise<{ port: number; server: T }> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, server })));
}

/** A port that was just free: bound, read back and closed (nothing listens on it). */
async function closedPort(): Promise<number> {
  const { port, server } = await listen(createServer());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A POS stand-in that counts requests and answers each with what `answer` says. */
async function pos(answer: (path: string) => [number, unknown]): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const { port, server } = await listen(createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const [status, body] = answer(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${port}`, seen };
}

const run = (args: string[], env: Record<string, string> = {}) => runCli(['run', '--venue', 'v1', ...args], { env: { POS_ACCREDIT_TOKEN: TOKEN, ...env } });

describe('preflight: the POS', () => {
  it('refusing connections stops the run at its first look (exit 3), naming --base-url; the report is written', async () => {
    const port = await closedPort();
    const out = tempDir();
    const r = await run(['--base-url', `http://127.0.0.1:${port}`, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`Run aborted (unreachable): the POS could not be reached: connection refused by 127.0.0.1:${port} (is the POS running?); check --base-url (http://127.0.0.1:${port})`);
    expect(r.stdout).toContain('No check ran: fix this first, then run again.');
    // The reason once, not once per case: the run stopped before its suites were even loaded.
    expect(r.stdout.match(/connection refused/g)).toHaveLength(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { aborted: { code: string }; cases: unknown[] };
    expect(report.aborted.code).toBe('unreachable');
    expect(report.cases).toEqual([]);
  });

  it('that accepts connections and never answers stops the run after one request timeout (exit 3)', async () => {
    const sockets: Socket[] = [];
    let requests = 0;
    const { port, server } = await listen(createServer((socket) => {
      sockets.push(socket);
      socket.on('data', (d: Buffer) => (requests += d.toString().split('\r\n').filter((l) => /^[A-Z]+ \/\S* HTTP\/1\.1$/.test(l)).length));
    }));
    closers.push(() => {
      for (const s of sockets) s.destroy();
      server.close();
    });
    const r = await run(['--base-url', `http://127.0.0.1:${port}`, '--timeout', '2s', '--out', tempDir()]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`Run aborted (unreachable): the POS could not be reached: no response within 2 s from GET http://127.0.0.1:${port}/venue/v1/tables; check --base-url`);
    // One request, one timeout: not one per case.
    expect(requests).toBe(1);
  });

  it('refusing the token stops the run before any order is opened (exit 2), naming the variable that holds it', async () => {
    const target = await pos(() => [401, { error: 'unauthorized' }]);
    const r = await run(['--base-url', target.url, '--token-env', 'VENDOR_TOKEN', '--out', tempDir()], { VENDOR_TOKEN: 'not-the-token-3c2b' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Run aborted (token-refused): the POS refused the token: GET /venue/v1/tables answered 401; check that $VENDOR_TOKEN holds the token this POS accepts (for venue v1)');
    expect(target.seen).toEqual(['GET /venue/v1/tables']);
  });

  it('not knowing the venue stops the run (exit 2), naming --venue and --base-url', async () => {
    const target = await pos(() => [404, { error: 'no such venue' }]);
    const r = await run(['--base-url', target.url, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Run aborted (venue-unknown): GET /venue/v1/tables answered 404: check --venue (v1) and --base-url (${target.url}), including any path prefix such as /api`);
    expect(target.seen).toEqual(['GET /venue/v1/tables']);
  });
});

describe('preflight: where the run writes and listens', () => {
  const tables = (): Promise<{ url: string; seen: string[] }> => pos((path) => [200, path.includes('/orders') ? [] : [{ id: 'T1', name: 'Table 1' }]]);

  it('an --out that is a file stops the run before anything is sent to the POS (exit 2), naming --out', async () => {
    const target = await tables();
    const file = join(tempDir(), 'report');
    writeFileSync(file, 'not a folder');
    const r = await run(['--base-url', target.url, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[out-unwritable]: --out: cannot write to ${file} (ENOTDIR: a file is in the way)`);
    expect(r.stderr).not.toContain('internal error');
    // Nothing asked of the POS, so nothing opened on it.
    expect(target.seen).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('an --out this user may not write stops the run (exit 2), naming the path', async () => {
    const target = await tables();
    const locked = join(tempDir(), 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const r = await run(['--base-url', target.url, '--out', join(locked, 'run-1')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: cannot write to .*run-1 \(EACCES: permission denied\)/);
    expect(target.seen).toEqual([]);
  });

  it('a mock Mozrest port that is taken stops the run (exit 2), naming --mozrest-port', async () => {
    const target = await tables();
    const { port, server } = await listen(createServer());
    closers.push(() => server.close());
    const r = await run(['--base-url', target.url, '--mozrest-port', String(port), '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[listen]: cannot start the mock Mozrest on 127.0.0.1:${port}: the port is already in use (EADDRINUSE)`);
    expect(r.stderr).toContain('choose another --mozrest-port, or 0 for any free port');
    // The POS was looked at first (the preflight's order), and nothing was opened on it.
    expect(target.seen).toEqual(['GET /venue/v1/tables']);
  });

  it('serve and init name the port or path they cannot use, never "internal error"', async () => {
    const { port, server } = await listen(createServer());
    closers.push(() => server.close());
    const served = await runCli(['serve', 'mozrest', '--port', String(port)], { env: { POS_ACCREDIT_MOZREST_KEY: 'preflight-key-77aa' } });
    expect(served.code).toBe(2);
    expect(served.stderr).toContain(`cannot start the mock Mozrest on 127.0.0.1:${port}: the port is already in use (EADDRINUSE)`);
    const missing = join(tempDir(), 'no-such-folder', 'pos-accredit.yaml');
    const init = await runCli(['init', '--file', missing]);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain(`error[init-unwritable]: --file: cannot create ${missing}: the folder`);
    expect(`${served.stderr}${init.stderr}`).not.toContain('internal error');
  });
});
