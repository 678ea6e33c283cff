// Human-readable progress and summary on the console. Writes only to ctx.stream; the data it
// receives is already redacted, and control characters in it are shown, never sent to the
// terminal (core/words/control-chars.ts). The last line it writes is always `Verdict: PASS|FAIL …`.
import chalk, { Chalk, type ColorSupportLevel } from 'chalk';
import type { Ora } from 'ora';
import { mapStrings } from '../core/redactor.js';
import { decidingDetail, LEVELS, type CaseResult, type RunResult, type StatusCounts } from '../core/results.js';
import type { Exchange } from '../core/evidence.js';
import { safeFor } from '../core/words/control-chars.js';
import { countParts, plural } from '../core/words/counts.js';
import { formatDuration } from '../core/words/duration.js';
import { leftOpenLine } from '../core/words/order.js';
import { formatPos } from '../core/words/position.js';
import { bodyPreview, firstLine, preview } from '../core/words/preview.js';
import { STATUS_WORDS } from '../core/words/status.js';
import type { PlannedCase, RunStartInfo, StepStartInfo, WaitInfo } from '../engine/events.js';
import { blockingLines, verdictLine } from './console-blocking.js';
import { idLines, INDENT, paint } from './console-paint.js';
import { caseExchanges, selectionNote } from './format.js';
import { caseReasonKey, rootsPhrase } from './repeated-reasons.js';
import type { Reporter, ReporterContext } from './reporter.js';

/** Every string of what the run hands over, safe to print on a terminal. */
const printable = <T>(value: T): T => mapStrings(value, (text) => safeFor('text', text));

