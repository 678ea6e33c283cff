// Load-time check that every `{{ … }}` in a suite reads a variable that will exist when the step
// runs: one the engine provides, one captured or set by an earlier step, or a built-in function.
import { BUILTINS } from './language/template-functions.js';
import { placeholders, referencedNames } from './language/template.js';
import { TemplateError } from './language/suite-fault.js';
import { closest, type Diagnostic } from '../core/diagnostic.js';
import type { YamlSource } from '../source/yaml-source.js';

type Path = (string | number)[];

/**
 * Checks step lists in order; names defined by earlier lists are visible to later ones.
 * Returns every name the lists define (captures and `set` keys).
 */
export function checkTemplates(src: YamlSource, lists: { path: Path }[], known: readonly string[], out: Diagnostic[]): string[] {
  const defined = new Set(known);
  const added: string[] = [];
  for (const { path } of lists) {
    const raws = valueAt(src.data, path);
    if (!Array.isArray(raws)) continue;
    raws.forEach((raw: { capture?: object; set?: object; let?: object; lease?: object; forEach?: unknown; as?: unknown }, i) => {
      const define = (names: string[]): void => {
        for (const name of names) {
          defined.add(name);
          added.push(name);
        }
      };
      const check = (text: string, at: Path): void => checkString(src, text, at, defined, out);
      // `let` runs first, key by key, then `lease`; the step sees their keys; captures then `set` come after.
      for (const [key, value] of Object.entries(raw.let ?? {})) {
        walk(value, [...path, i, 'let', key], check);
        define([key]);
      }
      for (const [key, value] of Object.entries(raw.lease ?? {})) {
        walk(value, [...path, i, 'lease', key], check);
        define([key]);
      }
      if (raw.forEach !== undefined) {
        // The element variable and the iteration's captures live inside the loop only.
        walk({ ...raw, set: undefined, let: undefined, lease: undefined, steps: undefined, cleanup: undefined }, [...path, i], check);
        const inner = typeof raw.as === 'string' ? [...defined, raw.as] : [...defined];
        checkTemplates(src, [{ path: [...path, i, 'steps'] }, { path: [...path, i, 'cleanup'] }], inner, out);
        return;
      }
      walk({ ...raw, set: undefined, let: undefined, lease: undefined }, [...path, i], check);
      define(Object.keys(raw.capture ?? {}));
      for (const [key, value] of Object.entries(raw.set ?? {})) {
        walk(value, [...path, i, 'set', key], check);
        define([key]);
      }
    });
  }
  return added;
}

function walk(value: unknown, path: Path, visit: (text: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'name') walk(v, [...path, k], visit);
  }
}

function checkString(src: YamlSource, text: string, path: Path, defined: Set<string>, out: Diagnostic[]): void {
  for (const ph of placeholders(text)) {
    const pos = src.pos(path);
    // Point at the placeholder itself when the scalar sits on one line.
    const sameLine = !text.slice(0, ph.index).includes('\n');
    const at = sameLine ? { ...pos, col: pos.col + ph.index + (src.quoted(path) ? 1 : 0) } : pos;
    let names;
    try {
      names = referencedNames(ph.expression);
    } catch (err) {
      out.push({ code: 'bad-template', message: (err as TemplateError).message, pos: at, length: ph.length });
      continue;
    }
    for (const fn of names.functions) {
      if (!(fn in BUILTINS)) {
        const guess = closest(fn, Object.keys(BUILTINS));
        out.push({ code: 'unknown-function', message: `unknown function "${fn}()"`, pos: at, length: ph.length, hint: guess ? `did you mean "${guess}()"?` : `functions: ${Object.keys(BUILTINS).join(', ')}` });
      }
    }
    for (const root of names.roots) {
      if (!defined.has(root)) {
        const guess = closest(root, [...defined]);
        out.push({
          code: 'undefined-variable', message: `undefined variable "${root}"`, pos: at, length: ph.length,
          hint: guess ? `did you mean "${guess}"?` : `variables here: ${[...defined].join(', ')} (captures become visible to later steps)`,
        });
      }
    }
  }
}

function valueAt(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}
