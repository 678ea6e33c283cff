// `pos-accredit list`: the plan, as a reviewer reads it (or JSON for machines).
import { makePlan } from '../../engine/plan.js';
import { loadSuites } from '../../suite/load-suites.js';
import { plural } from '../../core/words/counts.js';
import { LEVEL_WORDS } from '../../core/words/status.js';
import { venueNeeds, type VenueNeeds } from '../../engine/venue-needs.js';

export function listCommand(suitePaths: string[], options: { tag?: string[]; id?: string[]; json?: boolean }): number {
  const { suites } = loadSuites({ paths: suitePaths });
  const plan = makePlan(suites, { tags: options.tag ?? [], ids: options.id ?? [] });
  const needs = venueNeeds(plan);
  if (options.json) {
    // `tables`: held at once with a driver (its suite's setup included), and left open without one.
    const tables = (c: (typeof plan.cases)[number]): { peak: number; leftOpenWithoutDriver: number } => ({ peak: needs.withDriver.get(c)?.peak ?? 0, leftOpenWithoutDriver: needs.withoutDriver.get(c)?.ordersLeftOpen ?? 0 });
    const rows = plan.cases.map((c) => ({ id: c.id, title: c.title, suite: c.suite, level: c.level, basis: c.basis, spec: c.spec, tags: c.tags, requires: c.requires, after: c.after.map((a) => a.id), pos: c.pos, tables: tables(c) }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...plan.cases.map((c) => c.id.length), 2);
  for (const { suite, cases } of plan.suites) {
    process.stdout.write(`\n${suite.title}  (${suite.file})\n`);
    for (const c of cases) {
      const basis = c.basis === 'inferred' ? ' inferred' : '';
      process.stdout.write(`  ${c.id.padEnd(width)}  ${LEVEL_WORDS[c.level].label.padEnd(6)}${basis.padEnd(9)}  ${c.title}\n`);
      process.stdout.write(`  ${''.padEnd(width)}  spec ${c.spec.join(', ')}${c.tags.length ? `  tags ${c.tags.join(', ')}` : ''}${c.after.length ? `  after ${c.after.map((a) => a.id).join(', ')}` : ''}\n`);
    }
  }
  const count = (level: string): number => plan.cases.filter((c) => c.level === level).length;
  process.stdout.write(`\n${plan.cases.length} cases: ${count('must')} must, ${count('should')} should, ${count('may')} may\n`);
  process.stdout.write(`${venueSummary(needs)}\n`);
  return 0;
}

/** What the plan needs of the venue: the most tables at once with a driver, what stays open without one. */
function venueSummary(needs: VenueNeeds): string {
  const hungry = [...needs.withDriver].filter(([, n]) => n.peak === needs.peakTables && n.peak > 0).map(([c]) => c.id);
  const withDriver = needs.peakTables === 0
    ? 'The venue: no case opens an order.'
    : `The venue: with a driver this plan holds at most ${plural(needs.peakTables, 'table')} at once (${hungry.join(', ')}) and closes every order it opens.`;
  const without = needs.leftOpenWithoutDriver === 0 ? '' : ` Without a driver it would leave ${plural(needs.leftOpenWithoutDriver, 'order')} open, on ${plural(needs.tablesLeftOpenWithoutDriver, 'table')}: checks that do not fit in the free tables are then skipped.`;
  return `${withDriver}${without}`;
}
