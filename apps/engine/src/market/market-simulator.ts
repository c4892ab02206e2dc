import { black76Price, istDayNumber, paise, roundToTick, type Black76Input, type Paise, type Tick } from '@strikedesk/domain';
import type { SimulatedUnderlying, SimulationConfig } from '../config/engine-config.ts';
import type { UnderlyingChain } from '../instruments/instrument-master.ts';
import { IndexBook, InstrumentBook, type Liquidity } from './instrument-book.ts';
import { expiryInstant } from './market-hours.ts';
import { SeededRandom } from './seeded-random.ts';

/** Option time to expiry is calendar time (ACT/365) ... */
const YEAR_MS = 365 * 86_400_000;
/** ... while the underlying diffuses on trading time: 252 sessions of 6h15m. */
const TRADING_YEAR_MS = 252 * 6.25 * 3_600_000;
/** An option is never priced with less than a minute to go, so quotes stay finite on expiry day. */
const MIN_OPTION_YEARS = 60_000 / YEAR_MS;
const VOL_FLOOR_FRACTION = 0.3;

export type SimulationStep = {
  timestamp: number;
  /** Every instrument whose visible market changed this step. */
  ticks: Tick[];
  /** The subset that traded (plus index moves): what the tick recorder keeps. */
  trades: Tick[];
};

type OptionSlot = { strike: number; call: InstrumentBook; put: InstrumentBook };
type ExpirySlot = { expiryMs: number; options: OptionSlot[] };
type UnderlyingSlot = {
  chain: UnderlyingChain;
  params: SimulatedUnderlying;
  spot: number;
  index: IndexBook;
  future: InstrumentBook;
  futureExpiryMs: number;
  expiries: ExpirySlot[];
  /** The spot the next step takes instead of diffusing (setSpot), or null. */
  scriptedSpot: number | null;
};

export type MarketSimulatorOptions = {
  chains: readonly UnderlyingChain[];
  simulation: SimulationConfig;
  seed: number;
  /** Epoch ms the simulated session starts at (the injectable clock's first reading). */
  startTime: number;
  /** Underlying → the spot (paise) to start from instead of the configured one (where the market last stood). */
  startingSpots?: ReadonlyMap<string, number>;
};

const FUTURE_LIQUIDITY = (tickSize: Paise): Liquidity => ({
  spread: { tickSize, spreadTicks: 2, relativeSpread: 0.000_005 },
  tradeProbability: 0.7,
  typicalLots: 20,
});

/**
 * A deterministic simulated NSE market: for a seed and a sequence of step times it produces the
 * same ticks, always. No timers inside: `step(now)` is driven by a runner in production and by
 * tests directly. Each step diffuses every underlying (GBM with Merton jumps) and reprices its
 * future and whole option chain from that one spot, so the chain is always mutually consistent.
 */
export class MarketSimulator {
  private readonly random: SeededRandom;
  private readonly slots: UnderlyingSlot[];
  private readonly books = new Map<string, InstrumentBook | IndexBook>();
  private readonly rate: number;
  private readonly timeScale: number;
  private lastStepAt: number;
  /** The IST day of the session the books' statistics (previous close, open, range, volume) describe. */
  private sessionDay: number;

  constructor(options: MarketSimulatorOptions) {
    this.random = new SeededRandom(options.seed);
    this.rate = options.simulation.riskFreeRate;
    this.timeScale = options.simulation.timeScale;
    this.lastStepAt = options.startTime;
    this.sessionDay = istDayNumber(options.startTime);
    this.slots = options.chains.map((chain) => this.createSlot(chain, options.simulation, options.startTime, options.startingSpots?.get(chain.spec.underlying)));
  }

  /** The latest tick of an instrument (undefined for unknown ids). */
  latest(instrumentId: string): Tick | undefined {
    return this.books.get(instrumentId)?.tick ?? undefined;
  }

  /** Open interest at the previous session's close (the simulated session's opening OI). */
  previousOpenInterest(instrumentId: string): number | undefined {
    const book = this.books.get(instrumentId);
    return book instanceof InstrumentBook ? book.startingOpenInterest : undefined;
  }

