// The coverage report as text, as a reviewer reads it: per section every check and the cases that
// cover it (or what a reviewer must confirm), then the totals and what is left to cover.
import { formatPos } from '../core/words/position.js';
import type { Check } from './check-list.js';
import type { Coverage, UnknownReference } from './compute-coverage.js';
import { LEVEL_WORDS } from '../core/words/status.js';
import { LEVELS } from '../core/results.js';

export function formatCoverage(coverage: Coverage): string {
  const out: string[] = [];
  const width = Math.max(...coverage.checks.map((c) => c.check.id.length));
  const tag = (check: Check): string => `${check.id.padEnd(width)}  ${LEVEL_WORDS[check.level].label.padEnd(6)} ${check.inferred ? 'inf' : '   '}`;
  out.push(`Contract checks: ${coverage.checksFile}`);
  for (const { section, checks } of coverage.sections) {
    out.push('', `${section.id} ${section.title}`);
    for (const { check, cases } of checks) {
      const covered = cases.length ? `covered by ${cases.join(', ')}` : undefined;
      if (check.testable === 'manual') {
        out.push(`  ${tag(check)}  manual: ${check.confirm ?? check.title}${covered ? `  (also ${covered})` : ''}`);
      } else {
        out.push(`  ${tag(check)}  ${covered ?? '— NOT COVERED'}`);
      }
    }
  }
  if (coverage.unknownReferences.length > 0) {
    out.push('');
    for (const u of coverage.unknownReferences) out.push(unknownReferenceWarning(u, coverage.checksFile));
  }
  const t = coverage.totals;
  out.push('', `machine-testable: ${t.machineCovered} of ${t.machine} covered; manual: ${t.manual}  (${t.checks} checks, ${t.cases} cases)`);
  if (coverage.uncovered.length > 0) {
    const byLevel = LEVELS.filter((l) => t.uncoveredByLevel[l] > 0).map((l) => `${t.uncoveredByLevel[l]} ${l}`).join(', ');
    out.push(`uncovered machine-testable checks (${coverage.uncovered.length}: ${byLevel}):`);
    for (const check of coverage.uncovered) out.push(`  ${tag(check)}  ${check.title}`);
  } else {
    out.push('every machine-testable check is covered');
  }
  if (t.unknownReferences > 0) out.push(`${t.unknownReferences} spec reference${t.unknownReferences === 1 ? ' names' : 's name'} no check (see the warnings above)`);
  return `${out.join('\n')}\n`;
}

export function unknownReferenceWarning(u: UnknownReference, checksFile: string): string {
  const hint = u.didYouMean ? `; did you mean ${u.didYouMean}?` : '';
  return `warning: ${formatPos(u.pos)}: case ${u.caseId} cites ${u.ref}, which is not a check in ${checksFile}${hint}`;
}
