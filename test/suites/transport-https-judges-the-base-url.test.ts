// TRANSPORT-HTTPS (8.1/1): https passes, plain http to this machine warns (local development),
// plain http to any other host fails, and a certificate the client refuses stops the run.
//
// No test may leave loopback, so the http-to-another-host and https cases are shown through the
// engine with a run scope whose `target` says so — the outside world (the base URL a vendor gives)
// would otherwise supply it — while every request still goes to the reference POS on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/engine/execute-run.js';
import { makePlan } from '../../src/engine/plan.js';
import { targetFacts } from '../../src/http/url.js';
import { Redactor } from '../../src/core/redactor.js';
import { builtInSuites } from '../helpers/accredit.js';
import { runCases } from './run-cases.js';

const ID = 'TRANSPORT-HTTPS';

describe('TRANSPORT-HTTPS judges the base URL the run was given', () => {
  it('passes for an https base URL', async () => {
    const [c] = await runCases({ ids: [ID], scope: { target: targetFacts('https://pos.example.com/api') } });
    expect(c?.status, c?.reason).toBe('pass');
  });

  it('fails for plain http to another host: Mozrest only calls https URLs', async () => {
    const [c] = await runCases({ ids: [ID], scope: { target: targetFacts('http://pos.example.com/api') } });
    expect(c?.status).toBe('fail');
    expect(c?.reason).toBe('the base URL is https (plain http only to this machine): $.transport not one of the allowed values: expected one of ["https","http-loopback"], got "http"');
    // It stops there: nothing is sent to a URL it has already refused.
    expect(c?.steps.map((s) => s.kind)).toEqual(['check']);
  });

  it('only warns for plain http to this machine, saying why (the reference POS is served that way)', async () => {
    const [c] = await runCases({ ids: [ID] });
    expect(c?.status).toBe('warn');
    expect(c?.reason).toContain('plain http is fine for local development, but the URL given to Mozrest must be https');
    expect(c?.steps.at(-1)?.status).toBe('pass');
  });
});

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));

describe.skipIf(!OPENSSL)('a POS whose certificate is not valid', () => {
  it('stops the run before any case starts, with the reason in words a vendor acts on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-accredit-tls-'));
    try {
      execFileSync(OPENSSL!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const suites = builtInSuites();
        const result = await executeRun({
          loaded: suites, plan: makePlan(suites.suites, { tags: [], ids: [ID] }),
          target: { baseUrl: `https://127.0.0.1:${port}`, venue: 'v1', otherVenue: 'v2', token: randomBytes(8).toString('hex'), embedded: false },
          runId: 'tls00001', timeoutMs: 3000, strict: false, version: 'test', redactor: new Redactor(),
        });
        expect(result.aborted?.code).toBe('unreachable');
        expect(result.verdict).toBe('fail');
        // The run's first look at the POS already refuses the certificate: no case starts.
        const c = result.cases.find((r) => r.id === ID)!;
        expect([c.status, c.notRun]).toEqual(['skip', 'aborted']);
        expect(result.aborted?.message).toMatch(/certificate was refused: it is self-signed \[DEPTH_ZERO_SELF_SIGNED_CERT\]/);
        expect(result.aborted?.message).toContain('Mozrest calls the POS only over HTTPS with a valid certificate (contract 8.1/1)');
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
