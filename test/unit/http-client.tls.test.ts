// The HTTP client verifies the POS's certificate (8.1/1: HTTPS with a valid certificate) and says
// what is wrong with one it refuses in words a POS vendor can act on, keeping Node's code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { classifyError } from '../../src/http/errors.js';
import { isLoopbackHost, targetFacts } from '../../src/http/url.js';
import { Redactor } from '../../src/core/redactor.js';

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));

describe.skipIf(!OPENSSL)('a self-signed certificate (made with openssl at test time)', () => {
  let dir: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pos-accredit-cert-'));
    execFileSync(OPENSSL!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('[]'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused: the request errors with code TLS and says why, and nothing is answered', async () => {
    const client = new HttpClient({ baseUrl: `https://localhost:${port}`, token: 'secret-token', timeoutMs: 3000, maxBodyBytes: 1024, redactor: new Redactor() });
    try {
      const outcome = await client.send({ method: 'GET', path: '/venue/v1/tables', headers: {}, auth: true });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.code).toBe('TLS');
      expect(outcome.error.message).toBe(
        "the POS's certificate was refused: it is self-signed [DEPTH_ZERO_SELF_SIGNED_CERT]. Mozrest calls the POS only over HTTPS " +
          'with a valid certificate (contract 8.1/1): serve one issued by a public certificate authority for localhost, with its intermediate certificates',
      );
      expect(outcome.exchanges[0]?.response).toBeUndefined();
    } finally {
      await client.close();
    }
  });
});

describe('certificate problems in words', () => {
  const ctx = { method: 'GET', url: 'https://pos.example.com/x', host: 'pos.example.com:443', timeoutMs: 1000, connected: false, headersReceived: false };
  const withCode = (code: string): Error => Object.assign(new Error(`tls: ${code}`), { code });

  it.each([
    ['CERT_HAS_EXPIRED', 'it has expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'it is not issued for pos.example.com'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'an intermediate certificate is missing'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate no public authority vouches for'],
  ])('%s', (code, words) => {
    const error = classifyError(withCode(code), ctx);
    expect(error.code).toBe('TLS');
    expect(error.message).toContain(words);
    expect(error.message).toContain(`[${code}]`);
  });

  it('a handshake that fails for another reason keeps the plain handshake message', () => {
    expect(classifyError(withCode('EPROTO'), ctx).message).toBe('TLS handshake with pos.example.com:443 failed: tls: EPROTO');
  });
});

describe('the target run variable', () => {
  it.each([
    ['https://pos.example.com/api', { scheme: 'https', host: 'pos.example.com', loopback: false, transport: 'https' }],
    ['http://pos.example.com', { scheme: 'http', host: 'pos.example.com', loopback: false, transport: 'http' }],
    ['http://127.0.0.1:4010', { scheme: 'http', host: '127.0.0.1', loopback: true, transport: 'http-loopback' }],
    ['http://localhost:4010', { scheme: 'http', host: 'localhost', loopback: true, transport: 'http-loopback' }],
    ['http://[::1]:4010', { scheme: 'http', host: '::1', loopback: true, transport: 'http-loopback' }],
    ['https://localhost', { scheme: 'https', host: 'localhost', loopback: true, transport: 'https' }],
  ])('%s', (baseUrl, facts) => {
    expect(targetFacts(baseUrl)).toEqual({ baseUrl, ...facts });
  });

  it('loopback is localhost, 127.0.0.0/8 and ::1 — nothing else', () => {
    expect(['localhost', 'api.localhost', '127.0.0.1', '127.255.1.2', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:7f00:1', 'LOCALHOST.'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', '128.0.0.1', '192.168.1.10', 'localhost.example.com', '::2', '::ffff:a00:1', 'pos.example.com'].some(isLoopbackHost)).toBe(false);
  });
});