export function createConsoleReporter(ctx: ReporterContext): Reporter {
  const level: ColorSupportLevel = ctx.color ? (chalk.level > 0 ? chalk.level : 1) : 0;
  const c = new Chalk({ level });
  let spinner: Ora | undefined;
  /** The running case's spinner text, shown again when a wait is over; none between cases. */
  let caseText: string | undefined;
  let planned = 0;
  let done = 0;
  /** After an abort: whether the first case not run was shown, and the others (they all say the same). */
  let notRunShown = false;
  let notRun: CaseResult[] = [];
  /** Consecutive cases with one reason: the first was shown in full, the rest by id once a case with another reason (or the summary) comes. */
  let repeat: { key: string; first: CaseResult; rest: CaseResult[] } | undefined;
  let headerOpen = false;

  // Every write happens with the spinner stopped (it is stopped before each case line and the
  // summary), so the spinner never has to be redrawn around our output. It is stopped before
  // every operator action too: the prompt driver writes its question on the same terminal, and a
  // spinner drawn over it would erase the question.
  const write = (line = ''): void => {
    ctx.stream.write(`${ctx.redact ? ctx.redact(line) : line}\n`);
  };
  /** Shows `text` now, not at the next frame: a wait may be over before then, unseen. */
  const spin = (text: string): void => {
    if (!spinner) return;
    if (!spinner.isSpinning) {
      spinner.start(text);
      return;
    }
    if (spinner.text === text) return;
    spinner.text = text;
    spinner.render();
  };
  /** Ends the header (the notices) with one blank line, before the first case or the summary. */
  const endHeader = (): void => {
    if (!headerOpen) return;
    headerOpen = false;
    write();
  };

  const statusCounts = (counts: StatusCounts): string =>
    countParts(counts)
      .map((p) => (p.count > 0 ? paint(c, p.status, p.text) : p.text))
      .join(', ');

  const writeExchange = (ex: Exchange): void => {
    const head = `${INDENT}${c.bold(ex.request.method)} ${ex.request.url} → `;
    if (!ex.response) {
      const err = ex.error ? `${ex.error.code}: ${ex.error.message}` : 'no response';
      write(`${head}${c.magenta(`${STATUS_WORDS.error.label} ${firstLine(err)}`)} ${c.dim(`(${formatDuration(ex.durationMs)})`)}`);
      return;
    }
    const s = ex.response.status;
    const status = s >= 200 && s < 300 ? c.green(String(s)) : s >= 400 ? c.red(String(s)) : c.yellow(String(s));
    write(`${head}${status} ${c.dim(`(${formatDuration(ex.durationMs)})`)}`);
    const body = ex.response.body;
    if (body !== undefined && body.length > 0) {
      const { lines, omitted } = bodyPreview(body);
      for (const line of lines) write(`${INDENT}  ${c.dim('│')} ${line}`);
      if (omitted > 0) write(`${INDENT}  ${c.dim(`│ … ${plural(omitted, 'more line')}`)}`);
      if (ex.response.bodyTruncated) write(`${INDENT}  ${c.dim(`│ (body truncated at capture, ${ex.response.bodyBytes} bytes)`)}`);
    }
  };

  const writeCase = (r: CaseResult): void => {
    const symbol = paint(c, r.status, STATUS_WORDS[r.status].symbol);
    const errorTag = r.status === 'error' ? ` ${c.magenta.bold(STATUS_WORDS.error.label)}` : '';
    const title = r.status === 'skip' ? c.dim(r.title) : r.title;
    // Manual and blocked cases did not run: no duration to show.
    const took = r.status === 'manual' || r.status === 'blocked' ? '' : ` ${c.dim(`(${formatDuration(r.durationMs)})`)}`;
    write(`  ${symbol}${errorTag} ${c.bold(r.id)}  ${title} ${c.dim(`[${r.level}]`)}${took}`);
    // Whatever the status, a cleanup that failed may have left an order open on the POS.
    if (r.cleanupFailed) write(`${INDENT}${c.yellow(`cleanup failed: ${firstLine(r.cleanupFailed.message)}`)}`);
    if (r.status === 'pass') return;
    if (r.status === 'skip') {
      if (r.reason) write(`${INDENT}${c.dim(firstLine(r.reason))}`);
      return;
    }
    if (r.status === 'manual') {
      if (r.reason) write(`${INDENT}${paint(c, r.status, `confirm: ${firstLine(r.reason)}`)}`);
      return;
    }
    // Not run: no step, no position; the reason names the root case and its failure.
    if (r.status === 'blocked') {
      write(`${INDENT}${paint(c, r.status, firstLine(r.reason ?? `blocked by ${rootsPhrase(r.blockedBy)}`))}`);
      return;
    }
    const failure = decidingDetail(r);
    const reason = r.reason ?? failure?.message;
    const where = failure ? `  ${c.dim(`at ${formatPos(failure.pos)}`)}` : '';
    if (reason) write(`${INDENT}${paint(c, r.status, firstLine(reason))}${where}`);
    else if (failure) write(`${INDENT}${where.trimStart()}`);
    if (failure?.values) {
      write(
        `${INDENT}${c.dim('expected')} ${preview(failure.values.expected)} ${c.dim('/ actual')} ${preview(failure.values.actual)}`,
      );
    }
    if (ctx.verbose && (r.status === 'fail' || r.status === 'warn' || r.status === 'error')) {
      for (const ex of caseExchanges(r)) writeExchange(ex);
    }
  };

  /** Whether the case list tells `r` once with the cases before it: it has their reason. */
  const repeats = (r: CaseResult): string | undefined => {
    // Verbose mode shows each failing case's own exchanges: those are never folded away.
    if (ctx.verbose && (r.status === 'fail' || r.status === 'warn' || r.status === 'error')) return undefined;
    return caseReasonKey(r, decidingDetail(r)?.values);
  };

  /** `  ⊘ … and 39 more blocked by TABLES-LIST: ORD-CREATE-FULL, …`: every id, none lost. */
  const endRepeat = (): void => {
    const run = repeat;
    repeat = undefined;
    if (!run || run.rest.length === 0) return;
    const { status } = run.first;
    const { one, many } = STATUS_WORDS[status];
    const what = status === 'blocked'
      ? `${run.rest.length} more blocked by ${rootsPhrase(run.first.blockedBy)}`
      : `${plural(run.rest.length, `more ${one}`, `more ${many}`)} for the same reason`;
    for (const line of idLines('  ', `${STATUS_WORDS[status].symbol} … and ${what}:`, (text) => paint(c, status, text), run.rest)) write(line);
  };

  return {
    async onRunStart(given: RunStartInfo): Promise<void> {
      const info = printable(given);
      planned = info.cases.length;
      done = 0;
      notRunShown = false;
      notRun = [];
      repeat = undefined;
      const embedded = info.target.embedded ? ` ${c.dim('(embedded reference POS)')}` : '';
      write(
        // No case planned: the run stopped at its first look, before its suites were loaded.
        `${c.bold('pos-accredit')} ${info.target.baseUrl} · venue ${c.bold(info.target.venue)}${embedded}${planned > 0 ? ` · ${plural(planned, 'case')}` : ''}`,
      );
      for (const notice of info.notices) write(notice);
      // The venue's notices follow these; a blank line comes before the first case.
      headerOpen = true;
      if (ctx.isTTY && !ctx.quiet) {
        const { default: ora } = await import('ora');
        spinner = ora({
          stream: ctx.stream,
          isEnabled: true,
          // The prompt driver reads stdin; the spinner must not grab it.
          discardStdin: false,
          color: ctx.color ? 'cyan' : false,
        });
      }
    },

    onNotice(given: string[]): void {
      for (const line of printable(given)) write(line);
    },

    onCaseStart(given: PlannedCase): void {
      endHeader();
      if (!spinner) return;
      const p = printable(given);
      caseText = `[${done + 1}/${planned}] ${p.id}  ${p.title}`;
      spin(caseText);
    },

    onStepStart(given: StepStartInfo): void {
      if (!spinner) return;
      // An action may be a question to the person at this terminal: nothing may draw over it.
      if (given.kind === 'action') {
        if (spinner.isSpinning) spinner.stop();
        return;
      }
      // After an action or a wait, the case's own text again (none in a suite's setup).
      if (caseText !== undefined) spin(caseText);
    },

    onWait(given: WaitInfo): void {
      if (!spinner) return;
      const w = printable(given);
      spin(`${w.caseId}: waiting up to ${formatDuration(w.timeoutMs)} for ${w.what}…`);
    },

    onCaseResult(given: CaseResult): void {
      done += 1;
      caseText = undefined;
      if (spinner?.isSpinning) spinner.stop();
      endHeader();
      if (ctx.quiet) return;
      const r = printable(given);
      // After an abort every remaining case says the same thing, wherever it comes: say it once.
      if (r.notRun === 'aborted') {
        if (notRunShown) {
          notRun.push(r);
          return;
        }
        notRunShown = true;
        endRepeat();
        writeCase(r);
        return;
      }
      // Consecutive cases with one reason (40 checks blocked by one root): the first in full.
      const key = repeats(r);
      if (key !== undefined && repeat?.key === key) {
        repeat.rest.push(r);
        return;
      }
      endRepeat();
      writeCase(r);
      if (key !== undefined) repeat = { key, first: r, rest: [] };
    },

    onRunEnd(given: RunResult): void {
      endHeader();
      const result = printable(given);
      if (spinner?.isSpinning) spinner.stop();
      spinner = undefined;
      endRepeat();
      // Which cases a mid-run stop left out is worth naming; when nothing ran at all, it is every case.
      const nothingRan = result.cases.every((k) => k.notRun === 'aborted' || k.status === 'manual');
      if (notRun.length > 0 && nothingRan) write(c.dim(`  … and ${plural(notRun.length, 'more case')} not run for the same reason`));
      else if (notRun.length > 0) {
        for (const line of idLines('  ', `… and ${plural(notRun.length, 'more case')} not run for the same reason:`, (text) => c.dim(text), notRun)) write(line);
      }

      // A run stopped before any case was planned has nothing to count: the abort says it all.
      if (result.cases.length > 0) {
        if (!ctx.quiet) write();
        write(c.bold('Summary'));
        write(`  ${'Cases'.padEnd(9)}${result.counts.total} — ${statusCounts(result.counts.byStatus)}`);
        for (const lvl of LEVELS) {
          write(`  ${lvl.padEnd(9)}${statusCounts(result.counts.byLevel[lvl])}`);
        }
        write(`  ${'Duration'.padEnd(9)}${formatDuration(result.durationMs)}`);
      }

      if (result.aborted) {
        // Right under the header (a blank line already) when nothing was planned.
        if (result.cases.length > 0) write();
        write(c.red.bold(`Run aborted (${result.aborted.code}): ${firstLine(result.aborted.message)}`));
        // Stopped before the first case (the POS unreachable, the token refused …): nothing ran.
        write(c.red(nothingRan ? '  No check ran: fix this first, then run again.' : '  The run did not complete; the results above are partial.'));
      }

      if (result.blocking.length > 0) {
        write();
        // Failures with one cause (a refused token, a broken setup) are listed once, with the ids;
        // the checks a failure kept from running, right under it. The root comes first.
        for (const line of blockingLines(c, result.blocking)) write(line);
      } else if (!result.aborted) {
        write();
        write(c.dim('No blocking failures.'));
      }

      // Last before the verdict, where a reader's eye lands.
      for (const hint of result.hints) {
        write();
        write(c.yellow(`Hint: ${hint}`));
      }

      // Every run ends saying what it left on the POS: a venue is a shared resource.
      if (result.venue) {
        write();
        write(result.venue.leftOpen.length ? c.yellow(leftOpenLine(result.venue)) : leftOpenLine(result.venue));
      }

      write();
      write(`Reports: ${ctx.outDir}`);
      const selection = selectionNote(result.options);
      if (selection) write(c.yellow(`Note: ${selection}.`));
      write(verdictLine(c, result));
    },
  };
}
