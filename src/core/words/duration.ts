// Durations, read and written one way everywhere: `850 ms`, `1.5 s`, `30 s`, `2 min 05 s`.

/** A number of milliseconds, or a text such as `250ms`, `5s`, `1m`; NaN when it is neither. */
export function parseDuration(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(value).trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return Math.round(m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n);
}

/** `850 ms`, `1.5 s`, `3.42 s`, `30 s`, `2 min`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  if (rounded < 1000) return `${rounded} ms`;
  if (rounded < 60_000) return `${(rounded / 1000).toFixed(2).replace(/\.?0+$/, '')} s`;
  const totalSeconds = Math.round(rounded / 1000);
  const seconds = totalSeconds % 60;
  return `${Math.floor(totalSeconds / 60)} min${seconds === 0 ? '' : ` ${String(seconds).padStart(2, '0')} s`}`;
}
