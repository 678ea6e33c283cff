// load: YAML text → validated, typed Suite with positions. Reports every problem it finds at once.
import { COMPARE_OPS, type AwaitStep, type BodyAssertion, type Capture, type Case, type CompareOp, type Expectation, type HeaderAssertion, type LeaseSpec, type PollStep, type Prerequisite, type RequestSpec, type Step, type Suite } from './types.js';
import { closest, LoadError, type Diagnostic } from '../core/diagnostic.js';
import { validateAgainstFormat } from '../source/format-schema.js';
import { readYamlFile, type YamlSource } from '../source/yaml-source.js';
import { parseDuration } from '../core/words/duration.js';
import { checkTemplates } from './check-templates.js';
import { OPTIONAL_RUN_VARIABLES } from './run-variables.js';
import { ACTIONS, isActionName, validateActionParams, type ActionName } from './language/actions.js';
import { unknownCapabilityHint } from '../contract/capabilities.js';
import { placeholders } from './language/template.js';
import { isJsonPath, select } from './language/select.js';
import type { SchemaRegistry } from './schema-registry.js';

type Raw = Record<string, unknown>;
type Path = (string | number)[];

const STEP_KINDS = ['request', 'poll', 'action', 'await', 'mozrest', 'check', 'forEach'] as const;
/** Keys that belong to one step kind only. */
const KIND_KEYS: Record<string, readonly string[]> = {
  action: ['params', 'timeout', 'order'],
  request: ['retry'],
  forEach: ['as', 'steps', 'cleanup'],
};
const DEFAULT_POLL_TIMEOUT = 10_000;
const DEFAULT_POLL_INTERVAL = 250;

export interface LoadSuiteOptions {
  schemas: SchemaRegistry;
  /** Variables the engine provides (venue, token, contract …), for the undefined-variable check. */
  runVariables: readonly string[];
  /** Capability names the contract lists; when given, `requires:` may name only these. */
  capabilities?: readonly string[];
  /** The contract's inferred entries (`paths.getOrder`); when given, `confirms:` may name only these. */
  inferred?: readonly string[];
}

export function loadSuite(file: string, displayName: string, options: LoadSuiteOptions): Suite {
  const source = readYamlFile(file, displayName);
  const formatProblems = validateAgainstFormat(source);
  if (formatProblems.length > 0) throw new LoadError(formatProblems);
  const builder = new SuiteBuilder(source, options);
  const suite = builder.build();
  if (builder.diagnostics.length > 0) throw new LoadError(builder.diagnostics);
  return suite;
}

