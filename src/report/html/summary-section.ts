// The top of the report, as an accreditation certificate shows it: who was tested against what,
// when, the verdict, the counts, what stopped the run, the hints and the capabilities; then the
// blocking failures, the reviewer checklist and the table of contents.
import { CASE_STATUSES, LEVELS, type BlockingFailure, type CaseStatus, type RunResult, type StatusCounts } from '../../core/results.js';
import { formatCounts, plural } from '../../core/words/counts.js';
import { leftOpenLine } from '../../core/words/order.js';
import { LEVEL_WORDS, STATUS_WORDS, VERDICT_LABELS } from '../../core/words/status.js';
import { formatDuration } from '../../core/words/duration.js';
import { formatPos } from '../../core/words/position.js';
import { html, type Html } from './escape.js';
import { groupBlocking, splitBlocking, type BlockingGroup } from '../repeated-reasons.js';
import { type Area, caseAnchor, caseLinks } from './case-section.js';
import { badge, formatTime, shortCounts, valueCode } from './labels.js';

function verdictNote(r: RunResult): string {
  const partial = r.options.tags.length > 0 || r.options.ids.length > 0 ? ' This run was filtered: it is not a full accreditation.' : '';
  if (r.verdict === 'pass') {
    const manual = r.counts.byStatus.manual;
    const review = manual > 0 ? ` Subject to the reviewer checklist (${plural(manual, 'item')}).` : '';
    return `No blocking failure: every MUST check that ran holds.${review}${partial}`;
  }
  if (r.aborted) return `The run was aborted (${r.aborted.code}); its results are partial.${partial}`;
  const { roots, blocked } = splitBlocking(r.blocking);
  const more = blocked.length > 0 ? ` (${plural(blocked.length, 'more check')} blocked by ${roots.length === 1 ? 'it' : 'them'})` : '';
  return `${plural(roots.length, 'blocking failure')}${more}: the POS cannot be accredited as it is.${partial}`;
}

/** The certificate block: facts on the left, the verdict stamp on the right. */
export function certificate(r: RunResult): Html {
  const word = VERDICT_LABELS[r.verdict];
  const filters = [...r.options.tags.map((t) => `tag ${t}`), ...r.options.ids.map((i) => `id ${i}`)];
  return html`<header class="cert" aria-labelledby="title">
<p class="cert-eyebrow">Mozrest POS API · Accreditation report</p>
<h1 class="cert-title" id="title">POS API accreditation</h1>
<div class="cert-grid">
<dl class="facts">
<dt>POS</dt><dd><code>${r.target.baseUrl}</code>${r.target.embedded ? html` — embedded reference POS` : ''}</dd>
<dt>Venue</dt><dd><code>${r.target.venue}</code></dd>
<dt>Contract</dt><dd>version ${r.contract.version} <span class="muted small">(${r.contract.file})</span></dd>
<dt>Tool</dt><dd>${r.tool.name} ${r.tool.version}</dd>
<dt>Date</dt><dd>${formatTime(r.startedAt)} → ${formatTime(r.finishedAt)} <span class="muted">(${formatDuration(r.durationMs)})</span></dd>
<dt>Strict mode</dt><dd>${r.options.strict ? 'on — inferred-basis MUST checks fail' : 'off — inferred-basis MUST checks warn'}</dd>
<dt>Selection</dt><dd>${filters.length > 0 ? filters.join(', ') : 'every case'}</dd>
<dt>Operator actions</dt><dd>${r.driver ? `${r.driver.kind} driver` : 'no driver'}</dd>
${r.mozrest ? html`<dt>Mock Mozrest</dt><dd><code>${r.mozrest.url}</code> · ${plural(r.mozrest.calls.length, 'callback')} received</dd>` : ''}
</dl>
<p class="verdict verdict-${r.verdict}" id="verdict"><span class="verdict-label">Verdict</span><strong class="verdict-word">${word}</strong><span class="verdict-note">${verdictNote(r)}</span></p>
</div>
</header>
`;
}

function countCells(counts: StatusCounts): Html[] {
  return CASE_STATUSES.map((s) => html`<td class="num${counts[s] === 0 ? ' zero' : html` n-${s}`}">${counts[s]}</td>`);
}

function total(counts: StatusCounts): number {
  return CASE_STATUSES.reduce((n, s) => n + counts[s], 0);
}

