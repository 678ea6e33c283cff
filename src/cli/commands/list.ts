// `pos-accredit list`: the plan, as a reviewer reads it (or JSON for machines).
import { makePlan } from '../../engine/plan.js';
import { loadSuites } from '../../suite/load-suites.js';
import { LEVEL_WORDS } from '../../core/words/status.js';

export function listCommand(suitePaths: string[], options: { tag?: string[]; id?: string[]; json?: boolean }): number {
  const { suites } = loadSuites({ paths: suitePaths });
  const plan = makePlan(suites, { tags: options.tag ?? [], ids: options.id ?? [] });
  if (options.json) {
    const rows = plan.cases.map((c) => ({ id: c.id, title: c.title, suite: c.suite, level: c.level, basis: c.basis, spec: c.spec, tags: c.tags, requires: c.requires, pos: c.pos }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...plan.cases.map((c) => c.id.length), 2);
  for (const { suite, cases } of plan.suites) {
    process.stdout.write(`\n${suite.title}  (${suite.file})\n`);
    for (const c of cases) {
      const basis = c.basis === 'inferred' ? ' inferred' : '';
      process.stdout.write(`  ${c.id.padEnd(width)}  ${LEVEL_WORDS[c.level].label.padEnd(6)}${basis.padEnd(9)}  ${c.title}\n`);
      process.stdout.write(`  ${''.padEnd(width)}  spec ${c.spec.join(', ')}${c.tags.length ? `  tags ${c.tags.join(', ')}` : ''}\n`);
    }
  }
  const count = (level: string): number => plan.cases.filter((c) => c.level === level).length;
  process.stdout.write(`\n${plan.cases.length} cases: ${count('must')} must, ${count('should')} should, ${count('may')} may\n`);
  return 0;
}
