/**
 * npm run bench:greeks — speed and accuracy of the options math in packages/domain.
 *
 * Measures, on one core, with process.hrtime.bigint:
 * - ivSolveNanos: one implied-volatility solve (Let's Be Rational), over the solvable options of four
 *   realistic NIFTY chains (1, 7, 30 and 91 days; 2 × 201 strikes ₹50 apart; a smile from 12% up);
 * - priceGreeksNanos: price + delta, gamma, theta, vega, rho of one option, same inputs;
 * - chainRecomputeMillis: IV and all Greeks for a 2 × 200-strike chain into typed arrays;
 * - maxIvRelError: the largest relative IV error over the well-conditioned points of the committed
 *   mpmath reference table (packages/domain/src/options/reference).
 * Each figure is the median of many timed batches after a warm-up (the minimum is printed too: the
 * machine may be shared). The hot loops call the allocation-free positional functions directly —
 * no closure per call — and read typed arrays.
 *
 * Ends with exactly one JSON line:
 * {"ivSolveNanos":N,"priceGreeksNanos":N,"chainRecomputeMillis":N,"maxIvRelError":N}
 */
import {
  black76GreeksInto,
  black76Price,
  createChainBuffers,
  emptyGreeks,
  impliedVolatilityCode,
  recomputeChain,
  type ChainBuffers,
} from '../../packages/domain/src/index.ts';
import { ivAccuracy } from '../../packages/domain/src/options/reference/reference-table.ts';

const FORWARD = 2_400_000; // NIFTY 24,000 in paise
const STRIKE_STEP = 5_000; // ₹50
const RATE = 0.065;
const STRIKES_EACH_SIDE = 100;
const smile = (strike: number): number => 0.12 + 0.6 * Math.log(strike / FORWARD) ** 2;

type Inputs = {
  count: number;
  isCall: Uint8Array;
  strike: Float64Array;
  timeYears: Float64Array;
  discount: Float64Array;
  volatility: Float64Array;
  price: Float64Array;
};

function buildInputs(): Inputs {
  const rows: { isCall: boolean; strike: number; timeYears: number; volatility: number }[] = [];
  for (const days of [1, 7, 30, 91]) {
    for (let i = -STRIKES_EACH_SIDE; i <= STRIKES_EACH_SIDE; i++) {
      const strike = FORWARD + i * STRIKE_STEP;
      for (const isCall of [true, false]) rows.push({ isCall, strike, timeYears: days / 365, volatility: smile(strike) });
    }
  }
  const solvable = rows
    .map((row) => {
      const discount = Math.exp(-RATE * row.timeYears);
      const price = black76Price({ right: row.isCall ? 'CALL' : 'PUT', forward: FORWARD, discountFactor: discount, ...row });
      return { ...row, discount, price };
    })
    .filter((row) => impliedVolatilityCode(row.isCall, row.price, FORWARD, row.strike, row.timeYears, row.discount) > 0);
  const count = solvable.length;
  const inputs: Inputs = {
    count,
    isCall: new Uint8Array(count),
    strike: new Float64Array(count),
    timeYears: new Float64Array(count),
    discount: new Float64Array(count),
    volatility: new Float64Array(count),
    price: new Float64Array(count),
  };
  solvable.forEach((row, i) => {
    inputs.isCall[i] = row.isCall ? 1 : 0;
    inputs.strike[i] = row.strike;
    inputs.timeYears[i] = row.timeYears;
    inputs.discount[i] = row.discount;
    inputs.volatility[i] = row.volatility;
    inputs.price[i] = row.price;
  });
  return inputs;
}

/** Runs `batch` (which performs `operationsPerBatch` operations) repeatedly; nanoseconds per operation. */
function measure(batch: () => number, operationsPerBatch: number, batches: number): { median: number; min: number; sink: number } {
  let sink = 0;
  for (let i = 0; i < Math.max(3, batches / 5); i++) sink += batch(); // warm-up: let the JIT optimise
  const perOperation: number[] = [];
  for (let i = 0; i < batches; i++) {
    const start = process.hrtime.bigint();
    sink += batch();
    const elapsed = Number(process.hrtime.bigint() - start);
    perOperation.push(elapsed / operationsPerBatch);
  }
  perOperation.sort((a, b) => a - b);
  return { median: perOperation[Math.floor(batches / 2)] as number, min: perOperation[0] as number, sink };
}

