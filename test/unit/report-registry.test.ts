import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REPORTERS, REPORTER_NAMES, createReporters, isReporterName } from '../../src/report/registry.js';
import { preview } from '../../src/core/words/preview.js';
import { formatDuration } from '../../src/core/words/duration.js';
import { formatPos } from '../../src/core/words/position.js';

describe('reporter registry', () => {
  it('offers every report format as a --reporter choice', () => {
    expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'html', 'markdown', 'har']);
    expect(isReporterName('json')).toBe(true);
    expect(isReporterName('toString')).toBe(false);
    expect(Object.keys(REPORTERS)).toEqual(REPORTER_NAMES);
  });

  it('builds the named reporters in order', () => {
    const ctx = { outDir: 'reports', stream: new PassThrough(), color: false, isTTY: false, quiet: false, verbose: false };
    const [console, json] = createReporters(['console', 'json'], ctx);
    expect(typeof console?.onCaseResult).toBe('function');
    expect(json?.onCaseResult).toBeUndefined();
    expect(typeof json?.onRunEnd).toBe('function');
  });
});

describe('report text helpers', () => {
  it('formats durations, positions and values compactly', () => {
    // One duration format everywhere (core/words/duration.ts): messages, console, reports.
    expect(formatDuration(0.4)).toBe('0 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1400)).toBe('1.4 s');
    expect(formatDuration(3420)).toBe('3.42 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatPos({ file: 'suites/x.yaml', line: 12, col: 7 })).toBe('suites/x.yaml:12:7');
    expect(preview('201')).toBe('"201"');
    expect(preview(undefined)).toBe('nothing');
    expect(preview({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(preview('y'.repeat(500))).toHaveLength(120);
    expect(preview(10n)).toBe('"10"');
  });
});