  /** Current spot of an underlying, paise as a float (for analytics, never for booking). */
  spot(underlying: string): number | undefined {
    return this.slots.find((slot) => slot.chain.spec.underlying === underlying)?.spot;
  }

  /**
   * Scripts the next step of an underlying: at the next `step` its spot is exactly `spot` (paise),
   * without diffusion, and its future and chain are repriced from it. A scripted price path (tests,
   * demos) is this before each step; other underlyings diffuse as usual.
   */
  setSpot(underlying: string, spot: number): void {
    const slot = this.slots.find((candidate) => candidate.chain.spec.underlying === underlying);
    if (!slot) throw new RangeError(`unknown underlying ${underlying}`);
    if (!(spot > 0)) throw new RangeError('spot must be positive');
    slot.scriptedSpot = spot;
  }

  /** Advances the market to `now`. A non-advancing clock produces an empty step. */
  step(now: number): SimulationStep {
    const elapsed = now - this.lastStepAt;
    if (elapsed <= 0) return { timestamp: now, ticks: [], trades: [] };
    this.lastStepAt = now;
    // A step on a later IST day (the always-open sandbox past midnight, or the next morning's open
    // without a restart) starts a new session: day P&L is measured from the previous close.
    const day = istDayNumber(now);
    if (day > this.sessionDay) {
      this.sessionDay = day;
      for (const book of this.books.values()) book.newSession();
    }
    const dt = (elapsed * this.timeScale) / TRADING_YEAR_MS;
    const ticks: Tick[] = [];
    const trades: Tick[] = [];
    for (const slot of this.slots) {
      if (slot.scriptedSpot === null) this.diffuse(slot, dt);
      else {
        slot.spot = slot.scriptedSpot;
        slot.scriptedSpot = null;
      }
      this.reprice(slot, now, ticks, trades);
    }
    return { timestamp: now, ticks, trades };
  }

  private diffuse(slot: UnderlyingSlot, dt: number): void {
    const { annualVolatility: vol, jumpsPerYear, jumpVolatility } = slot.params;
    const shock = this.random.normal();
    const jumpDraw = this.random.next();
    const jumpSize = this.random.normal();
    let logReturn = -0.5 * vol * vol * dt + vol * Math.sqrt(dt) * shock;
    if (jumpDraw < jumpsPerYear * dt) logReturn += jumpVolatility * jumpSize - 0.5 * jumpVolatility * jumpVolatility;
    slot.spot *= Math.exp(logReturn);
  }

  private reprice(slot: UnderlyingSlot, now: number, ticks: Tick[], trades: Tick[]): void {
    const { spec } = slot.chain;
    const collect = (result: { tick: Tick; traded: boolean } | null): void => {
      if (!result) return;
      ticks.push(result.tick);
      if (result.traded) trades.push(result.tick);
    };
    const pricing: Black76Input = { right: 'CALL', forward: 0, strike: 0, timeYears: 0, volatility: 0, discountFactor: 0 };
    const indexTick = slot.index.update(roundToTick(slot.spot, spec.tickSize), now);
    if (indexTick) {
      ticks.push(indexTick);
      trades.push(indexTick);
    }
    const futureYears = Math.max(slot.futureExpiryMs - now, 0) / YEAR_MS;
    collect(slot.future.update(slot.spot * Math.exp(this.rate * futureYears), FUTURE_LIQUIDITY(spec.tickSize), now, this.random));
    for (const expiry of slot.expiries) {
      const years = Math.max((expiry.expiryMs - now) / YEAR_MS, MIN_OPTION_YEARS);
      const forward = slot.spot * Math.exp(this.rate * years);
      const discountFactor = Math.exp(-this.rate * years);
      const sqrtYears = Math.sqrt(years);
      for (const option of expiry.options) {
        const volatility = smileVolatility(slot.params, forward, option.strike);
        const moneyness = Math.abs(Math.log(option.strike / forward)) / (volatility * sqrtYears);
        const liquidity = optionLiquidity(spec.tickSize, moneyness);
        // One reused input object: this loop runs for every option on every step.
        pricing.forward = forward;
        pricing.strike = option.strike;
        pricing.timeYears = years;
        pricing.volatility = volatility;
        pricing.discountFactor = discountFactor;
        pricing.right = 'CALL';
        collect(option.call.update(black76Price(pricing), liquidity, now, this.random));
        pricing.right = 'PUT';
        collect(option.put.update(black76Price(pricing), liquidity, now, this.random));
      }
    }
  }

