// A collector of validation problems keyed by field path, shared by the E2 body validator and the
// fixture loader. The shape `{ "<path>": ["message", …] }` is the `details` object of Mozrest's
// error envelope (§2.5, Symfony-validator style), so E2 can send it as is.

export type Details = Record<string, string[]>;

export class Problems {
  readonly #byPath = new Map<string, string[]>();

  add(path: string, message: string): void {
    const list = this.#byPath.get(path);
    if (list) list.push(message);
    else this.#byPath.set(path, [message]);
  }

  get isEmpty(): boolean {
    return this.#byPath.size === 0;
  }

  toDetails(): Details {
    return Object.fromEntries(this.#byPath);
  }

  /** One line per problem, for error messages meant for a terminal. */
  toLines(): string[] {
    return [...this.#byPath].flatMap(([path, messages]) => messages.map((m) => `${path || '(root)'}: ${m}`));
  }
}

/** `items` + 0 + `name` → `items[0].name`; the empty parent is the root. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
