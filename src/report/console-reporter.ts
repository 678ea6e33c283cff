// Human-readable progress and summary on the console. Writes only to ctx.stream; the data it
// receives is already redacted, and control characters in it are shown, never sent to the
// terminal (core/words/control-chars.ts). The last line it writes is always `Verdict: PASS|FAIL …`.
import chalk, { Chalk, type ChalkInstance, type ColorSupportLevel } from 'chalk';
import type { Ora } from 'ora';
import { mapStrings } from '../core/redactor.js';
import { decidingDetail, LEVELS, type BlockingFailure, type CaseResult, type CaseStatus, type RunResult, type StatusCounts } from '../core/results.js';
import type { Exchange } from '../core/evidence.js';
import { safeFor } from '../core/words/control-chars.js';
import { countParts, plural } from '../core/words/counts.js';
import { formatDuration } from '../core/words/duration.js';
import { leftOpenLine } from '../core/words/order.js';
import { formatPos } from '../core/words/position.js';
import { bodyPreview, firstLine, preview } from '../core/words/preview.js';
import { STATUS_WORDS, VERDICT_LABELS } from '../core/words/status.js';
import type { PlannedCase, RunStartInfo, StepStartInfo, WaitInfo } from '../engine/events.js';
import { caseExchanges, selectionNote } from './format.js';
import type { Reporter, ReporterContext } from './reporter.js';

const INDENT = '      ';

/** Every string of what the run hands over, safe to print on a terminal. */
const printable = <T>(value: T): T => mapStrings(value, (text) => safeFor('text', text));

function paint(c: ChalkInstance, status: CaseStatus | keyof StatusCounts, text: string): string {
  switch (status) {
    case 'pass': return c.green(text);
    case 'fail': return c.red(text);
    case 'warn': return c.yellow(text);
    case 'skip': return c.dim(text);
    case 'error': return c.magenta(text);
    case 'manual': return c.cyan(text);
  }
}

export function createConsoleReporter(ctx: ReporterContext): Reporter {
  const level: ColorSupportLevel = ctx.color ? (chalk.level > 0 ? chalk.level : 1) : 0;
  const c = new Chalk({ level });
  let spinner: Ora | undefined;
  /** The running case's spinner text, shown again when a wait is over; none between cases. */
  let caseText: string | undefined;
  let planned = 0;
  let done = 0;
  let notRun = 0;
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

  const writeValues = (indent: string, expected: unknown, actual: unknown): void => {
    write(`${indent}${c.dim('expected')} ${preview(expected)}`);
    write(`${indent}${c.dim('actual  ')} ${c.red(preview(actual))}`);
  };

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
    write(`  ${symbol}${errorTag} ${c.bold(r.id)}  ${title} ${c.dim(`[${r.level}]`)}${r.status === 'manual' ? '' : ` ${c.dim(`(${formatDuration(r.durationMs)})`)}`}`);
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

  const writeBlocking = (b: BlockingFailure): void => {
    const tag = b.status === 'error' ? ` ${c.magenta.bold(STATUS_WORDS.error.label)}` : '';
    write(`  ${paint(c, b.status, STATUS_WORDS[b.status].symbol)}${tag} ${c.bold(b.id)}  ${b.title}`);
    write(`    ${firstLine(b.reason)}`);
    if (b.expected !== undefined || b.actual !== undefined) writeValues('    ', b.expected, b.actual);
    write(`    ${c.dim('at')} ${formatPos(b.pos)}`);
  };

  return {
    async onRunStart(given: RunStartInfo): Promise<void> {
      const info = printable(given);
      planned = info.cases.length;
      done = 0;
      notRun = 0;
      const embedded = info.target.embedded ? ` ${c.dim('(embedded reference POS)')}` : '';
      write(
        `${c.bold('pos-accredit')} ${info.target.baseUrl} · venue ${c.bold(info.target.venue)}${embedded} · ${plural(planned, 'case')}`,
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
      // After an abort every remaining case says the same thing: say it once.
      if (r.notRun === 'aborted') {
        notRun += 1;
        if (notRun > 1) return;
      }
      writeCase(r);
    },

    onRunEnd(given: RunResult): void {
      endHeader();
      const result = printable(given);
      if (spinner?.isSpinning) spinner.stop();
      spinner = undefined;
      if (notRun > 1) write(c.dim(`  … and ${plural(notRun - 1, 'more case')} not run for the same reason`));

      if (!ctx.quiet) write();
      write(c.bold('Summary'));
      write(`  ${'Cases'.padEnd(9)}${result.counts.total} — ${statusCounts(result.counts.byStatus)}`);
      for (const lvl of LEVELS) {
        write(`  ${lvl.padEnd(9)}${statusCounts(result.counts.byLevel[lvl])}`);
      }
      write(`  ${'Duration'.padEnd(9)}${formatDuration(result.durationMs)}`);

      if (result.aborted) {
        write();
        write(c.red.bold(`Run aborted (${result.aborted.code}): ${firstLine(result.aborted.message)}`));
        // Stopped before the first case (the POS unreachable, the token refused …): nothing ran.
        const before = result.cases.every((k) => k.notRun === 'aborted' || k.status === 'manual');
        write(c.red(before ? '  No check ran: fix this first, then run again.' : '  The run did not complete; the results above are partial.'));
      }

      if (result.blocking.length > 0) {
        write();
        write(c.red.bold(`Blocking failures (${result.blocking.length})`));
        // Failures with one cause (a refused token, a broken setup) are listed once, with the ids.
        for (const group of groupByReason(result.blocking)) {
          writeBlocking(group[0]!);
          if (group.length > 1) write(`    ${c.dim(`and ${group.length - 1} more for the same reason: ${group.slice(1).map((b) => b.id).join(', ')}`)}`);
        }
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

function groupByReason(blocking: BlockingFailure[]): BlockingFailure[][] {
  const groups = new Map<string, BlockingFailure[]>();
  for (const b of blocking) {
    const key = `${b.reason}|${formatPos(b.pos)}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  return [...groups.values()];
}

function verdictLine(c: ChalkInstance, result: RunResult): string {
  if (result.verdict === 'pass') return `Verdict: ${c.green.bold(VERDICT_LABELS.pass)}`;
  const n = result.blocking.length;
  const why = result.aborted ? ` (run aborted: ${result.aborted.code}${n > 0 ? `; ${n} blocking` : ''})` : n > 0 ? ` (${n} blocking)` : '';
  return `Verdict: ${c.red.bold(`${VERDICT_LABELS.fail}${why}`)}`;
}
