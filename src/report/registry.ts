// The `--reporter` choices. Adding a reporter = one file + one entry here.
// Imported by the run/report commands only; chalk loads with it, ora and ajv only on demand.
import { createConsoleReporter } from './console-reporter.js';
import { createJsonReporter } from './json-reporter.js';
import { createHarReporter } from './har-reporter.js';
import { createHtmlReporter } from './html-reporter.js';
import { createJunitReporter } from './junit-reporter.js';
import { createMarkdownReporter } from './markdown-reporter.js';
import { mapStrings } from '../core/redactor.js';
import type { Reporter, ReporterContext } from './reporter.js';

export const REPORTERS = {
  console: createConsoleReporter,
  json: createJsonReporter,
  junit: createJunitReporter,
  html: createHtmlReporter,
  markdown: createMarkdownReporter,
  har: createHarReporter,
} as const satisfies Record<string, (ctx: ReporterContext) => Reporter>;

export type ReporterName = keyof typeof REPORTERS;

export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}

/**
 * Builds the named reporters, in the order given, each with the same context. With a `redact`
 * function, every value a reporter receives is redacted first — before it can be truncated or
 * escaped out of recognition — and each reporter redacts what it writes again.
 */
export function createReporters(names: readonly ReporterName[], ctx: ReporterContext): Reporter[] {
  return names.map((name) => (ctx.redact ? redacting(REPORTERS[name](ctx), ctx.redact) : REPORTERS[name](ctx)));
}

/** Every hook a reporter may have; each gets its one argument redacted first. */
const HOOKS = ['onRunStart', 'onNotice', 'onCaseStart', 'onStepStart', 'onWait', 'onCaseResult', 'onRunEnd'] as const satisfies readonly (keyof Reporter)[];
// A hook added to Reporter and not listed above would bypass the redaction: make that a type error.
const everyHook: [Exclude<keyof Reporter, (typeof HOOKS)[number]>] extends [never] ? true : never = true;
void everyHook;

function redacting(reporter: Reporter, redact: (text: string) => string): Reporter {
  const wrapped: Record<string, (arg: unknown) => unknown> = {};
  for (const hook of HOOKS) {
    const fn = reporter[hook] as ((arg: unknown) => unknown) | undefined;
    if (fn) wrapped[hook] = (arg) => fn.call(reporter, mapStrings(arg, redact));
  }
  return wrapped as Reporter;
}
