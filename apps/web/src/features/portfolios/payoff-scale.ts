import type { PayoffCurve } from '@strikedesk/domain';

/** The chart's drawing box in SVG units: the plot sits inside the margins (axis labels live there). */
export type ChartBox = { width: number; height: number; left: number; right: number; top: number; bottom: number };

export type Scale = { (value: number): number; domain: readonly [number, number]; range: readonly [number, number] };

/** value ↦ pixel, linear; a zero-width domain maps everything to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = (value: number): number => (span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0));
  return Object.assign(scale, { domain, range });
}

/** Pixel ↦ value: the inverse of a linear scale (the hover read-out). */
export function invert(scale: Scale, pixel: number): number {
  const [d0, d1] = scale.domain;
  const [r0, r1] = scale.range;
  return r1 === r0 ? d0 : d0 + ((pixel - r0) / (r1 - r0)) * (d1 - d0);
}

/** P&L bounds of both curves, always including zero (the line the eye reads profit against), with 8 % air. */
export function pnlDomain(curve: Pick<PayoffCurve, 'atExpiry' | 'today'>): [number, number] {
  let low = 0;
  let high = 0;
  for (const values of [curve.atExpiry, curve.today]) {
    for (const value of values) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  const air = (high - low) * 0.08 || 100;
  return [low - air, high + air];
}

/** "Nice" tick values (1, 2, 2.5 or 5 × 10^n apart) covering [low, high], about `count` of them. */
export function niceTicks(low: number, high: number, count: number): number[] {
  if (!(high > low) || count < 1) return [low];
  const rough = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step) ticks.push(Math.round(tick / step) * step || 0);
  return ticks;
}

/** An SVG path through the points, one move then lines; pixel values to 0.1 (smaller is invisible). */
export function linePath(xs: readonly number[], ys: readonly number[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  const count = Math.min(xs.length, ys.length);
  for (let index = 0; index < count; index += 1) {
    parts.push(`${index === 0 ? 'M' : 'L'}${x(xs[index] as number).toFixed(1)} ${y(ys[index] as number).toFixed(1)}`);
  }
  return parts.join(' ');
}

/** The expiry curve closed along the zero line: filled, then clipped above / below zero for profit and loss. */
export function areaPath(xs: readonly number[], ys: readonly number[], x: Scale, y: Scale): string {
  const line = linePath(xs, ys, x, y);
  const first = xs[0];
  const last = xs[Math.min(xs.length, ys.length) - 1];
  if (line === '' || first === undefined || last === undefined) return '';
  const zero = y(0).toFixed(1);
  return `${line} L${x(last).toFixed(1)} ${zero} L${x(first).toFixed(1)} ${zero} Z`;
}

/** Index of the level nearest `value` in an ascending array (the hover snaps to a computed point). */
export function nearestIndex(levels: readonly number[], value: number): number {
  let low = 0;
  let high = levels.length - 1;
  if (high < 0) return -1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((levels[middle] as number) < value) low = middle;
    else high = middle;
  }
  return Math.abs((levels[low] as number) - value) <= Math.abs((levels[high] as number) - value) ? low : high;
}

/** Short rupee labels for an axis, Indian style: ₹950, ₹12.5k, ₹1.2L, ₹3.4Cr (from paise). */
export function compactRupees(amountPaise: number): string {
  const rupees = amountPaise / 100;
  const sign = rupees < 0 ? '−' : '';
  const size = Math.abs(rupees);
  const short = (value: number, unit: string) => `${sign}₹${Number(value.toFixed(value < 100 ? 1 : 0))}${unit}`;
  if (size >= 1e7) return short(size / 1e7, 'Cr');
  if (size >= 1e5) return short(size / 1e5, 'L');
  if (size >= 1e3) return short(size / 1e3, 'k');
  return `${sign}₹${Math.round(size)}`;
}
