import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, isUnreachable, type HttpClientOptions } from '../../src/http/client.js';
import { Redactor } from '../../src/core/redactor.js';
import { closeRecordingServers, json, startRecordingServer } from '../helpers/recording-server.js';

const TOKEN = 'tok_SECRET_1234567890';

const clients: HttpClient[] = [];

/** The tests' POS stand-in: records what the client sent. */
const startServer = startRecordingServer;

function client(baseUrl: string, extra: Partial<HttpClientOptions> = {}): HttpClient {
  const redactor = new Redactor();
  redactor.add(TOKEN);
  const c = new HttpClient({ baseUrl, token: TOKEN, timeoutMs: 2000, maxBodyBytes: 1024 * 1024, redactor, ...extra });
  clients.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await closeRecordingServers();
});

describe('HttpClient', () => {
  it('sends a JSON GET with default headers and the bearer token', async () => {
    const pos = await startServer((_req, res) => json(res, 200, { id: 'o1' }, { 'x-multi': 'a' }));
    const outcome = await client(pos.url).send({ method: 'GET', path: '/orders/o1?expand=lines', headers: {}, auth: true });

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.response.status).toBe(200);
    expect(JSON.parse(outcome.response.bodyText)).toEqual({ id: 'o1' });
    expect(outcome.response.headers['content-type']).toBe('application/json');
    expect(outcome.response.url).toBe(`${pos.url}/orders/o1?expand=lines`);
    expect(outcome.response.truncated).toBe(false);
    expect(pos.seen[0]?.url).toBe('/orders/o1?expand=lines');
    expect(pos.seen[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(pos.seen[0]?.headers['accept']).toBe('application/json');
    expect(pos.seen[0]?.headers['user-agent']).toBe('pos-accredit');
    expect(outcome.exchanges).toHaveLength(1);
    expect(outcome.exchanges[0]?.request.headers['authorization']).toBe('Bearer ***');
    expect(outcome.exchanges[0]?.response?.status).toBe(200);
  });

  it('sends a JSON POST with a content-type and records the body', async () => {
    const pos = await startServer((_req, res, body) => json(res, 201, { echoed: JSON.parse(body) as unknown }));
    const c = client(pos.url, { userAgent: 'pos-accredit/9.9.9' });
    const outcome = await c.send({ method: 'POST', path: 'orders', headers: {}, body: '{"total":12}', auth: true });

    expect(outcome.ok && outcome.response.status).toBe(201);
    expect(pos.seen[0]?.method).toBe('POST');
    expect(pos.seen[0]?.headers['content-type']).toBe('application/json');
    expect(pos.seen[0]?.headers['user-agent']).toBe('pos-accredit/9.9.9');
    expect(pos.seen[0]?.body).toBe('{"total":12}');
    expect(outcome.exchanges[0]?.request.body).toBe('{"total":12}');
    expect(outcome.exchanges[0]?.response?.body).toBe('{"echoed":{"total":12}}');
  });

  it('does not add Authorization when auth is false', async () => {
    const pos = await startServer((_req, res) => json(res, 401, { error: 'unauthorized' }));
    const outcome = await client(pos.url).send({ method: 'GET', path: '/orders', headers: {}, auth: false });

    expect(outcome.ok && outcome.response.status).toBe(401);
    expect(pos.seen[0]?.headers['authorization']).toBeUndefined();
    expect(outcome.exchanges[0]?.request.headers['authorization']).toBeUndefined();
  });

  it('keeps a caller-supplied Authorization header but masks it in the evidence', async () => {
    const pos = await startServer((_req, res) => json(res, 401, {}));
    const outcome = await client(pos.url).send({
      method: 'GET', path: '/orders', headers: { Authorization: 'Bearer wrong-token-xyz' }, auth: true,
    });

    expect(pos.seen[0]?.headers['authorization']).toBe('Bearer wrong-token-xyz');
    expect(outcome.exchanges[0]?.request.headers['authorization']).toBe('Bearer ***');
    expect(JSON.stringify(outcome.exchanges)).not.toContain('wrong-token-xyz');
  });

  it('drops Authorization on a redirect to another origin', async () => {
    const other = await startServer((_req, res) => json(res, 200, { elsewhere: true }));
    const pos = await startServer((_req, res) => {
      res.writeHead(302, { location: `${other.url}/landing` });
      res.end();
    });
    const outcome = await client(pos.url).send({
      method: 'GET', path: '/orders', headers: { 'X-Trace': '1', authorization: `Bearer ${TOKEN}` }, auth: true,
    });

    expect(outcome.ok && outcome.response.status).toBe(200);
    expect(outcome.ok && outcome.response.url).toBe(`${other.url}/landing`);
    expect(pos.seen[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.headers['authorization']).toBeUndefined();
    expect(other.seen[0]?.headers['x-trace']).toBe('1');
    expect(outcome.exchanges).toHaveLength(2);
    expect(outcome.exchanges[0]?.response?.status).toBe(302);
    expect(outcome.exchanges[1]?.request.headers['authorization']).toBeUndefined();
  });

  it('keeps Authorization on a same-origin redirect, and turns a 303 into a GET', async () => {
    const pos = await startServer((req, res) => {
      if (req.url === '/orders') {
        res.writeHead(303, { location: '/orders/o9' });
        res.end('see other');
      } else json(res, 200, { id: 'o9' });
    });
    const outcome = await client(pos.url).send({ method: 'POST', path: '/orders', headers: {}, body: '{}', auth: true });

    expect(outcome.ok && outcome.response.status).toBe(200);
    expect(pos.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /orders', 'GET /orders/o9']);
    expect(pos.seen[1]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(pos.seen[1]?.body).toBe('');
    expect(pos.seen[1]?.headers['content-type']).toBeUndefined();
    expect(outcome.exchanges[0]?.response?.body).toBe('see other');
  });

  it('stops after maxRedirects with TOO_MANY_REDIRECTS', async () => {
    let n = 0;
    const pos = await startServer((_req, res) => {
      res.writeHead(307, { location: `/loop/${++n}` });
      res.end();
    });
    const outcome = await client(pos.url, { maxRedirects: 3 }).send({ method: 'GET', path: '/loop', headers: {}, auth: true });

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('TOO_MANY_REDIRECTS');
    expect(outcome.exchanges).toHaveLength(4);
    expect(pos.seen).toHaveLength(4);
    expect(isUnreachable(outcome.error.code)).toBe(false);
  });

  it('times out quickly when the server never answers', async () => {
    const pos = await startServer(() => { /* never respond */ });
    const started = Date.now();
    const outcome = await client(pos.url, { timeoutMs: 200 }).send({ method: 'GET', path: '/slow', headers: {}, auth: true });

    expect(Date.now() - started).toBeLessThan(1500);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('TIMEOUT');
    expect(outcome.error.message).toBe(`no response within 200 ms from GET ${pos.url}/slow`);
    expect(outcome.exchanges[0]?.error?.code).toBe('TIMEOUT');
    expect(isUnreachable('TIMEOUT')).toBe(false);
  });

  it('reports a timeout while the body is still streaming', async () => {
    const pos = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const outcome = await client(pos.url, { timeoutMs: 200 }).send({ method: 'GET', path: '/', headers: {}, auth: true });

    expect(!outcome.ok && outcome.error.code).toBe('TIMEOUT');
    expect(outcome.exchanges[0]?.response?.status).toBe(200);
    expect(outcome.exchanges[0]?.response?.body).toBe('{"partial":');
  });

  it('reports ECONNREFUSED for a dead port', async () => {
    const dead = await startServer(() => {});
    await new Promise<void>((resolve) => dead.server.close(() => resolve()));
    const outcome = await client(dead.url).send({ method: 'GET', path: '/health', headers: {}, auth: true });

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('ECONNREFUSED');
    expect(outcome.error.message).toBe(`connection refused by 127.0.0.1:${dead.port} (is the POS running?)`);
    expect(isUnreachable(outcome.error.code)).toBe(true);
    expect(outcome.exchanges).toHaveLength(1);
    expect(outcome.exchanges[0]?.response).toBeUndefined();
  });

  it('reports RESET when the server drops the connection', async () => {
    const pos = await startServer((req) => req.socket.destroy());
    const outcome = await client(pos.url).send({ method: 'GET', path: '/', headers: {}, auth: true });

    expect(!outcome.ok && outcome.error.code).toBe('RESET');
  });

  it('caps the response body and flags it truncated', async () => {
    const big = 'x'.repeat(200_000);
    const pos = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(big);
    });
    const c = client(pos.url, { maxBodyBytes: 1000, evidenceBodyBytes: 100 });
    const outcome = await c.send({ method: 'GET', path: '/big', headers: {}, auth: true });

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.response.truncated).toBe(true);
    expect(outcome.response.bodyBytes).toBe(1000);
    expect(outcome.response.bodyText).toBe('x'.repeat(1000));
    expect(outcome.exchanges[0]?.response?.body).toBe('x'.repeat(100));
    expect(outcome.exchanges[0]?.response?.bodyTruncated).toBe(true);

    // The pool is still usable after the body was cut off.
    const again = await c.send({ method: 'GET', path: '/big', headers: {}, auth: true });
    expect(again.ok && again.response.status).toBe(200);
  });

  it('never leaks the token into the exchanges', async () => {
    const pos = await startServer((req, res) => {
      // A POS that echoes the token back in headers, body and a redirect URL.
      if (req.url === '/start') {
        res.writeHead(302, { location: `/next?token=${TOKEN}`, 'x-echo': String(req.headers['authorization']) });
        res.end(`your token is ${TOKEN}`);
      } else json(res, 200, { auth: req.headers['authorization'] });
    });
    const outcome = await client(pos.url).send({ method: 'POST', path: '/start', headers: {}, body: `{"t":"${TOKEN}"}`, auth: true });

    expect(outcome.ok).toBe(true);
    expect(outcome.exchanges).toHaveLength(2);
    expect(JSON.stringify(outcome.exchanges)).not.toContain(TOKEN);
    expect(JSON.stringify(outcome.exchanges)).toContain('***');
  });

  it('masks a token the redactor does not know', async () => {
    const pos = await startServer((_req, res) => json(res, 200, {}));
    const c = new HttpClient({ baseUrl: pos.url, timeoutMs: 2000, maxBodyBytes: 1024, redactor: new Redactor() });
    clients.push(c);
    const outcome = await c.send({ method: 'GET', path: '/', headers: { authorization: 'Basic dXNlcjpwYXNz' }, auth: true });

    expect(outcome.exchanges[0]?.request.headers['authorization']).toBe('Basic ***');
    expect(JSON.stringify(outcome.exchanges)).not.toContain('dXNlcjpwYXNz');
  });

  it('joins a base URL path prefix without double slashes', async () => {
    const pos = await startServer((_req, res) => json(res, 200, {}));
    const c = client(`${pos.url}/api/v2/`);
    await c.send({ method: 'GET', path: '/orders?since=2024-01-01', headers: {}, auth: true });
    await c.send({ method: 'GET', path: 'menu', headers: {}, auth: true });
    const abs = await c.send({ method: 'GET', path: `${pos.url}/health`, headers: {}, auth: true });

    expect(pos.seen.map((s) => s.url)).toEqual(['/api/v2/orders?since=2024-01-01', '/api/v2/menu', '/health']);
    expect(pos.seen[2]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(abs.ok && abs.response.url).toBe(`${pos.url}/health`);
  });

  it('reuses keep-alive connections per origin', async () => {
    const ports = new Set<number>();
    const pos = await startServer((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      json(res, 200, {});
    });
    const c = client(pos.url);
    for (let i = 0; i < 6; i++) await c.send({ method: 'GET', path: '/', headers: {}, auth: true });
    // undici frees a socket one event-loop turn after a response ends, so back-to-back requests
    // may open a second connection; after that they are reused.
    expect(ports.size).toBeLessThanOrEqual(2);
  });
});
