import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PosAccreditError } from '../../src/core/errors.js';
import { resolveConfig, type RunFlags } from '../../src/config/resolve-config.js';
import { LoadError } from '../../src/core/diagnostic.js';
import { tempDir } from '../helpers/cli.js';

const NOW = new Date('2026-11-27T10:20:30.456Z');
const REPORTERS = ['console', 'json'];

function resolveIn(cwd: string, flags: RunFlags = {}, env: Record<string, string> = {}) {
  return resolveConfig({ flags, suites: [], env, cwd, now: NOW, knownReporters: REPORTERS, stdoutIsTTY: false });
}

function withConfig(yaml: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'pos-accredit.yaml'), yaml);
  return dir;
}

describe('resolveConfig', () => {
  it('defaults: embedded target, 10 s timeout, console+json, timestamped report folder', () => {
    const dir = tempDir();
    const c = resolveIn(dir);
    expect(c.baseUrl).toBeUndefined();
    expect(c.timeoutMs).toBe(10_000);
    expect(c.reporters).toEqual(['console', 'json']);
    expect(c.tokenEnv).toBe('POS_ACCREDIT_TOKEN');
    expect(c.outDir).toBe(join(dir, 'reports', '2026-11-27T10-20-30-456Z'));
    expect(c.color).toBe(false);
  });

  it('flags win over env, env over the file, the file over defaults', () => {
    const dir = withConfig('target:\n  baseUrl: http://file.example\n  venue: file-venue\nrun:\n  timeout: 3s\n  strict: true\n');
    expect(resolveIn(dir).baseUrl).toBe('http://file.example');
    expect(resolveIn(dir).timeoutMs).toBe(3000);
    expect(resolveIn(dir).strict).toBe(true);
    const env = { POS_ACCREDIT_BASE_URL: 'http://env.example/', POS_ACCREDIT_TIMEOUT: '250ms', POS_ACCREDIT_STRICT: 'false' };
    expect(resolveIn(dir, {}, env).baseUrl).toBe('http://env.example');
    expect(resolveIn(dir, {}, env).timeoutMs).toBe(250);
    expect(resolveIn(dir, {}, env).strict).toBe(false);
    expect(resolveIn(dir, {}, env).venue).toBe('file-venue');
    const flags = { baseUrl: 'http://flag.example', timeout: '7000', strict: true };
    expect(resolveIn(dir, flags, env).baseUrl).toBe('http://flag.example');
    expect(resolveIn(dir, flags, env).timeoutMs).toBe(7000);
    expect(resolveIn(dir, flags, env).strict).toBe(true);
  });

  it('reporters and filters from a comma-separated variable', () => {
    const c = resolveIn(tempDir(), {}, { POS_ACCREDIT_REPORTERS: 'json', POS_ACCREDIT_TAGS: 'auth, tables', POS_ACCREDIT_IDS: 'ORD-*' });
    expect(c.reporters).toEqual(['json']);
    expect(c.tags).toEqual(['auth', 'tables']);
    expect(c.ids).toEqual(['ORD-*']);
  });

  it('a bad value names its source: the flag, the variable', () => {
    const dir = tempDir();
    expect(() => resolveIn(dir, { timeout: 'soon' })).toThrow(/^--timeout: "soon" is not a duration$/);
    expect(() => resolveIn(dir, {}, { POS_ACCREDIT_TIMEOUT: 'soon' })).toThrow(/^POS_ACCREDIT_TIMEOUT: "soon"/);
    expect(() => resolveIn(dir, { reporter: ['pdf'] })).toThrow(/--reporter: unknown reporter "pdf"/);
    expect(() => resolveIn(dir, { baseUrl: 'pos.example.com' })).toThrow(/--base-url: "pos.example.com" is not a URL/);
    expect(() => resolveIn(dir, { baseUrl: 'https://user:secret@pos.example.com' })).toThrow(/must not carry credentials/);
    expect(() => resolveIn(dir, { tokenEnv: 'abc def' })).toThrow(PosAccreditError);
    expect(() => resolveIn(dir, {}, { POS_ACCREDIT_STRICT: 'maybe' })).toThrow(/POS_ACCREDIT_STRICT: "maybe" is not true or false/);
  });

  it('a bad value in the file names its position', () => {
    const dir = withConfig('run:\n  timeout: 250\n');
    expect(resolveIn(dir).timeoutMs).toBe(250);
    expect(() => resolveIn(withConfig('run:\n  timeout: 10\n'))).toThrow(/pos-accredit.yaml:2:12: 10 ms is too short/);
    const bad = withConfig('report:\n  reporters: [console, pdf]\n');
    expect(() => resolveIn(bad)).toThrow(/pos-accredit.yaml:2:14: unknown reporter "pdf"/);
  });

  it('an unknown key in the config file is an error with its position and a suggestion', () => {
    const dir = withConfig('target:\n  baseUrl: http://x.example\n  venu: v1\n');
    let error: unknown;
    try {
      resolveIn(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LoadError);
    const [d] = (error as LoadError).diagnostics;
    expect(d).toMatchObject({ code: 'unknown-key', message: 'unknown key "venu"', pos: { file: 'pos-accredit.yaml', line: 3, col: 3 } });
    expect(d?.hint).toContain('did you mean "venue"?');
  });

  it('--config pointing nowhere is an error', () => {
    expect(() => resolveIn(tempDir(), { config: 'nope.yaml' })).toThrow(/--config: nope.yaml does not exist/);
  });

  it('bundle: flag > POS_ACCREDIT_BUNDLE > bundle.path, paths made absolute, each with its source', () => {
    const dir = withConfig('bundle:\n  path: evidence/b1\n  signingKey: keys/acme.key\n');
    expect(resolveIn(tempDir()).bundle).toBeUndefined();
    expect(resolveIn(dir).bundle).toEqual({ dir: join(dir, 'evidence/b1'), source: 'pos-accredit.yaml:2:9', signingKey: { path: join(dir, 'keys/acme.key'), source: 'pos-accredit.yaml:3:15' } });
    const env = { POS_ACCREDIT_BUNDLE: 'env-bundle', POS_ACCREDIT_SIGNING_KEY: '/keys/env.key' };
    expect(resolveIn(dir, {}, env).bundle).toEqual({ dir: join(dir, 'env-bundle'), source: 'POS_ACCREDIT_BUNDLE', signingKey: { path: '/keys/env.key', source: 'POS_ACCREDIT_SIGNING_KEY' } });
    expect(resolveIn(dir, { bundle: 'flag-bundle', signingKey: 'flag.key' }, env).bundle).toEqual({ dir: join(dir, 'flag-bundle'), source: '--bundle', signingKey: { path: join(dir, 'flag.key'), source: '--signing-key' } });
    expect(resolveIn(tempDir(), { bundle: 'b' }).bundle?.signingKey).toBeUndefined();
  });

  it('--signing-key without a bundle is a usage error; an unknown bundle key in the file is named', () => {
    expect(() => resolveIn(tempDir(), { signingKey: 'k.key' })).toThrow(/^--signing-key signs a bundle, but no --bundle PATH was given$/);
    // From the environment alone it waits for a bundle (a CI default), and is not an error.
    expect(resolveIn(tempDir(), {}, { POS_ACCREDIT_SIGNING_KEY: 'k.key' }).bundle).toBeUndefined();
    expect(() => resolveIn(withConfig('bundle:\n  key: k.key\n'))).toThrow(LoadError);
  });
});

describe('resolveConfig: the forbidden venue (check 8.1/7)', () => {
  it('comes from --forbidden-venue, POS_ACCREDIT_FORBIDDEN_VENUE or target.forbiddenVenue, in that order', () => {
    const dir = withConfig('target:\n  baseUrl: http://pos.example\n  venue: v1\n  forbiddenVenue: file-venue\n');
    expect(resolveIn(dir).forbiddenVenue).toBe('file-venue');
    expect(resolveIn(dir, {}, { POS_ACCREDIT_FORBIDDEN_VENUE: 'env-venue' }).forbiddenVenue).toBe('env-venue');
    expect(resolveIn(dir, { forbiddenVenue: 'flag-venue' }, { POS_ACCREDIT_FORBIDDEN_VENUE: 'env-venue' }).forbiddenVenue).toBe('flag-venue');
    expect(resolveIn(tempDir()).forbiddenVenue).toBeUndefined();
  });
});
