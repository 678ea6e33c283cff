import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { HttpClient, isUnreachable } from '../../src/http/client.js';
import { maskCredential, utf8Prefix } from '../../src/http/evidence.js';
import { runHop } from '../../src/http/hop.js';
import { joinUrl, splitUrl } from '../../src/http/url.js';
import { Redactor } from '../../src/core/redactor.js';

describe('http helpers', () => {
  it('joins base paths and request paths without doubling slashes', () => {
    expect(joinUrl(new URL('https://pos.example.com/api/v2'), '/orders?x=1')).toBe('https://pos.example.com/api/v2/orders?x=1');
    expect(joinUrl(new URL('https://pos.example.com/api/v2/'), 'orders')).toBe('https://pos.example.com/api/v2/orders');
    expect(joinUrl(new URL('https://pos.example.com'), '/orders')).toBe('https://pos.example.com/orders');
    expect(joinUrl(new URL('https://pos.example.com/api'), '')).toBe('https://pos.example.com/api');
    expect(joinUrl(new URL('https://pos.example.com/'), '')).toBe('https://pos.example.com/');
    expect(joinUrl(new URL('https://pos.example.com/api'), '?q=1')).toBe('https://pos.example.com/api?q=1');
    expect(joinUrl(new URL('https://pos.example.com/api'), 'http://other:81/x')).toBe('http://other:81/x');
  });

  it('splits a URL into origin, raw request target and host:port', () => {
    expect(splitUrl('http://127.0.0.1:4010/a/%2F/b?x=1#frag')).toEqual({
      origin: 'http://127.0.0.1:4010', target: '/a/%2F/b?x=1', host: '127.0.0.1:4010',
    });
    expect(splitUrl('https://pos.example.com?x=1').target).toBe('/?x=1');
    expect(splitUrl('https://pos.example.com').host).toBe('pos.example.com:443');
  });

  it('masks the credential part of authorization values', () => {
    expect(maskCredential('Bearer abc.def')).toBe('Bearer ***');
    expect(maskCredential('Basic dXNlcjpwYXNz')).toBe('Basic ***');
    expect(maskCredential('rawtoken')).toBe('***');
    expect(maskCredential('')).toBe('***');
  });

  it('cuts UTF-8 on a character boundary', () => {
    const buf = Buffer.from('aé€', 'utf8'); // 1 + 2 + 3 bytes
    expect(utf8Prefix(buf, 2)).toEqual({ text: 'a', truncated: true });
    expect(utf8Prefix(buf, 3)).toEqual({ text: 'aé', truncated: true });
    expect(utf8Prefix(buf, 6)).toEqual({ text: 'aé€', truncated: false });
  });

  it('reports CONNECT_TIMEOUT when no connection is made before the deadline', async () => {
    const neverConnects = { dispatch: () => true } as unknown as Dispatcher;
    const result = await runHop(
      neverConnects,
      { method: 'GET', url: 'http://10.0.0.1:4010/x', target: '/x', host: '10.0.0.1:4010', headers: {} },
      { deadline: Date.now() + 50, timeoutMs: 50, maxBodyBytes: 10 },
    );
    expect(result.error).toEqual({
      code: 'CONNECT_TIMEOUT',
      message: 'could not connect to 10.0.0.1:4010 within 50 ms (is the POS reachable from here?)',
    });
    expect(isUnreachable('CONNECT_TIMEOUT')).toBe(true);
  });

  it('reports TLS when speaking https to a plain http server', async () => {
    const server: Server = createServer((_req, res) => res.end('plain'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const c = new HttpClient({ baseUrl: `https://127.0.0.1:${port}`, timeoutMs: 2000, maxBodyBytes: 100, redactor: new Redactor() });
    try {
      const outcome = await c.send({ method: 'GET', path: '/', headers: {}, auth: true });
      expect(!outcome.ok && outcome.error.code).toBe('TLS');
      expect(isUnreachable('TLS')).toBe(true);
    } finally {
      await c.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
