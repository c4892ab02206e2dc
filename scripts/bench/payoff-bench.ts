/**
 * npm run bench:payoff — how fast the portfolio builder recomputes as the trader edits legs.
 *
 * The builder reruns, in the browser, on every change: the legs resolved against the loaded chains
 * (resolveLegs) and the whole payoff analysis (analyzePayoff: curves at expiry and T+0 over ~300
 * points, breakevens, extremes, probability of profit, margin). Target: ≤ 2 ms per recompute for a
 * 12-leg portfolio, well inside one 16 ms frame, so typing never lags.
 *
 * Measured on one core with process.hrtime.bigint: warm-up, then 40 timed batches of 200 recomputes;
 * each figure is the median batch (the minimum is printed too: the machine may be shared).
 * - payoffSameExpiryMillis: 12 legs on one expiry (exact piecewise-linear expiry payoff);
 * - payoffCalendarMillis: 12 legs over two expiries (later legs valued by Black-76 at the nearest).
 *
 * Ends with exactly one JSON line: {"payoffSameExpiryMillis":N,"payoffCalendarMillis":N}
 */
import { analyzePayoff, PortfolioDefinitionSchema, resolveLegs, type PortfolioLegInput } from '../../packages/domain/src/index.ts';
import { fixtureMarket, SPOT } from '../../packages/domain/src/portfolios/test-chains.ts';

const market = fixtureMarket();
const NOW = Date.UTC(2026, 11, 15, 5, 30); // a week before the nearest fixture expiry

function twelveLegs(calendar: boolean): PortfolioLegInput[] {
  const legs: PortfolioLegInput[] = [];
  for (let index = 0; index < 12; index += 1) {
    const kind = index % 2 === 0 ? 'CE' : 'PE';
    const steps = (index % 6) - 3 + (kind === 'CE' ? 1 : -1) * Math.floor(index / 6);
    legs.push({
      id: `L${index + 1}`,
      side: index % 3 === 0 ? 'BUY' : 'SELL',
      kind,
      strike: { mode: 'ATM_OFFSET', steps },
      lots: 1 + (index % 2),
      expiry: calendar && index >= 6 ? 'NEXT_WEEK' : null,
    });
  }
  return legs;
}

function recompute(calendar: boolean): () => number {
  const definition = PortfolioDefinitionSchema.parse({
    settings: { name: 'bench', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'NRML' },
    legs: twelveLegs(calendar),
  });
  return () => {
    const legs = resolveLegs(definition, market);
    const analysis = analyzePayoff(legs, { spot: SPOT, now: NOW, rate: 0.065, atmIv: 0.13 });
    return analysis.curve.underlying.length;
  };
}

function measure(run: () => number): { median: number; min: number } {
  let sink = 0;
  for (let i = 0; i < 500; i += 1) sink += run();
  const batches: number[] = [];
  for (let batch = 0; batch < 40; batch += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 200; i += 1) sink += run();
    batches.push(Number(process.hrtime.bigint() - start) / 1e6 / 200);
  }
  if (sink === 0) throw new Error('the payoff produced no curve');
  batches.sort((a, b) => a - b);
  return { median: batches[Math.floor(batches.length / 2)]!, min: batches[0]! };
}

const same = measure(recompute(false));
const calendar = measure(recompute(true));
const round = (value: number): number => Math.round(value * 1_000) / 1_000;
console.log(`12 legs, one expiry:  median ${round(same.median)} ms per recompute (min ${round(same.min)} ms)`);
console.log(`12 legs, two expiries: median ${round(calendar.median)} ms per recompute (min ${round(calendar.min)} ms)`);
console.log(JSON.stringify({ payoffSameExpiryMillis: round(same.median), payoffCalendarMillis: round(calendar.median) }));
