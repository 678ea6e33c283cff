// Every case, grouped by area (its suite) in run order: a <section> per case holding a <details>
// that is open when the case needs attention (fail, error, warn, manual) and closed otherwise —
// a blocked case too is closed: what needs attention is its root, which it links to.
import { decidingDetail, emptyCounts, type CaseResult, type CaseStatus, type RunResult, type StatusCounts } from '../../core/results.js';
import { plural } from '../../core/words/counts.js';
import { formatDuration } from '../../core/words/duration.js';
import { formatPos } from '../../core/words/position.js';
import { LEVEL_WORDS, STATUS_WORDS } from '../../core/words/status.js';
import { anchorId, html, type Html } from './escape.js';
import { stepsList } from './evidence.js';
import { areaName, badge, formatTime, shortCounts, valueCode } from './labels.js';

const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set(['fail', 'error', 'warn', 'manual']);

export interface Area {
  suite: string;
  name: string;
  id: string;
  cases: CaseResult[];
  counts: StatusCounts;
}

/** Cases grouped by suite, areas in order of their first case. */
export function groupByArea(cases: CaseResult[]): Area[] {
  const areas = new Map<string, Area>();
  for (const c of cases) {
    let area = areas.get(c.suite);
    if (!area) {
      area = { suite: c.suite, name: areaName(c.suite), id: anchorId('area', c.suite), cases: [], counts: emptyCounts() };
      areas.set(c.suite, area);
    }
    area.cases.push(c);
    area.counts[c.status] += 1;
  }
  return [...areas.values()];
}

/** A case's element id; its heading is `${anchor}_h` (`_h` never ends an anchorId, so no case collides). */
export function caseAnchor(id: string): string {
  return anchorId('case', id);
}

function basisText(c: CaseResult, strict: boolean): string {
  if (c.basis === 'documented') return 'Documented — the check enforces what Mozrest\'s public POS documentation states.';
  return strict
    ? 'Inferred — it rests on a contract detail inferred from the public documentation (below); this run was strict, so a MUST failure fails.'
    : 'Inferred — it rests on a contract detail inferred from the public documentation (below); a MUST failure only warns unless the run is strict (--strict).';
}

function assumptionsTable(c: CaseResult): Html | '' {
  const list = c.assumptions ?? [];
  if (list.length === 0) return '';
  return html`<table><caption class="small muted">Inferred contract details this case relies on</caption><thead><tr><th scope="col">Detail</th><th scope="col">Value assumed</th><th scope="col">Inferred from</th></tr></thead><tbody>${list.map(
    (a) => html`<tr><td><code>${a.entry}</code></td><td>${valueCode(a.value)}</td><td>${a.source}${a.note ? html`<br><span class="muted small">${a.note}</span>` : ''}</td></tr>`,
  )}</tbody></table>`;
}

/** Links to cases of this report by id (plain code for an id it does not hold). */
export function caseLinks(ids: readonly string[], present: ReadonlySet<string>): Html[] {
  return ids.map((id, i) => html`${i > 0 ? ', ' : ''}${present.has(id) ? html`<a href="#${caseAnchor(id)}"><code>${id}</code></a>` : html`<code>${id}</code>`}`);
}

/** Why a blocked case did not run: the root cases, linked, then the reason as recorded. */
function blockedBlock(c: CaseResult, present: ReadonlySet<string>): Html {
  const roots = c.blockedBy ?? [];
  const which = roots.length > 0 ? html`it rests on ${caseLinks(roots, present)}, which did not pass. Fix ${roots.length > 1 ? 'those cases' : 'that case'} first.` : 'a case it rests on did not pass.';
  return html`<div class="callout callout-info"><p><strong>Not run:</strong> ${which}</p>${c.reason ? html`<p class="small">${c.reason}</p>` : ''}</div>`;
}

