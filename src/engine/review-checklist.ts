// The checks a machine cannot decide (§8.8 process steps, Mozrest's own webhooks) as `manual`
// cases at the end of a full run: the report then carries the reviewer's checklist, each item
// saying what to confirm. They never block the verdict; a reviewer signs them off outside the tool.
import type { Check } from '../coverage/check-list.js';
import type { CaseResult } from '../core/results.js';

export const REVIEW_SUITE = 'review';

/** `8.8/85` → `REVIEW-8.8-85` */
export function reviewCaseId(checkId: string): string {
  return `REVIEW-${checkId.replace('/', '-')}`;
}

export function reviewCases(checks: readonly Check[], at: Date): CaseResult[] {
  return checks
    .filter((c) => c.testable === 'manual')
    .map((c) => ({
      id: reviewCaseId(c.id),
      title: c.title,
      suite: REVIEW_SUITE,
      level: c.level,
      basis: c.inferred ? 'inferred' : 'documented',
      spec: [c.id],
      tags: [REVIEW_SUITE],
      status: 'manual',
      // What the reviewer must confirm; formats label it ("confirm:", "To confirm").
      reason: c.confirm ?? c.title,
      pos: c.pos,
      startedAt: at.toISOString(),
      durationMs: 0,
      steps: [],
      cleanup: [],
    }));
}