function ivBatch(inputs: Inputs, repeats: number): number {
  const { count, isCall, price, strike, timeYears, discount } = inputs;
  let sum = 0;
  for (let r = 0; r < repeats; r++) {
    for (let i = 0; i < count; i++) {
      sum += impliedVolatilityCode(isCall[i] === 1, price[i] as number, FORWARD, strike[i] as number, timeYears[i] as number, discount[i] as number);
    }
  }
  return sum;
}

const greeks = emptyGreeks();
function greeksBatch(inputs: Inputs, repeats: number): number {
  const { count, isCall, volatility, strike, timeYears, discount } = inputs;
  let sum = 0;
  for (let r = 0; r < repeats; r++) {
    for (let i = 0; i < count; i++) {
      black76GreeksInto(isCall[i] === 1, FORWARD, strike[i] as number, timeYears[i] as number, volatility[i] as number, discount[i] as number, RATE, greeks);
      sum += greeks.delta + greeks.theta;
    }
  }
  return sum;
}

function buildChain(): ChainBuffers {
  const size = 200;
  const chain = createChainBuffers(size);
  const timeYears = 7 / 365;
  const discount = Math.exp(-RATE * timeYears);
  for (let i = 0; i < size; i++) {
    const strike = FORWARD + (i - size / 2) * STRIKE_STEP;
    const input = { forward: FORWARD, strike, timeYears, volatility: smile(strike), discountFactor: discount };
    chain.strike[i] = strike;
    // Mids on the 5-paise tick, as the chain would see them.
    chain.call.price[i] = Math.max(5, Math.round(black76Price({ ...input, right: 'CALL' }) / 5) * 5);
    chain.put.price[i] = Math.max(5, Math.round(black76Price({ ...input, right: 'PUT' }) / 5) * 5);
  }
  return chain;
}

function chainBatch(chain: ChainBuffers, repeats: number): number {
  let sum = 0;
  for (let r = 0; r < repeats; r++) {
    // An underlying tick moves the forward by a few paise.
    recomputeChain({ forward: FORWARD + (r & 7) * 5, timeYears: 7 / 365, rate: RATE }, chain);
    sum += chain.call.delta[100] as number;
  }
  return sum;
}

function main(): void {
  const inputs = buildInputs();
  const repeats = Math.ceil(20_000 / inputs.count);
  const operations = repeats * inputs.count;
  console.log(`options math benchmark — Node ${process.version}, ${inputs.count} solvable options (1/7/30/91 days × 2 × 201 strikes)`);

  const iv = measure(() => ivBatch(inputs, repeats), operations, 40);
  console.log(`  implied volatility:      ${iv.median.toFixed(0)} ns per solve (min batch ${iv.min.toFixed(0)} ns)  target ≤ 1000`);

  const priceGreeks = measure(() => greeksBatch(inputs, repeats), operations, 40);
  console.log(`  price + all Greeks:      ${priceGreeks.median.toFixed(0)} ns per option (min batch ${priceGreeks.min.toFixed(0)} ns)  target ≤ 300`);

  const chain = buildChain();
  const chainRepeats = 20;
  const chainTiming = measure(() => chainBatch(chain, chainRepeats), chainRepeats, 40);
  const chainMillis = chainTiming.median / 1e6;
  let solved = 0;
  for (let i = 0; i < chain.size; i++) solved += (chain.call.status[i] === 0 ? 1 : 0) + (chain.put.status[i] === 0 ? 1 : 0);
  console.log(
    `  chain recompute 2 × 200: ${chainMillis.toFixed(3)} ms (min batch ${(chainTiming.min / 1e6).toFixed(3)} ms; ${solved} of 400 with an IV)  target ≤ 1`,
  );

  const accuracy = ivAccuracy();
  console.log(
    `  IV accuracy vs mpmath:   max relative error ${accuracy.maxRelativeError.toExponential(2)} over ${accuracy.wellConditionedCases} well-conditioned reference points (≤ ${accuracy.maxErrorOverConditioning.toFixed(2)} × conditioning)  target ≤ 1e-10`,
  );
  if (!Number.isFinite(iv.sink + priceGreeks.sink + chainTiming.sink)) console.log('  (sink is not finite)');

  console.log(
    JSON.stringify({
      ivSolveNanos: Math.round(iv.median),
      priceGreeksNanos: Math.round(priceGreeks.median),
      chainRecomputeMillis: Number(chainMillis.toFixed(4)),
      maxIvRelError: Number(accuracy.maxRelativeError.toPrecision(3)),
    }),
  );
}

main();
