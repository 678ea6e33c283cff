// A step's `lease:`: the tables it takes from the venue's free tables, bound to their names before
// the step runs (and again before each retry), then kept by the order the step opened or given
// back when it opened none.
import type { Exchange } from '../../core/evidence.js';
import type { Scope } from '../../suite/language/scope.js';
import { SuiteFault } from '../../suite/language/suite-fault.js';
import { render } from '../../suite/language/template.js';
import type { Step } from '../../suite/types.js';
import type { RunContext } from '../run-context.js';
import type { Lease } from '../venue-ledger.js';
import { suiteError, type StepRun } from './step-run.js';

/** Takes the step's tables and binds their names; undefined when the step leases none. */
export function takeLease(step: Step, scope: Scope, ctx: RunContext): { lease?: Lease; failed?: StepRun } {
  if (!step.lease) return {};
  const tables: string[] = [];
  const bound: [string, string | string[]][] = [];
  try {
    for (const [name, spec] of Object.entries(step.lease)) {
      // A count, or the table (or list of tables) a template names: one table binds its id, several a list.
      const named = 'count' in spec ? undefined : render(spec.tables, scope);
      const want = 'count' in spec ? spec.count : [named].flat().map(String);
      const taken = ctx.ledger.lease(ctx.holder, want).tables;
      tables.push(...taken);
      bound.push([name, ('count' in spec ? spec.count === 1 : !Array.isArray(named)) ? taken[0]! : taken]);
    }
  } catch (err) {
    // Nothing half-taken stays taken.
    if (tables.length) ctx.ledger.giveBack({ tables, holder: ctx.holder });
    if (err instanceof SuiteFault) return { failed: suiteError(err, ctx, 'lease: ') };
    throw err;
  }
  for (const [name, value] of bound) scope.set(name, value);
  return { lease: { tables, holder: ctx.holder } };
}

/**
 * After a create: an answer 2xx with an id opened the order on the leased tables (with the Mozrest
 * id the request carried); anything else opened nothing and the tables are free again.
 */
export function settleCreate(lease: Lease | undefined, ctx: RunContext, answer: { status: number; json?: unknown } | undefined, exchanges: Exchange[]): void {
  if (!lease) return;
  const posId = answer && answer.status >= 200 && answer.status <= 299 ? idOf(answer.json) : undefined;
  if (posId === undefined) return ctx.ledger.giveBack(lease);
  ctx.ledger.opened(lease, { posId, ...optional('mozrestId', idOf(sentBody(exchanges))) });
}

/** The POS said the leased table is occupied (409): someone else's order stands there. */
export function occupied(lease: Lease | undefined, ctx: RunContext): void {
  if (!lease) return;
  // Which of several tables is taken the answer does not say: give them all back instead.
  if (lease.tables.length === 1) ctx.ledger.busy(lease, lease.tables[0]!);
  else ctx.ledger.giveBack(lease);
}

export function idOf(json: unknown): string | undefined {
  const id = json !== null && typeof json === 'object' ? (json as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function sentBody(exchanges: Exchange[]): unknown {
  const body = exchanges[0]?.request.body;
  try {
    return body === undefined ? undefined : JSON.parse(body);
  } catch {
    return undefined;
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