function failureBlock(c: CaseResult, present: ReadonlySet<string>): Html | '' {
  if (c.status === 'pass') return '';
  if (c.status === 'blocked') return blockedBlock(c, present);
  const failure = decidingDetail(c);
  const why = c.status === 'manual' ? 'To confirm' : c.status === 'skip' ? 'Skipped because' : 'Reason';
  const reason = c.reason ?? failure?.message;
  const tone = c.status === 'warn' ? 'callout-hint' : c.status === 'fail' || c.status === 'error' ? 'callout-error' : 'callout-info';
  return html`<div class="callout ${tone}"><p><strong>${why}:</strong> ${reason ?? '(no reason recorded)'}</p>${
    failure?.values
      ? html`<table class="ea"><tbody><tr><th scope="row">Expected</th><td>${valueCode(failure.values.expected)}</td></tr><tr><th scope="row">Actual</th><td>${valueCode(failure.values.actual)}</td></tr></tbody></table>`
      : ''
  }${failure ? html`<p class="small">at <code>${formatPos(failure.pos)}</code> (step “${failure.step.name}”)</p>` : ''}</div>`;
}

function caseBlock(c: CaseResult, strict: boolean, present: ReadonlySet<string>): Html {
  const anchor = caseAnchor(c.id);
  const open = OPEN_STATUSES.has(c.status);
  const line = c.status !== 'pass' && c.reason ? html`<span class="case-line">${c.reason}</span>` : '';
  // Whatever the status, a failed cleanup may have left an order open on the POS.
  const cleanup = c.cleanupFailed ? html`<div class="callout callout-hint"><p><strong>Cleanup failed:</strong> ${c.cleanupFailed.message}</p></div>` : '';
  return html`<section class="case case-${c.status}" id="${anchor}" aria-labelledby="${anchor}_h" data-status="${c.status}">
<details${open || c.cleanupFailed ? html` open` : ''}><summary>${badge(c.status)} <h4 id="${anchor}_h"><span class="case-id">${c.id}</span> ${c.title}</h4> <span class="tag">${LEVEL_WORDS[c.level].label}</span>${c.basis === 'inferred' ? html` <span class="tag">INFERRED</span>` : ''} <span class="muted small">${formatDuration(c.durationMs)}</span>${line}</summary>
<div class="case-body">${failureBlock(c, present)}${cleanup}
<dl class="meta"><dt>Status</dt><dd>${STATUS_WORDS[c.status].label}</dd><dt>Level</dt><dd>${LEVEL_WORDS[c.level].meaning}</dd><dt>Basis</dt><dd>${basisText(c, strict)}</dd><dt>Spec</dt><dd>${c.spec.length > 0 ? c.spec.map((s, i) => html`${i > 0 ? ', ' : ''}<code>${s}</code>`) : '(none)'}</dd><dt>Tags</dt><dd>${c.tags.join(', ') || '(none)'}</dd><dt>Defined at</dt><dd><code>${formatPos(c.pos)}</code></dd><dt>Started</dt><dd>${formatTime(c.startedAt)}, took ${formatDuration(c.durationMs)}</dd></dl>
${assumptionsTable(c)}
${c.steps.length > 0 ? html`<h5>Steps</h5>${stepsList(c.steps, c.basis !== 'inferred')}` : html`<p class="muted small">No step was run.</p>`}
${c.cleanup.length > 0 ? html`<h5>Cleanup</h5>${stepsList(c.cleanup, c.basis !== 'inferred')}` : ''}
</div></details></section>
`;
}

/** The "Cases" section: one sub-section per area, each listing its cases. */
export function casesSection(result: RunResult, areas: Area[]): Html {
  const present = new Set(result.cases.map((c) => c.id));
  return html`<section id="cases" aria-labelledby="cases-h"><h2 id="cases-h">Cases by area</h2>
<p class="muted small">${plural(result.counts.total, 'case')} in run order. Cases that need attention are open; click a case to see its steps, checks and HTTP evidence.</p>
${areas.map(
  (a) => html`<section class="area" id="${a.id}" aria-labelledby="${a.id}_h"><h3 id="${a.id}_h">${a.name} <span class="muted small">(${a.suite} · ${plural(a.cases.length, 'case')}: ${shortCounts(a.counts)})</span></h3>
${a.cases.map((c) => caseBlock(c, result.options.strict, present))}</section>
`,
)}</section>
`;
}