/** Counts by status (columns) and level (rows), with a text summary. */
export function countsSection(r: RunResult): Html {
  const heads = CASE_STATUSES.map((s: CaseStatus) => html`<th scope="col" class="num">${STATUS_WORDS[s].heading}</th>`);
  return html`<section id="results" aria-labelledby="results-h"><h2 id="results-h">Results</h2>
<p>${plural(r.counts.total, 'case')}: ${formatCounts(r.counts.byStatus)}.</p>
<table class="counts"><caption class="small muted">Cases by level and status</caption><thead><tr><th scope="col">Level</th>${heads}<th scope="col" class="num">Total</th></tr></thead><tbody>
${LEVELS.map((l) => html`<tr><th scope="row">${LEVEL_WORDS[l].label}</th>${countCells(r.counts.byLevel[l])}<td class="num">${total(r.counts.byLevel[l])}</td></tr>`)}
<tr class="total"><th scope="row">All</th>${countCells(r.counts.byStatus)}<td class="num">${r.counts.total}</td></tr>
</tbody></table>
${r.aborted ? html`<div class="callout callout-error" id="aborted"><p><strong>Run aborted (${r.aborted.code}):</strong> ${r.aborted.message}</p><p>The run did not complete; the results are partial.</p></div>` : ''}
${venueBlock(r)}${r.hints.length > 0 ? html`<div class="callout callout-hint" id="hints"><p><strong>${r.hints.length === 1 ? 'Hint' : 'Hints'}</strong></p><ul>${r.hints.map((h) => html`<li>${h}</li>`)}</ul></div>` : ''}
${capabilities(r)}
</section>
`;
}

/** The venue: what the run found free, what it needed, and what it left open on the POS. */
function venueBlock(r: RunResult): Html | '' {
  const v = r.venue;
  if (!v) return '';
  const found = v.tables ? `${plural(v.tables.length, 'table')}, ${v.free?.length ?? 0} free when the run started` : `free tables not known${v.problem ? ` (${v.problem})` : ''}`;
  const tone = v.leftOpen.length > 0 ? 'callout-hint' : 'callout-info';
  return html`<div class="callout ${tone}" id="venue"><p><strong>Venue <code>${v.venue}</code>:</strong> ${found}; the plan holds up to ${plural(v.needs.peakTables, 'table')} at once with a driver, and leaves ${plural(v.needs.leftOpenWithoutDriver, 'order')} open without one.</p><p>${leftOpenLine(v)}</p></div>`;
}

function capabilities(r: RunResult): Html {
  const caps = r.capabilities;
  if (!caps) return html`<h3>Capabilities</h3><p class="muted">This report does not record the declared capabilities.</p>`;
  const names = [...new Set([...caps.required, ...caps.optional, ...caps.declared])].sort();
  const row = (name: string): Html => {
    const required = caps.required.includes(name);
    const optional = caps.optional.includes(name);
    const declared = caps.declared.includes(name);
    const kind = required ? 'required' : optional ? 'optional' : 'not in the contract';
    const effect = required ? 'tested' : optional ? (declared ? 'tested' : 'not tested: its cases are skipped') : 'ignored';
    return html`<tr><th scope="row"><code>${name}</code></th><td>${kind}</td><td>${declared ? 'yes' : 'no'}</td><td>${effect}</td></tr>`;
  };
  return html`<h3>Capabilities</h3>
<p class="small">Declared by the POS: ${caps.declared.length > 0 ? caps.declared.join(', ') : 'none'}.</p>
<table><thead><tr><th scope="col">Capability</th><th scope="col">Contract</th><th scope="col">Declared</th><th scope="col">In this run</th></tr></thead><tbody>${names.map(row)}</tbody></table>`;
}

/**
 * The checks that stop accreditation, each linking to its case: each cause once, in the engine's
 * order (the root first), the other cases with its reason and the checks it blocked under it.
 */
export function blockingSection(r: RunResult): Html {
  const present = new Set(r.cases.map((c) => c.id));
  const body = r.blocking.length === 0
    ? html`<p>None. ${r.verdict === 'pass' ? 'No MUST check failed and no case errored.' : ''}</p>`
    : html`<ol class="blocking">${groupBlocking(r.blocking).map((g) => blockingItem(g, present))}</ol>`;
  const { roots, blocked } = splitBlocking(r.blocking);
  const count = blocked.length > 0 ? `${roots.length} to fix; ${plural(blocked.length, 'check')} blocked by them` : String(roots.length);
  return html`<section id="blocking" aria-labelledby="blocking-h"><h2 id="blocking-h">Blocking failures (${count})</h2>${body}</section>
`;
}

