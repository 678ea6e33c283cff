// Reading the few fields the mock needs out of bodies it has not validated (yet).

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The order's `id` in a body, when it is usable as an id (a string, or a number written as one). */
export function idOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const id = body.id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? String(id) : undefined;
}
