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
