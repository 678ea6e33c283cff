import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpDriver } from '../../src/drivers/http-driver.js';
import { createDriver, DriverConfigError } from '../../src/drivers/registry.js';
import { Redactor } from '../../src/core/redactor.js';
import { closeRecordingServers, json, startRecordingServer, type Seen } from '../helpers/recording-server.js';

const TOKEN = 'hook_SECRET_token_98765';

/** The run's redactor, which the token's owner (the driver registry, the session) has told about it. */
function knowing(secret: string): Redactor {
  const redactor = new Redactor();
  redactor.add(secret);
  return redactor;
}

afterEach(closeRecordingServers);

/** The vendor's test-automation hook, recording what the driver sent. */
async function hook(handler: (res: ServerResponse, body: string) => void): Promise<{ url: string; seen: Seen[] }> {
  const server = await startRecordingServer((_req, res, body) => handler(res, body));
  return { url: `${server.url}/test-hooks/mozrest`, seen: server.seen };
}

describe('http driver', () => {
  it('POSTs {action, venueId, orderId, params} with the bearer token and returns the JSON result', async () => {
    const { url, seen } = await hook((res) => json(res, 200, { ok: true, checkNumber: '1' }));
    const driver = createHttpDriver({ url, token: TOKEN, venueId: 'V1', redactor: knowing(TOKEN) });
    const items = [{ name: 'Steak', price: 40, quantity: 2 }];

    const outcome = await driver.perform('add-items', { orderId: '98765', items }, 2000);

    expect(outcome).toEqual({ ok: true, result: { ok: true, checkNumber: '1' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('/test-hooks/mozrest');
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ action: 'add-items', venueId: 'V1', orderId: '98765', params: { items } });
  });

  it('sends orderId null when the action has no order, and no Authorization without a token', async () => {
    const { url, seen } = await hook((res) => json(res, 201, { ok: true, orderId: 'W-1' }));
    const driver = createHttpDriver({ url, venueId: 'V1', redactor: new Redactor() });

    const outcome = await driver.perform('open-walk-in', { tables: ['T3'], partySize: 4 }, 2000);

    expect(outcome).toEqual({ ok: true, result: { ok: true, orderId: 'W-1' } });
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ action: 'open-walk-in', venueId: 'V1', orderId: null, params: { tables: ['T3'], partySize: 4 } });
  });

  it('reports a non-2xx answer with its status and the start of the body, token masked', async () => {
    const { url } = await hook((res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`boom: token ${TOKEN} rejected ${'x'.repeat(500)}`);
    });
    const driver = createHttpDriver({ url, token: TOKEN, venueId: 'V1', redactor: knowing(TOKEN) });

    const outcome = await driver.perform('void-order', { orderId: '1' }, 2000);

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('driver-http-500');
    expect(outcome.message).toMatch(/^the automation hook answered 500: boom: token \*\*\* rejected x+…$/);
    expect(outcome.message).not.toContain(TOKEN);
    expect(outcome.message.length).toBeLessThan(260);
  });

  it('rejects a 2xx answer that is not a JSON object', async () => {
    const { url } = await hook((res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>ok</html>');
    });
    const driver = createHttpDriver({ url, venueId: 'V1', redactor: new Redactor() });

    const outcome = await driver.perform('void-order', { orderId: '1' }, 2000);

    expect(outcome).toMatchObject({ ok: false, code: 'driver-bad-json' });
    if (!outcome.ok) expect(outcome.message).toContain('<html>ok</html>');
  });

  it('turns {"ok": false, "message"} into driver-action-failed', async () => {
    const { url } = await hook((res) => json(res, 200, { ok: false, message: 'check 7 does not exist' }));
    const driver = createHttpDriver({ url, venueId: 'V1', redactor: new Redactor() });

    const outcome = await driver.perform('void-check', { orderId: '1', checkNumber: '7' }, 2000);

    expect(outcome).toEqual({
      ok: false,
      code: 'driver-action-failed',
      message: 'the automation hook reported that "void-check" failed: check 7 does not exist',
    });
  });

  it('gives up at the timeout with driver-timeout', async () => {
    const { url } = await hook(() => {
      // Never answers.
    });
    const driver = createHttpDriver({ url, token: TOKEN, venueId: 'V1', redactor: knowing(TOKEN) });

    const started = Date.now();
    const outcome = await driver.perform('split-check', { orderId: '1', parts: 2 }, 150);

    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcome).toMatchObject({ ok: false, code: 'driver-timeout' });
    if (!outcome.ok) expect(outcome.message).toMatch(/did not answer "split-check" within 150 ms$/);
  });

  it('stops at once when the run is interrupted', async () => {
    const { url } = await hook(() => undefined);
    const interrupt = new AbortController();
    const driver = createHttpDriver({ url, venueId: 'V1', redactor: new Redactor(), signal: interrupt.signal });
    setTimeout(() => interrupt.abort(), 50);
    expect(await driver.perform('void-order', { orderId: '1' }, 5000)).toMatchObject({ ok: false, code: 'driver-aborted' });
  });

  it('reports an unreachable hook without leaking a token placed in its URL', async () => {
    const { url } = await hook(() => undefined);
    await closeRecordingServers(); // nothing listens there any more
    const redactor = new Redactor();
    redactor.add(TOKEN);
    const driver = createHttpDriver({ url: `${url}?key=${TOKEN}`, token: TOKEN, venueId: 'V1', redactor });

    const outcome = await driver.perform('void-order', { orderId: '1' }, 2000);

    expect(outcome).toMatchObject({ ok: false, code: 'driver-unreachable' });
    if (!outcome.ok) {
      expect(outcome.message).toContain('connection refused');
      expect(outcome.message).toContain('ECONNREFUSED');
      expect(outcome.message).not.toContain(TOKEN);
    }
  });

  it('the registry, which reads the token from its variable, registers it with the redactor so reports mask it too', () => {
    const redactor = new Redactor();
    createDriver({ kind: 'http', url: 'http://127.0.0.1:9/hook', tokenEnv: 'HOOK_TOKEN' }, { venueId: 'V1', redactor, env: { HOOK_TOKEN: TOKEN } });
    expect(redactor.redact(`Bearer ${TOKEN}`)).toBe('Bearer ***');
  });
});

describe('createDriver (http)', () => {
  it('reads the token from tokenEnv', async () => {
    const { url, seen } = await hook((res) => json(res, 200, { ok: true }));
    const driver = createDriver({ kind: 'http', url, tokenEnv: 'HOOK_TOKEN' }, { venueId: 'V1', redactor: new Redactor(), env: { HOOK_TOKEN: TOKEN } });
    await driver.perform('void-order', { orderId: '1' }, 2000);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('refuses a missing token variable and a token over plain http to another host', () => {
    const deps = { venueId: 'V1', redactor: new Redactor(), env: { HOOK_TOKEN: TOKEN } };
    expect(() => createDriver({ kind: 'http', url: 'https://pos.example/hook', tokenEnv: 'NOPE' }, deps)).toThrow(DriverConfigError);
    expect(() => createDriver({ kind: 'http', url: 'http://pos.example/hook', tokenEnv: 'HOOK_TOKEN' }, deps)).toThrow(/plain http/);
    expect(() => createDriver({ kind: 'http', url: 'http://pos.example/hook' }, deps)).not.toThrow();
    expect(() => createDriver({ kind: 'http', url: 'https://pos.example/hook', tokenEnv: 'HOOK_TOKEN' }, deps)).not.toThrow();
  });
});