class SuiteBuilder {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly src: YamlSource, private readonly options: LoadSuiteOptions) {}

  build(): Suite {
    const raw = this.src.data as Raw;
    const name = String(raw.suite);
    const setup = this.steps((raw.setup as Raw[] | undefined) ?? [], ['setup']);
    const teardown = this.steps((raw.teardown as Raw[] | undefined) ?? [], ['teardown']);
    const suiteAfter = this.prerequisites(raw.after, ['after']);
    const ids = (raw.cases as Raw[]).map((c) => String(c.id));
    // A suite's after: holds for the cases below the one it names (every case, for another suite's).
    const cases = (raw.cases as Raw[]).map((c, i) => this.case(c, ['cases', i], name, suiteAfter.filter((p) => !ids.slice(i).includes(p.id))));
    const setupNames = checkTemplates(this.src, [{ path: ['setup'] }], this.options.runVariables, this.diagnostics);
    checkTemplates(this.src, [{ path: ['teardown'] }], [...this.options.runVariables, ...setupNames], this.diagnostics);
    (raw.cases as Raw[]).forEach((_, i) => {
      checkTemplates(this.src, [{ path: ['cases', i, 'steps'] }, { path: ['cases', i, 'cleanup'] }], [...this.options.runVariables, ...setupNames], this.diagnostics);
    });
    return { name, title: String(raw.title), description: raw.description as string | undefined, file: this.src.file, setup, teardown, cases, pos: this.src.pos([]) };
  }

  /**
   * `runAge` / `runRequests` instead of `until` (exactly one of the two ways); a literal runAge
   * is a duration, a template is read at run time as milliseconds.
   */
  private keepUp(poll: Raw, path: Path): NonNullable<PollStep['keepUp']> {
    if (poll.until !== undefined) this.problem([...path, 'until'], 'conflict', 'a poll either waits until: a condition holds, or keeps going for runAge: / runRequests:, not both');
    const age = poll.runAge;
    const runAge = typeof age === 'string' && !age.includes('{{') ? parseDuration(age, 0) : age;
    return { ...(runAge !== undefined ? { runAge } : {}), ...(poll.runRequests !== undefined ? { runRequests: poll.runRequests } : {}) };
  }

  /** `after:` ids with where each is written. */
  private prerequisites(raw: unknown, path: Path): Prerequisite[] {
    return ((raw as string[] | undefined) ?? []).map((id, i) => ({ id, pos: this.src.pos([...path, i]) }));
  }

  private case(raw: Raw, path: Path, suite: string, suiteAfter: Prerequisite[]): Case {
    const own = this.prerequisites(raw.after, [...path, 'after']);
    this.checkRequires((raw.requires as string[] | undefined) ?? [], [...path, 'requires']);
    this.checkNeeds((raw.needs as string[] | undefined) ?? [], [...path, 'needs']);
    return {
      id: String(raw.id),
      title: String(raw.title),
      description: raw.description as string | undefined,
      level: raw.level as Case['level'],
      basis: raw.basis as Case['basis'],
      spec: raw.spec as string[],
      // Which contract entries the case reads (`{{ contract.paths.getOrder }}`): the report names
      // the inferred ones its verdict rests on.
      contractRefs: [...new Set([...JSON.stringify(raw).matchAll(/contract\.(\w+)\.(\w+)/g)].map((m) => `${m[1]}.${m[2]}`))].sort(),
      tags: (raw.tags as string[] | undefined) ?? [],
      requires: (raw.requires as string[] | undefined) ?? [],
      needs: (raw.needs as string[] | undefined) ?? [],
      // The suite's first: a case names its own only when it needs more than its suite does.
      after: [...suiteAfter.filter((p) => !own.some((o) => o.id === p.id)), ...own],
      steps: this.steps(raw.steps as Raw[], [...path, 'steps']),
      cleanup: this.steps((raw.cleanup as Raw[] | undefined) ?? [], [...path, 'cleanup']),
      suite,
      pos: this.src.pos([...path, 'id'], true),
    };
  }

  private steps(raws: Raw[], path: Path): Step[] {
    return raws.flatMap((raw, i) => {
      const step = this.step(raw, [...path, i]);
      return step ? [step] : [];
    });
  }

  private step(raw: Raw, path: Path): Step | undefined {
    const kinds = STEP_KINDS.filter((k) => k in raw);
    if (kinds.length !== 1) {
      if (kinds.length === 0) this.problem(path, 'step-kind', `a step needs one of: ${STEP_KINDS.join(', ')}`);
      else this.problem(path, 'step-kind', `a step has exactly one kind, found ${kinds.join(' and ')}`, 'split it into separate steps');
      return undefined;
    }
    const kind = kinds[0]!;
    for (const [owner, keys] of Object.entries(KIND_KEYS)) {
      if (owner === kind) continue;
      for (const key of keys) if (key in raw) this.problem([...path, key], 'unknown-key', `"${key}" belongs to ${owner} steps only`, undefined, true);
    }
    if (kind === 'forEach') {
      for (const key of ['expect', 'should', 'capture', 'set']) {
        if (key in raw) this.problem([...path, key], 'unknown-key', `"${key}" does not apply to a forEach step`, 'put it on a step inside its steps:', true);
      }
    }
    for (const block of ['expect', 'should']) {
      const exp = raw[block] as Raw | undefined;
      if (!exp) continue;
      if (kind === 'check') {
        for (const key of ['status', 'headers', 'maxDuration']) {
          if (key in exp) this.problem([...path, block, key], 'unknown-key', `"${key}" does not apply to a check step (it checks a value, not an answer)`, 'use schema: or body: assertions on the value', true);
        }
      } else if ('maxDuration' in exp && kind !== 'request' && kind !== 'poll') {
        this.problem([...path, block, 'maxDuration'], 'unknown-key', '"maxDuration" belongs to request and poll steps only', undefined, true);
      }
    }
    const common = {
      name: raw.name as string | undefined,
      basis: raw.basis as Step['basis'],
      expect: raw.expect ? this.expectation(raw.expect as Raw, [...path, 'expect']) : undefined,
      should: raw.should ? this.expectation(raw.should as Raw, [...path, 'should']) : undefined,
      capture: this.captures((raw.capture as Raw | undefined) ?? {}, [...path, 'capture']),
      set: (raw.set as Record<string, unknown> | undefined) ?? {},
      let: (raw.let as Record<string, unknown> | undefined) ?? {},
      ...(raw.lease ? { lease: this.lease(raw, kind, path) } : {}),
      ...(raw.confirms ? { confirms: this.confirms(raw.confirms as string[], [...path, 'confirms']) } : {}),
      pos: this.src.pos([...path, kind], true),
    };
    switch (kind) {
      case 'request':
        return { kind, ...common, request: this.request(raw.request as Raw, [...path, 'request']), ...(raw.retry ? { retry: { status: (raw.retry as { status: number[] }).status, attempts: (raw.retry as { attempts?: number }).attempts ?? 3 } } : {}) };
      case 'poll': {
        const poll = raw.poll as Raw;
        return {
          kind, ...common,
          request: this.request(poll.request as Raw, [...path, 'poll', 'request']),
          ...(poll.until !== undefined ? { until: this.expectation(poll.until as Raw, [...path, 'poll', 'until']) } : {}),
          ...(poll.runAge !== undefined || poll.runRequests !== undefined ? { keepUp: this.keepUp(poll, [...path, 'poll']) } : {}),
          intervalMs: parseDuration(poll.interval, DEFAULT_POLL_INTERVAL),
          timeoutMs: parseDuration(poll.timeout, DEFAULT_POLL_TIMEOUT),
        };
      }
      case 'action':
        this.checkAction(raw, path);
        return { kind, ...common, action: String(raw.action), order: raw.order, params: (raw.params as Raw | undefined) ?? {}, timeoutMs: raw.timeout === undefined ? undefined : parseDuration(raw.timeout, 0) };
      case 'mozrest': {
        const m = raw.mozrest as { failNext: number; status: number; order?: string };
        return { kind, ...common, failNext: { count: m.failNext, status: m.status, ...(m.order !== undefined && { order: m.order }) } };
      }
      case 'check':
        return { kind, ...common, value: raw.check };
      case 'forEach':
        if (typeof raw.as !== 'string') this.problem(path, 'missing-key', 'missing required key "as"', 'name the variable each element is bound to: as: table', true);
        if (!Array.isArray(raw.steps)) this.problem(path, 'missing-key', 'missing required key "steps"', 'list the steps to run for each element under steps:', true);
        return {
          kind, ...common, items: raw.forEach, as: String(raw.as),
          steps: this.steps((raw.steps as Raw[] | undefined) ?? [], [...path, 'steps']),
          cleanup: this.steps((raw.cleanup as Raw[] | undefined) ?? [], [...path, 'cleanup']),
        };
      case 'await': {
        const a = raw.await as Raw;
        const order = typeof a.order === 'string' ? { posId: a.order } : ((a.order as AwaitStep['order'] | undefined) ?? {});
        const where = ((a.where as Raw[] | undefined) ?? []).flatMap((w, i) => this.bodyAssertion(w, [...path, 'await', 'where', i]) ?? []);
        return { kind, ...common, method: String(a.method), path: a.path, order, where, peek: a.peek === true, none: a.none === true, timeoutMs: a.timeout === undefined ? undefined : parseDuration(a.timeout, 0) };
      }
    }
  }

  private request(raw: Raw, path: Path): RequestSpec {
    if ('body' in raw && 'rawBody' in raw) this.problem([...path, 'rawBody'], 'conflict', 'use either body or rawBody, not both', undefined, true);
    return {
      method: String(raw.method),
      path: raw.path,
      query: (raw.query as Raw | undefined) ?? {},
      headers: (raw.headers as Raw | undefined) ?? {},
      auth: (raw.auth as RequestSpec['auth'] | undefined) ?? 'token',
      body: raw.body,
      rawBody: raw.rawBody,
      pos: this.src.pos(path),
    };
  }

  private expectation(raw: Raw, path: Path): Expectation {
    const status = raw.status === undefined ? undefined : { codes: ([] as number[]).concat(raw.status as number | number[]), pos: this.src.pos([...path, 'status']) };
    const maxDuration = raw.maxDuration === undefined ? undefined : { value: raw.maxDuration, pos: this.src.pos([...path, 'maxDuration']) };
    const headers: HeaderAssertion[] = Object.entries((raw.headers as Record<string, Raw> | undefined) ?? {}).map(([name, matcher]) => {
      const [op, value] = Object.entries(matcher)[0] as [CompareOp, unknown];
      if (op === 'matches') this.checkRegex(value, [...path, 'headers', name, op]);
      return { name, op, value, pos: this.src.pos([...path, 'headers', name], true) };
    });
    let schema: Expectation['schema'];
    if (typeof raw.schema === 'string') {
      schema = { ref: raw.schema, pos: this.src.pos([...path, 'schema']) };
      if (!this.options.schemas.has(raw.schema)) {
        const guess = closest(raw.schema, this.options.schemas.names());
        this.problem([...path, 'schema'], 'unknown-schema', `unknown schema "${raw.schema}"`, `${guess ? `did you mean "${guess}"? ` : ''}schemas in ${this.options.schemas.dir}: ${this.options.schemas.names().join(', ')}`);
      }
    }
    const body = ((raw.body as Raw[] | undefined) ?? []).flatMap((a, i) => {
      const assertion = this.bodyAssertion(a, [...path, 'body', i]);
      return assertion ? [assertion] : [];
    });
    return { status, ...(maxDuration ? { maxDuration } : {}), headers, schema, body, pos: this.src.pos(path) };
  }

  private bodyAssertion(raw: Raw, path: Path): BodyAssertion | undefined {
    const ops = Object.keys(raw).filter((k): k is CompareOp => (COMPARE_OPS as readonly string[]).includes(k));
    if (ops.length !== 1) {
      this.problem(path, 'assertion-op', ops.length === 0 ? 'an assertion needs one operator' : `an assertion has exactly one operator, found ${ops.join(', ')}`, `operators: ${COMPARE_OPS.join(', ')}`);
      return undefined;
    }
    const op = ops[0]!;
    this.checkSelector(String(raw.path), [...path, 'path']);
    if (op === 'matches') this.checkRegex(raw[op], [...path, op]);
    if (raw.allowEmpty !== undefined && raw.each !== true) this.problem([...path, 'allowEmpty'], 'unknown-key', '"allowEmpty" goes with each: true (a list that may be empty)', undefined, true);
    return { path: String(raw.path), op, value: raw[op], each: raw.each === true, ...(raw.allowEmpty === true ? { allowEmpty: true } : {}), pos: this.src.pos([...path, 'path']) };
  }

  private captures(raw: Raw, path: Path): Capture[] {
    return Object.entries(raw).map(([name, spec]) => {
      const pos = this.src.pos([...path, name], true);
      if (typeof spec === 'string') {
        this.checkSelector(spec, [...path, name]);
        return { name, from: 'body', path: spec, secret: false, pos };
      }
      if (typeof (spec as Raw).path === 'string') this.checkSelector(String((spec as Raw).path), [...path, name, 'path']);
      const s = spec as Raw;
      const sources = (['path', 'header', 'answer', 'callback'] as const).filter((k) => k in s);
      if (sources.length !== 1) this.problem([...path, name], 'capture-source', 'a capture takes exactly one of path, header, answer, callback', undefined, true);
      const source = sources[0] ?? 'path';
      if (source === 'answer') this.checkSelector(String(s.answer), [...path, name, 'answer']);
      return { name, from: source === 'path' ? 'body' : source, path: String(s[source] ?? ''), secret: s.secret === true, ...(s.optional === true ? { optional: true } : {}), pos };
    });
  }

  /** The action vocabulary is part of the product: an unknown action or a missing parameter is a suite error. */
  /** `confirms:` names inferred entries of the contract profile (a documented one needs no confirming). */
  private confirms(entries: string[], path: Path): string[] {
    const inferred = this.options.inferred;
    if (inferred) {
      entries.forEach((entry, i) => {
        if (inferred.includes(entry)) return;
        const guess = closest(entry, inferred);
        this.problem([...path, i], 'bad-confirm', `"${entry}" is not an inferred detail of the contract profile`, guess ? `did you mean "${guess}"?` : `inferred details: ${inferred.join(', ')}`);
      });
    }
    return entries;
  }

  /**
   * `lease:` on the steps that seat an order: a request (a create) or an action that seats one.
   * Cleanup and teardown give tables back; they never take one.
   */
  private lease(raw: Raw, kind: string, path: Path): Record<string, LeaseSpec> {
    const where = [...path, 'lease'];
    const phase = path.find((p) => p === 'cleanup' || p === 'teardown');
    const seats = kind === 'action' && isActionName(String(raw.action)) && ['seats', 'moves'].includes(ACTIONS[String(raw.action) as ActionName].venue ?? '');
    if (phase !== undefined) {
      this.problem(where, 'bad-lease', `a ${phase} step cannot lease a table: ${phase} closes what the case opened`, 'lease the table in the step that opens the order', true);
    } else if (kind !== 'request' && !seats) {
      this.problem(where, 'bad-lease', `a ${kind === 'action' ? `"${String(raw.action)}" action` : `${kind} step`} cannot lease a table`, 'lease tables on the request that creates the order, or on open-walk-in / move-table', true);
    }
    const out: Record<string, LeaseSpec> = {};
    for (const [name, value] of Object.entries(raw.lease as Raw)) {
      const clash = ['let', 'set', 'capture'].find((block) => Object.hasOwn((raw[block] as Raw | undefined) ?? {}, name));
      if (clash) this.problem([...where, name], 'duplicate-name', `"${name}" is both leased and in ${clash}: of this step`, 'give the leased table its own name', true);
      out[name] = typeof value === 'number' ? { count: value } : { tables: value };
    }
    return out;
  }

  private checkAction(raw: Raw, path: Path): void {
    for (const problem of validateActionParams(String(raw.action), (raw.params as Raw | undefined) ?? {}, { templates: true })) {
      if (problem.severity !== 'error') continue;
      // `params.items[1].price` → the YAML path of that value, as far as it exists.
      const at = problem.path.split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const yamlPath = at[0] === 'action' ? [...path, 'action'] : [...path, ...at];
      this.diagnostics.push({ code: problem.code, message: problem.message, pos: this.src.pos(yamlPath), length: this.src.length(yamlPath), hint: 'the actions and their parameters: docs/drivers.md' });
    }
  }

  /** A JSONPath without placeholders can be checked now rather than fail mid-run. */
  private checkSelector(selector: string, path: Path): void {
    if (placeholders(selector).length > 0 || !isJsonPath(selector)) return;
    try {
      select(null, selector);
    } catch (err) {
      this.problem(path, 'bad-jsonpath', (err as Error).message.split('\n')[0] ?? 'invalid JSONPath', 'JSONPath follows RFC 9535: $.name, $[0], $[*].id, $[?@.status == \'open\']');
    }
  }

  private checkRegex(pattern: unknown, path: Path): void {
    if (typeof pattern !== 'string' || placeholders(pattern).length > 0) return;
    try {
      new RegExp(pattern);
    } catch (err) {
      this.problem(path, 'bad-regex', (err as Error).message, pattern.includes('\\') ? 'inside double quotes YAML reads \\ as one backslash; single quotes keep it as written' : undefined);
    }
  }

  private checkRequires(names: string[], path: Path): void {
    const known = this.options.capabilities;
    if (!known) return;
    names.forEach((name, i) => {
      if (!known.includes(name)) this.problem([...path, i], 'unknown-capability', `unknown capability "${name}"`, unknownCapabilityHint(name, known));
    });
  }

  /** `needs:` may name only the optional run settings (forbiddenVenue …). */
  private checkNeeds(names: string[], path: Path): void {
    const known = Object.keys(OPTIONAL_RUN_VARIABLES);
    names.forEach((name, i) => {
      if (known.includes(name)) return;
      const guess = closest(name, known);
      this.problem([...path, i], 'bad-value', `"${name}" is not an optional run setting`, `${guess ? `did you mean "${guess}"? ` : ''}settings a case may need: ${known.join(', ')}`);
    });
  }

  private problem(path: Path, code: string, message: string, hint?: string, key = false): void {
    this.diagnostics.push({ code, message, pos: this.src.pos(path, key), length: this.src.length(path), hint });
  }
}
