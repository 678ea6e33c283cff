// `{{ expression }}` templates. Expressions are deliberately tiny: a dotted path into the scope
// (`venue`, `order.id`, `tables[0]`, `contract.paths.getOrder`) or a call of a built-in
// function with literal or path arguments (`ymdHis(-3600)`, `take(freeTables)`). No eval.
import type { Scope } from './scope.js';
import { TemplateError } from './suite-fault.js';
import { BUILTINS, type Builtin } from './template-functions.js';

const PLACEHOLDER = /\{\{\s*(.*?)\s*\}\}/g;

type Expr =
  | { kind: 'path'; root: string; rest: (string | number)[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'call'; name: string; args: Expr[] };

/** Every `{{ … }}` in a string with its offset, for static checks at load time. */
export function placeholders(text: string): { expression: string; index: number; length: number }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ expression: m[1] ?? '', index: m.index ?? 0, length: m[0].length }));
}

/** Root names an expression reads, plus the functions it calls (for load-time validation). */
export function referencedNames(expression: string): { roots: string[]; functions: string[] } {
  const roots: string[] = [];
  const functions: string[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'path') roots.push(e.root);
    if (e.kind === 'call') {
      functions.push(e.name);
      e.args.forEach(visit);
    }
  };
  visit(parseExpression(expression));
  return { roots, functions };
}

/** Resolves a template tree: strings are interpolated, objects and arrays walked. */
export function render(template: unknown, scope: Scope): unknown {
  if (typeof template === 'string') return renderString(template, scope);
  if (Array.isArray(template)) return template.map((t) => render(t, scope));
  if (template !== null && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) out[k] = render(v, scope);
    return out;
  }
  return template;
}

/** Like render, but always yields a string (for paths, headers, query values). */
export function renderText(template: unknown, scope: Scope): string {
  const value = render(template, scope);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function renderString(text: string, scope: Scope): unknown {
  const whole = /^\{\{\s*(.*?)\s*\}\}$/.exec(text);
  // A string that is exactly one placeholder keeps the value's type (arrays, numbers …).
  if (whole && placeholders(text).length === 1) return evaluate(parseExpression(whole[1] ?? ''), scope);
  return text.replace(PLACEHOLDER, (_, expression: string) => {
    const value = evaluate(parseExpression(expression), scope);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'call': {
      const fn: Builtin | undefined = BUILTINS[expr.name];
      if (!fn) throw new TemplateError(`unknown function ${expr.name}()`, expr.name);
      // take() needs the variable's name, not its value, to consume from it.
      if (fn.byName) {
        const target = expr.args[0];
        if (target?.kind !== 'path') throw new TemplateError(`${expr.name}() takes a variable name`, expr.name);
        return fn.call([target.root], scope);
      }
      return fn.call(expr.args.map((a) => evaluate(a, scope)), scope);
    }
    case 'path': {
      if (!scope.has(expr.root)) throw new TemplateError(`undefined variable "${expr.root}"`, expr.root);
      let value = scope.get(expr.root);
      for (const key of expr.rest) {
        if (value === null || typeof value !== 'object') {
          throw new TemplateError(`"${expr.root}" has no ${String(key)} (value is ${JSON.stringify(value)})`, expr.root);
        }
        value = (value as Record<string | number, unknown>)[key];
        if (value === undefined) throw new TemplateError(`"${expr.root}" has no ${String(key)}`, expr.root);
      }
      return value;
    }
  }
}

const TOKEN = /\s*(?:(-?\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|([A-Za-z_][\w-]*)|(\S))/y;

type Token = { kind: 'num' | 'str' | 'ident' | 'punct'; text: string };
const isPunct = (t: Token | undefined, text: string): boolean => t?.kind === 'punct' && t.text === text;

export function parseExpression(source: string): Expr {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < source.length && (m = TOKEN.exec(source))) {
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ kind: 'str', text: m[2] ?? m[3] ?? '' });
    else if (m[4] !== undefined) tokens.push({ kind: 'ident', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'punct', text: m[5] });
    if (source.slice(TOKEN.lastIndex).trim() === '') break;
  }
  let i = 0;
  const fail = (why: string): never => {
    throw new TemplateError(`cannot read expression "${source}": ${why}`, source);
  };
  const parse = (): Expr => {
    const t = tokens[i++];
    if (!t) return fail('it is empty');
    if (t.kind === 'num') return { kind: 'literal', value: Number(t.text) };
    if (t.kind === 'str') return { kind: 'literal', value: t.text };
    if (t.kind !== 'ident') return fail(`unexpected "${t.text}"`);
    if (isPunct(tokens[i], '(')) {
      i++;
      const args: Expr[] = [];
      while (tokens[i] && !isPunct(tokens[i], ')')) {
        args.push(parse());
        if (isPunct(tokens[i], ',')) i++;
        else if (tokens[i] && !isPunct(tokens[i], ')')) fail('expected "," or ")" between arguments');
      }
      if (!isPunct(tokens[i++], ')')) fail('missing ")"');
      return { kind: 'call', name: t.text, args };
    }
    const rest: (string | number)[] = [];
    while (isPunct(tokens[i], '.') || isPunct(tokens[i], '[')) {
      if (isPunct(tokens[i++], '.')) {
        const key = tokens[i++];
        if (key?.kind !== 'ident') fail('expected a name after "."');
        rest.push(key!.text);
      } else {
        const index = tokens[i++];
        if (index?.kind !== 'num' && index?.kind !== 'str') fail('expected an index inside "[]"');
        rest.push(index!.kind === 'num' ? Number(index!.text) : index!.text);
        if (!isPunct(tokens[i++], ']')) fail('missing "]"');
      }
    }
    return { kind: 'path', root: t.text, rest };
  };
  const expr = parse();
  if (i < tokens.length) fail(`unexpected "${tokens[i]?.text}"`);
  return expr;
}
