// Selecting values from JSON: RFC 9535 JSONPath (`$.checks[*].status`) or RFC 6901 JSON Pointer
// (`/checks/0/status`). A singular selection yields one value; a non-singular one a list.
import { paths as jsonPaths, query } from 'jsonpath-rfc9535';
import { SuiteFault } from './suite-fault.js';

export interface Selection {
  /** The selected nodes, in document order. */
  values: unknown[];
  /** JSON Pointers of the selected nodes, for messages. */
  pointers: string[];
  /** True for a JSON Pointer or a JSONPath without wildcards, slices, filters or descendants. */
  singular: boolean;
}

export class SelectError extends SuiteFault {}

export function isJsonPath(path: string): boolean {
  return path.startsWith('$');
}

export function select(document: unknown, path: string): Selection {
  if (isJsonPath(path)) {
    let values: unknown[];
    let normalized: string[];
    try {
      values = query(document as never, path) as unknown[];
      normalized = jsonPaths(document as never, path) as string[];
    } catch (err) {
      throw new SelectError(`invalid JSONPath "${path}": ${(err as Error).message}`);
    }
    return { values, pointers: normalized.map(normalizedToPointer), singular: isSingularPath(path) };
  }
  if (path !== '' && !path.startsWith('/')) throw new SelectError(`"${path}" is neither a JSONPath ($…) nor a JSON Pointer (/…)`);
  const found = resolvePointer(document, path);
  return { values: found.ok ? [found.value] : [], pointers: found.ok ? [path] : [], singular: true };
}

/** A singular query in RFC 9535 terms: only name and index segments. */
export function isSingularPath(path: string): boolean {
  return !/\*|\.\.|\?|:|,/.test(path.replace(/'[^']*'|"[^"]*"/g, ''));
}

export function resolvePointer(document: unknown, pointer: string): { ok: true; value: unknown } | { ok: false } {
  if (pointer === '') return { ok: true, value: document };
  let value: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value) && /^\d+$/.test(key) && Number(key) < value.length) value = value[Number(key)];
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)) {
      value = (value as Record<string, unknown>)[key];
    } else return { ok: false };
  }
  return { ok: true, value };
}

/** `$['checks'][0]['status']` → `/checks/0/status`. */
function normalizedToPointer(normalized: string): string {
  const parts = [...normalized.matchAll(/\[(?:'((?:[^'\\]|\\.)*)'|(\d+))\]/g)].map((m) =>
    (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? '').replace(/~/g, '~0').replace(/\//g, '~1'),
  );
  return parts.length ? `/${parts.join('/')}` : '';
}
