// The suite format's own JSON Schema (docs/schemas/suite-format.schema.json), compiled once, with
// ajv's errors turned into positioned diagnostics.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { closest, type Diagnostic } from '../core/diagnostic.js';
import type { YamlSource } from './yaml-source.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../docs/schemas/suite-format.schema.json', import.meta.url));
const validators = new Map<string, ValidateFunction>();

/** Validates parsed YAML against a published schema; returns positioned diagnostics. */
export function validateAgainstFormat(source: YamlSource, schemaFile = SCHEMA_FILE, what = 'suite'): Diagnostic[] {
  let validate = validators.get(schemaFile);
  if (!validate) {
    validate = createAjv({ verbose: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    validators.set(schemaFile, validate);
  }
  if (validate(source.data)) return [];
  return toDiagnostics(validate.errors ?? [], source, what);
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const ONE_OF_HINTS: Record<string, string> = {
  duration: 'write a duration as milliseconds (500) or with a unit: 250ms, 5s, 1m',
  capture: 'a capture is a JSONPath/Pointer string ("$.id") or { path | header, secret }',
  status: 'status is a code (200) or a list of codes ([401, 403])',
};

function toDiagnostics(errors: ErrorObject[], source: YamlSource, what: string): Diagnostic[] {
  // Branch errors of a oneOf say the same thing several ways; keep one message per place.
  const byPath = new Map<string, Diagnostic>();
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const e of errors) {
    const path = segments(e.instancePath);
    const field = path.at(-1) ?? what;
    const p = e.params as Record<string, unknown>;
    let d: Diagnostic;
    if (oneOfPaths.has(e.instancePath) && e.keyword !== 'additionalProperties') {
      const kind = (e.schemaPath.match(/\$defs\/(\w+)/g) ?? []).pop()?.replace('$defs/', '') ?? '';
      const hint = ONE_OF_HINTS[kind] ?? (field === 'status' ? ONE_OF_HINTS.status : undefined);
      d = { code: 'wrong-type', message: `"${field}" has the wrong form`, pos: source.pos(path), length: source.length(path), hint };
    } else if (e.keyword === 'additionalProperties') {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closest(key, allowed);
      d = {
        code: 'unknown-key', message: `unknown key "${key}"`, pos: source.pos([...path, key], true), length: key.length,
        hint: suggestion ? `did you mean "${suggestion}"? (allowed here: ${allowed.join(', ')})` : `allowed here: ${allowed.join(', ')}`,
      };
    } else if (e.keyword === 'required') {
      d = { code: 'missing-key', message: `missing required key "${String(p.missingProperty)}"`, pos: source.pos(path, true), hint: `add "${String(p.missingProperty)}:" to this ${path.length ? 'mapping' : what}` };
    } else if (e.keyword === 'type') {
      d = { code: 'wrong-type', message: `"${field}" must be ${String(p.type)}`, pos: source.pos(path), length: source.length(path) };
    } else if (e.keyword === 'enum') {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const actual = String(valueAt(source.data, path));
      const suggestion = closest(actual, allowed);
      d = { code: 'bad-value', message: `"${field}" must be one of ${allowed.join(', ')}`, pos: source.pos(path), length: source.length(path), hint: suggestion ? `did you mean "${suggestion}"?` : undefined };
    } else if (e.keyword === 'pattern') {
      d = { code: 'bad-value', message: `"${field}" has the wrong format (must match ${String(p.pattern)})`, pos: source.pos(path), length: source.length(path) };
    } else {
      d = { code: 'invalid', message: `"${field}" ${e.message ?? 'is invalid'}`, pos: source.pos(path), length: source.length(path) };
    }
    const key = `${d.pos.line}:${d.pos.col}:${d.code}:${d.message}`;
    if (!byPath.has(key)) byPath.set(key, d);
  }
  return [...byPath.values()].sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
}

function valueAt(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}
