import { loadavg } from 'node:os';

/** Helpers shared by the engine benchmark's parts: percentiles, medians, load average, tables. */

export type Percentiles = { p50: number; p99: number; p999: number; max: number; count: number };

/** Nearest-rank percentiles of a list of durations (any unit); sorts a copy. */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number => (sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number));
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number), count: sorted.length };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

/** `1 min / 5 min / 15 min` load averages, as printed beside every figure (the machine may be shared). */
export const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

export const thousands = (value: number): string => Math.round(value).toLocaleString('en-US');

/** A plain-text table: first row is the header, columns padded, numbers right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  const numeric = /^[\d.,\-−–≤≥ %µmsx/()]+$/;
  const line = (row: readonly string[]): string =>
    row.map((cell, index) => (index > 0 && numeric.test(cell) ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0))).join('  ');
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** Resolves after the event loop has had a turn (lets I/O callbacks and timers run). */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
