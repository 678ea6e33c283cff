// A case as plain text, in the order things happened: each step, what it sent and received, the
// callback it matched with the RMS view, and every check with expected/actual and its position.
// Used for JUnit's `system-out` and the bundle's `transcripts/`. Bodies are capped per exchange.
import type { AssertionResult, CaseResult, StepResult } from '../core/results.js';
import type { Exchange } from '../core/evidence.js';
import { bodyPreview, preview } from '../core/words/preview.js';
import { formatDuration } from '../core/words/duration.js';
import { formatPos } from '../core/words/position.js';
import { ASSERTION_LABELS, assertionOutcome, STATUS_WORDS } from '../core/words/status.js';
import { safeFor } from '../core/words/control-chars.js';

export interface TranscriptOptions {
  /** Lines of each body kept (default 40). */
  maxBodyLines?: number;
}

export function renderTranscript(c: CaseResult, options: TranscriptOptions = {}): string {
  const maxLines = options.maxBodyLines ?? 40;
  const out: string[] = [
    `${c.id} — ${c.title}`,
    `status ${c.status} · level ${c.level} · basis ${c.basis} · spec ${c.spec.join(', ') || '(none)'} · ${formatDuration(c.durationMs)}`,
    `defined at ${formatPos(c.pos)}`,
  ];
  if (c.reason) out.push(`reason: ${c.reason}`);
  if (c.cleanupFailed) out.push(`cleanup failed: ${c.cleanupFailed.message}`);
  for (const a of c.assumptions ?? []) out.push(`assumes ${a.entry} = ${preview(a.value)} (inferred: ${a.source})`);
  const section = (title: string, steps: StepResult[]): void => {
    if (steps.length === 0) return;
    out.push('', `${title}:`);
    steps.forEach((s, i) => out.push(...stepLines(s, i + 1, maxLines)));
  };
  section('steps', c.steps);
  section('cleanup', c.cleanup);
  // A plain-text file a person may `cat`: control characters from the POS are shown, not sent.
  return `${safeFor('text', out.join('\n'))}\n`;
}

function stepLines(s: StepResult, n: number, maxLines: number): string[] {
  const out = [`${n}. [${STATUS_WORDS[s.status].label}] ${s.kind} ${s.name} (${formatPos(s.pos)}, ${formatDuration(s.durationMs)}${s.attempts && s.attempts > 1 ? `, ${s.attempts} attempts` : ''}${s.basis ? `, basis ${s.basis}` : ''})`];
  const indent = '   ';
  if (s.error) out.push(`${indent}${s.status === 'skip' ? 'skipped' : 'error'}: ${s.error.code}: ${s.error.message}`);
  if (s.action) {
    out.push(`${indent}action ${s.action.name} via ${s.action.driver}${s.action.orderId ? ` on order ${s.action.orderId}` : ''} params ${preview(s.action.params)}`);
    if (s.action.result !== undefined) out.push(`${indent}driver answered ${preview(s.action.result)}`);
  }
  if (s.callback) {
    out.push(`${indent}callback #${s.callback.seq} ${s.callback.method} ${s.callback.path} (matched by ${s.callback.matchedBy})`);
    for (const w of s.callback.rms) out.push(`${indent}  RMS ${w.type} ${w.status} check ${w.checkNumber ?? '-'} tables ${w.tables.join(',') || '-'} total ${w.commercials.totalAmount ?? '-'}`);
  }
  for (const ex of s.exchanges) out.push(...exchangeLines(ex, indent, maxLines));
  for (const a of s.assertions) out.push(assertionLine(a, indent));
  return out;
}

function exchangeLines(ex: Exchange, indent: string, maxLines: number): string[] {
  const out = [`${indent}> ${ex.request.method} ${ex.request.url}`];
  for (const [k, v] of Object.entries(ex.request.headers)) out.push(`${indent}> ${k}: ${v}`);
  if (ex.request.body) out.push(...body(ex.request.body, `${indent}>   `, maxLines, ex.request.bodyTruncated));
  if (!ex.response) {
    out.push(`${indent}< (no response: ${ex.error ? `${ex.error.code}: ${ex.error.message}` : 'unknown'}) after ${formatDuration(ex.durationMs)}`);
    return out;
  }
  out.push(`${indent}< ${ex.response.status} (${formatDuration(ex.durationMs)}, ${ex.response.bodyBytes} bytes)`);
  for (const [k, v] of Object.entries(ex.response.headers)) out.push(`${indent}< ${k}: ${v}`);
  if (ex.response.body) out.push(...body(ex.response.body, `${indent}<   `, maxLines, ex.response.bodyTruncated));
  return out;
}

function body(text: string, prefix: string, maxLines: number, truncated?: boolean): string[] {
  const { lines, omitted } = bodyPreview(text, maxLines);
  const out = lines.map((l) => `${prefix}${l}`);
  if (omitted > 0) out.push(`${prefix}… ${omitted} more lines`);
  if (truncated) out.push(`${prefix}… (body truncated when captured)`);
  return out;
}

function assertionLine(a: AssertionResult, indent: string): string {
  const mark = ASSERTION_LABELS[assertionOutcome(a)].padEnd(4);
  const values = a.ok || (a.expected === undefined && a.actual === undefined) ? '' : ` — expected ${preview(a.expected)}, actual ${preview(a.actual)}`;
  return `${indent}${mark} ${a.check}: ${a.message}${values} (${formatPos(a.pos)})`;
}
