// JSON Schemas the suites refer to by file name (suites/schemas/*.json), compiled once with ajv.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaIssue } from '../core/evidence.js';
import { createAjv } from '../source/ajv.js';
import { preview } from '../core/words/preview.js';

export class SchemaRegistry {
  readonly #ajv = createAjv();
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(readonly dir: string) {}

  /** Loads every *.json in the folder; returns file names that failed to compile with why. */
  loadAll(): { file: string; message: string }[] {
    const problems: { file: string; message: string }[] = [];
    let files: string[] = [];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return [{ file: this.dir, message: 'schema folder not found' }];
    }
    const schemas: [string, object][] = [];
    for (const file of files) {
      try {
        const schema = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as object;
        // Files can $ref each other by file name.
        this.#ajv.addSchema(schema, file);
        schemas.push([file, schema]);
      } catch (err) {
        problems.push({ file: join(this.dir, file), message: (err as Error).message });
      }
    }
    for (const [file] of schemas) {
      try {
        const validate = this.#ajv.getSchema(file);
        if (validate) this.#validators.set(file, validate);
      } catch (err) {
        problems.push({ file: join(this.dir, file), message: (err as Error).message });
      }
    }
    return problems;
  }

  has(ref: string): boolean {
    return this.#validators.has(ref);
  }

  names(): string[] {
    return [...this.#validators.keys()];
  }

  validate(ref: string, data: unknown): SchemaIssue[] {
    const validate = this.#validators.get(ref);
    if (!validate) return [{ pointer: '', message: `unknown schema ${ref}` }];
    return validate(data) ? [] : describeSchemaErrors(validate.errors ?? [], data);
  }
}

/** Turns ajv's errors into one readable issue per problem, naming pointer, property, expected, actual. */
export function describeSchemaErrors(errors: ErrorObject[], data: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // oneOf/anyOf summaries repeat what their branches said.
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const issue = describe(e, data);
    const key = `${issue.pointer}|${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function describe(e: ErrorObject, data: unknown): SchemaIssue {
  const pointer = e.instancePath;
  const lastSegment = pointer.split('/').pop() ?? '';
  const property = pointer === '' ? undefined : lastSegment.replace(/~1/g, '/').replace(/~0/g, '~');
  const actual = valueAt(data, pointer);
  const where = pointer === '' ? 'the body' : pointer;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { pointer, property: String(p.missingProperty), message: `${where} is missing required property "${String(p.missingProperty)}"`, expected: `property "${String(p.missingProperty)}"`, actual: 'absent' };
    case 'additionalProperties':
      return { pointer, property: String(p.additionalProperty), message: `${where} has unexpected property "${String(p.additionalProperty)}"`, expected: 'no other properties', actual: String(p.additionalProperty) };
    case 'type':
      return { pointer, property, message: `${where} must be ${String(p.type)}, got ${typeName(actual)} ${short(actual)}`, expected: p.type, actual };
    case 'enum':
      return { pointer, property, message: `${where} must be one of ${JSON.stringify(p.allowedValues)}, got ${short(actual)}`, expected: p.allowedValues, actual };
    case 'const':
      return { pointer, property, message: `${where} must be ${JSON.stringify(p.allowedValue)}, got ${short(actual)}`, expected: p.allowedValue, actual };
    default:
      return { pointer, property, message: `${where} ${e.message ?? 'is invalid'}${actual === undefined ? '' : `, got ${short(actual)}`}`, expected: e.schemaPath, actual };
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const short = (v: unknown): string => preview(v, 60);
