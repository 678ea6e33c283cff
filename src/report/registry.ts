// The `--reporter` choices. Adding a reporter = one file + one entry here.
// Imported by the run/report commands only; chalk loads with it, ora and ajv only on demand.
import { createConsoleReporter } from './console-reporter.js';
import { createJsonReporter } from './json-reporter.js';
import { createHarReporter } from './har-reporter.js';
import { createJunitReporter } from './junit-reporter.js';
import { createMarkdownReporter } from './markdown-reporter.js';
import type { Reporter, ReporterContext } from './reporter.js';

export const REPORTERS = {
  console: createConsoleReporter,
  json: createJsonReporter,
  junit: createJunitReporter,
  markdown: createMarkdownReporter,
  har: createHarReporter,
} as const satisfies Record<string, (ctx: ReporterContext) => Reporter>;

export type ReporterName = keyof typeof REPORTERS;

export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}

/** Builds the named reporters, in the order given, each with the same context. */
export function createReporters(names: readonly ReporterName[], ctx: ReporterContext): Reporter[] {
  return names.map((name) => REPORTERS[name](ctx));
}