function blockingItem(group: BlockingGroup, present: ReadonlySet<string>): Html {
  const [b, ...others] = group.entries as [BlockingFailure, ...BlockingFailure[]];
  const fix = group.entries.length > 1 ? 'them' : 'it';
  return html`<li class="bl-${b.status}">${badge(b.status)} ${caseLinks([b.id], present)} ${b.title}
<p>${b.reason}</p>${
  b.expected !== undefined || b.actual !== undefined
    ? html`<table class="ea"><tbody><tr><th scope="row">Expected</th><td>${valueCode(b.expected)}</td></tr><tr><th scope="row">Actual</th><td>${valueCode(b.actual)}</td></tr></tbody></table>`
    : ''
}${b.status === 'blocked' ? '' : html`<p class="small muted">at <code>${formatPos(b.pos)}</code></p>`}${
  others.length > 0 ? html`<p class="small">And ${others.length} more for the same reason: ${caseLinks(others.map((o) => o.id), present)}</p>` : ''
}${
  group.blocks > 0
    ? html`<p class="blocks"><span aria-hidden="true">${STATUS_WORDS.blocked.symbol} </span><strong>Blocks ${plural(group.blocks, 'check')}</strong>, not run until ${group.entries.length > 1 ? 'they pass' : 'it passes'}${group.blocked.length > 0 ? html`: ${caseLinks(group.blocked.map((x) => x.id), present)}` : ''}. Fix ${fix} first.</p>`
    : ''
}</li>
`;
}

/** Manual cases as a checklist a reviewer signs; nothing when there is none. */
export function checklistSection(r: RunResult): Html | '' {
  const manual = r.cases.filter((c) => c.status === 'manual');
  if (manual.length === 0) return '';
  return html`<section id="checklist" aria-labelledby="checklist-h"><h2 id="checklist-h">Reviewer checklist (${manual.length})</h2>
<p>A reviewer must confirm each item below; the verdict does not cover them.</p>
<ul class="checklist">${manual.map(
    (c) => html`<li><a href="#${caseAnchor(c.id)}"><code>${c.id}</code></a> ${c.title} <span class="tag">${LEVEL_WORDS[c.level].label}</span><br><strong>Confirm:</strong> ${c.reason ?? c.title}</li>`,
  )}</ul>
<div class="signoff"><p>Reviewer (name, signature)</p><p>Date</p></div></section>
`;
}

/** Links to each area with its counts. */
export function contents(areas: Area[]): Html {
  return html`<nav aria-labelledby="toc-h"><h2 id="toc-h">Contents</h2><ul class="toc">
<li><a href="#results">Results</a></li><li><a href="#blocking">Blocking failures</a></li>
${areas.map((a) => html`<li><a href="#${a.id}">${a.name}</a> <span class="muted small">${shortCounts(a.counts)}</span></li>`)}
<li><a href="#callbacks">Callbacks received</a></li></ul></nav>
`;
}

/** Every call the mock Mozrest received (valid or not), collapsed. */
export function callbacksSection(r: RunResult): Html {
  const calls = r.mozrest?.calls ?? [];
  const rows = calls.map((c) => {
    const schema = c.jsonError ? `not JSON: ${c.jsonError}` : c.schemaIssues.length === 0 ? 'valid' : `${plural(c.schemaIssues.length, 'issue')}: ${c.schemaIssues[0]?.pointer ?? ''} ${c.schemaIssues[0]?.message ?? ''}`;
    return html`<tr><td class="num">${c.seq}</td><td class="small">${formatTime(c.receivedAt)}</td><td><code>${c.method} ${c.path}</code></td><td>${c.route ? c.route.kind : 'no such endpoint'}</td><td>${c.authorized ? 'yes' : 'NO'}</td><td class="small">${schema}</td><td class="num">${c.response.status}</td><td class="small">${c.rms.map((w) => `${w.type} ${w.status}`).join(', ') || '–'}</td></tr>`;
  });
  return html`<section id="callbacks" aria-labelledby="callbacks-h"><h2 id="callbacks-h">Callbacks received by the mock Mozrest (${calls.length})</h2>
${calls.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<details class="appendix"><summary>Every call, valid or not, in arrival order</summary><table><thead><tr><th scope="col" class="num">#</th><th scope="col">Received</th><th scope="col">Call</th><th scope="col">Endpoint</th><th scope="col">Key</th><th scope="col">Payload</th><th scope="col" class="num">Answer</th><th scope="col">RMS webhooks</th></tr></thead><tbody>${rows}</tbody></table></details>`}
</section>
`;
}
