// URL helpers: joining a base with a request path, and origin comparison.

const ABSOLUTE = /^https?:\/\//i;

export function isAbsoluteHttpUrl(path: string): boolean {
  return ABSOLUTE.test(path);
}

/**
 * Joins the base URL's path prefix with a request path, without doubling or dropping the slash.
 * The request path is kept as given (not re-normalised), so odd paths a test sends on purpose
 * reach the POS unchanged. Returns the full URL string.
 */
export function joinUrl(base: URL, path: string): string {
  if (isAbsoluteHttpUrl(path)) return path;
  const prefix = base.pathname.replace(/\/+$/, '');
  let rest: string;
  if (path === '') rest = prefix === '' ? '/' : '';
  else if (path.startsWith('?') || path.startsWith('#')) rest = path;
  else rest = '/' + path.replace(/^\/+/, '');
  return `${base.origin}${prefix}${rest}`;
}

/**
 * Splits a full URL string into origin and request target (path + query, no fragment). The raw
 * path text is kept when present, so it is sent exactly as the caller wrote it.
 */
export function splitUrl(url: string): { origin: string; target: string; host: string } {
  const parsed = new URL(url);
  const authorityStart = url.indexOf('//') + 2;
  const pathStart = url.indexOf('/', authorityStart);
  const beforePath = pathStart === -1 ? url : url.slice(0, pathStart);
  let target: string;
  if (pathStart === -1 || /[?#]/.test(beforePath.slice(authorityStart))) {
    target = parsed.pathname + parsed.search;
  } else {
    target = url.slice(pathStart).split('#')[0] ?? '/';
  }
  return { origin: parsed.origin, target: target === '' ? '/' : target, host: hostPort(parsed) };
}

export function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

/** What a run may say about the base URL it was given (the `target` run variable). */
export interface TargetFacts {
  baseUrl: string;
  /** `https` or `http`. */
  scheme: string;
  /** Host name or address, without IPv6 brackets. */
  host: string;
  /** The host is this machine: `localhost` (or `*.localhost`), 127.0.0.0/8 or ::1. */
  loopback: boolean;
  /** `https`; `http-loopback` (plain http to this machine, for local development); `http` (to any other host). */
  transport: 'https' | 'http-loopback' | 'http';
}

export function targetFacts(baseUrl: string): TargetFacts {
  const url = new URL(baseUrl);
  const scheme = url.protocol.replace(/:$/, '');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback = isLoopbackHost(host);
  const transport = scheme === 'https' ? 'https' : loopback ? 'http-loopback' : 'http';
  return { baseUrl, scheme, host, loopback, transport };
}

/** localhost (RFC 6761: any name under it), 127.0.0.0/8, ::1 and ::ffff:127.x.x.x. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return h.startsWith('127.');
  if (h === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(h)) return true;
  // IPv4-mapped: WHATWG URLs write ::ffff:127.0.0.1 as ::ffff:7f00:1.
  return /^::ffff:(127\.\d+\.\d+\.\d+|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(h);
}
