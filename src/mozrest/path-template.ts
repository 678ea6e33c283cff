// Contract path templates such as `/{venueId}/order/{orderId}/close`, matched against the paths
// the POS actually calls. A placeholder matches exactly one path segment, URL-decoded.

/** Mozrest's POS API lives under this prefix on both sandbox and production hosts (§1.2). */
export const BASE_PATH = '/v1/pos';

export interface PathTemplate {
  readonly template: string;
  /** Placeholder names in order of appearance, e.g. ['venueId', 'orderId']. */
  readonly params: readonly string[];
  /** Parameters when `relative` (a path below BASE_PATH) fits the template; undefined otherwise. */
  match(relative: string): Record<string, string> | undefined;
}

export function compileTemplate(template: string): PathTemplate {
  const normalized = template.startsWith('/') ? template : `/${template}`;
  const params: string[] = [];
  const source = normalized
    .split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(part.slice(1, -1));
      return '([^/]+)';
    })
    .join('');
  const pattern = new RegExp(`^${source}$`);

  return {
    template: normalized,
    params,
    match(relative) {
      const found = pattern.exec(relative);
      if (!found) return undefined;
      const values: Record<string, string> = {};
      for (const [i, name] of params.entries()) {
        // A malformed escape like `%E0%A4%A` cannot name anything that exists.
        try {
          values[name] = decodeURIComponent(found[i + 1] ?? '');
        } catch {
          return undefined;
        }
      }
      return values;
    },
  };
}

/** `/v1/pos/V1/order?x=1` → `/V1/order`; undefined when the path is outside the base. */
export function relativeToBase(path: string): string | undefined {
  const pathname = path.split(/[?#]/, 1)[0] ?? '';
  if (pathname === BASE_PATH) return '';
  return pathname.startsWith(`${BASE_PATH}/`) ? pathname.slice(BASE_PATH.length) : undefined;
}

/** Decoded segments of a received path below the base (for spotting an id in a path no route matched). */
export function pathSegments(path: string): string[] {
  const relative = relativeToBase(path) ?? path.split(/[?#]/, 1)[0] ?? '';
  return relative
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