  private createSlot(chain: UnderlyingChain, simulation: SimulationConfig, startTime: number, startingSpot: number | undefined): UnderlyingSlot {
    const params = simulation.underlyings[chain.spec.underlying];
    if (!params) throw new Error(`no simulation parameters for ${chain.spec.underlying}`);
    const { tickSize } = chain.spec;
    const spot = startingSpot ?? params.spot;
    const register = <T extends InstrumentBook | IndexBook>(book: T): T => {
      this.books.set(book.instrument.id, book);
      return book;
    };
    const openingBook = (fair: number, typicalOiLots: number, instrument: InstrumentBook['instrument']): InstrumentBook =>
      register(new InstrumentBook(instrument, roundToTick(fair, tickSize), Math.round(typicalOiLots * (0.5 + this.random.next())) * instrument.lotSize));
    const futureExpiryMs = expiryInstant(chain.future.expiry ?? '');
    const futureYears = Math.max(futureExpiryMs - startTime, 0) / YEAR_MS;
    const slot: UnderlyingSlot = {
      chain,
      params,
      spot,
      index: register(new IndexBook(chain.index, paise(spot))),
      future: openingBook(spot * Math.exp(simulation.riskFreeRate * futureYears), 50_000, chain.future),
      futureExpiryMs,
      scriptedSpot: null,
      expiries: chain.expiries.map((series) => {
        const expiryMs = expiryInstant(series.expiry);
        const years = Math.max((expiryMs - startTime) / YEAR_MS, MIN_OPTION_YEARS);
        const forward = spot * Math.exp(simulation.riskFreeRate * years);
        const discountFactor = Math.exp(-simulation.riskFreeRate * years);
        return {
          expiryMs,
          options: series.strikes.map((row) => {
            const volatility = smileVolatility(params, forward, row.strike);
            const input = { forward, strike: row.strike, timeYears: years, volatility, discountFactor };
            const z = Math.log(row.strike / forward) / (volatility * Math.sqrt(years));
            const oiLots = 20_000 * Math.exp((-z * z) / 2); // open interest peaks at the money
            return {
              strike: row.strike,
              call: openingBook(black76Price({ ...input, right: 'CALL' }), oiLots, row.call),
              put: openingBook(black76Price({ ...input, right: 'PUT' }), oiLots, row.put),
            };
          }),
        };
      }),
    };
    // Publish an opening tick for everything so quotes exist before the first step.
    this.reprice(slot, startTime, [], []);
    return slot;
  }
}

/** vol(k) = atmVol · (1 + curvature·k² + skew·k) with k = ln(K/F), floored so it stays positive. */
export function smileVolatility(params: Pick<SimulatedUnderlying, 'annualVolatility' | 'smile'>, forward: number, strike: number): number {
  const k = Math.log(strike / forward);
  const factor = 1 + params.smile.curvature * k * k + params.smile.skew * k;
  return params.annualVolatility * Math.max(factor, VOL_FLOOR_FRACTION);
}

/** Far from the money (in standard deviations) quotes widen and trade less. */
function optionLiquidity(tickSize: Paise, moneynessStdDevs: number): Liquidity {
  return {
    spread: { tickSize, spreadTicks: 1 + Math.min(9, Math.floor(moneynessStdDevs * 1.5)), relativeSpread: 0.0005 },
    tradeProbability: 0.25 * Math.exp(-moneynessStdDevs / 2),
    typicalLots: 10,
  };
}
