// Built-in template functions: generated values in the formats the contract uses, and small
// list helpers so suites can pick free tables without hard-coding ids.
import { randomUUID } from 'node:crypto';
import { fillPath } from '../../contract/contract.js';
import { TemplateError } from './suite-fault.js';
import { type Scope } from './scope.js';

export interface Builtin {
  /** Receives evaluated arguments (or, when byName, the variable names). */
  call(args: unknown[], scope: Scope): unknown;
  byName?: boolean;
  doc: string;
}

const seconds = (v: unknown): number => (typeof v === 'number' ? v : 0);
const clock = (scope: Scope): Date => {
  const now = scope.get('__now');
  return typeof now === 'function' ? (now as () => Date)() : new Date();
};
const shifted = (scope: Scope, offset: unknown): Date => new Date(clock(scope).getTime() + seconds(offset) * 1000);
const pad = (n: number): string => String(n).padStart(2, '0');

export function formatYmdHis(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** ISO 8601 without milliseconds, in UTC (`Z`) or at a fixed offset such as `+02:00`. */
export function formatIso(d: Date, offset = 'Z'): string {
  if (offset === 'Z') return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) throw new TemplateError(`offset "${offset}" is not like +02:00`, offset);
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const local = new Date(d.getTime() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${offset}`;
}

let counter = 0;

export const BUILTINS: Record<string, Builtin> = {
  uuid: { doc: 'a fresh random UUID', call: () => randomUUID() },
  unique: {
    doc: "unique('prefix'): prefix-<runId>-<n>, unique within and across runs",
    call: ([prefix], scope) => `${String(prefix ?? 'id')}-${String(scope.get('runId'))}-${++counter}`,
  },
  ymdHis: {
    doc: 'ymdHis(offsetSeconds?): UTC time as Y-m-d H:i:s (the Create Order `date` format)',
    call: ([offset], scope) => formatYmdHis(shifted(scope, offset)),
  },
  isoTime: {
    doc: "isoTime(offsetSeconds?, '+02:00'?): ISO 8601 time, Z unless an offset is given",
    call: ([offset, zone], scope) => formatIso(shifted(scope, offset), typeof zone === 'string' ? zone : 'Z'),
  },
  take: {
    doc: 'take(list): removes and returns the first element of a list variable (e.g. free tables)',
    byName: true,
    call: ([name], scope) => {
      const list = scope.get(String(name));
      if (!Array.isArray(list)) throw new TemplateError(`take(${String(name)}): not a list`, String(name));
      if (list.length === 0) throw new TemplateError(`take(${String(name)}): the list is empty (no free tables left?)`, String(name), 'list-exhausted');
      return list.shift();
    },
  },
  without: {
    doc: 'without(list, other): the elements of list not in other (other may be nested)',
    call: ([list, other]) => {
      const exclude = new Set(Array.isArray(other) ? other.flat(Infinity) : [other]);
      return (Array.isArray(list) ? list : []).filter((v) => !exclude.has(v));
    },
  },
  shuffle: {
    doc: 'shuffle(list): the elements in random order (so concurrent runs reach for different tables)',
    call: ([list]) => {
      const out = Array.isArray(list) ? [...list] : [];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  },
  first: {
    doc: 'first(list): the first element',
    call: ([list]) => {
      if (!Array.isArray(list) || list.length === 0) throw new TemplateError('first(): the list is empty', 'first');
      return list[0];
    },
  },
  fill: {
    doc: "fill(contract.paths.getOrder, venue, orderId): fills a contract path's {placeholders} in order",
    call: ([template, ...values]) => {
      if (typeof template !== 'string') throw new TemplateError('fill() takes a path template first', 'fill');
      try {
        return fillPath(template, values);
      } catch (err) {
        throw new TemplateError((err as Error).message, 'fill');
      }
    },
  },
  count: { doc: 'count(list): number of elements', call: ([list]) => (Array.isArray(list) ? list.length : 0) },
  text: {
    doc: 'text(value): a number or string as text, each element of a list as text (ids compared whatever their JSON type)',
    call: ([value]) => (Array.isArray(value) ? value.map(asText) : asText(value)),
  },
};

/** Scalars as the text they read as; anything else as its JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value) ?? '';
}
