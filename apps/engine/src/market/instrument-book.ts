import { paise, type Instrument, type Paise, type Tick } from '@strikedesk/domain';
import { makeDepth, makeTopOfBook, type Depth, type SpreadParams, type TopOfBook } from './quote-maker.ts';
import type { SeededRandom } from './seeded-random.ts';

export type Liquidity = {
  spread: SpreadParams;
  /** Chance per step that someone trades at the touch. */
  tradeProbability: number;
  typicalLots: number;
};

/**
 * The simulated book and session statistics of one tradable instrument. Mutable by design: the
 * simulator reprices thousands of these per step and allocates a Tick only when something changed.
 */
export class InstrumentBook {
  readonly instrument: Instrument;
  private top: TopOfBook | null = null;
  private depth: Depth = { bids: [], asks: [] };
  private lastPrice: Paise;
  private previousClose: Paise;
  private open: Paise;
  private high: Paise;
  private low: Paise;
  private volume = 0;
  private openInterest: number;
  private lastTick: Tick | null = null;
  /** Open interest the simulated session opened with: it stands for the previous session's close. */
  private openingInterest: number;

  constructor(instrument: Instrument, initialPrice: Paise, openInterest: number) {
    this.instrument = instrument;
    this.openingInterest = openInterest;
    this.lastPrice = initialPrice;
    this.previousClose = initialPrice;
    this.open = initialPrice;
    this.high = initialPrice;
    this.low = initialPrice;
    this.openInterest = openInterest;
  }

  get tick(): Tick | null {
    return this.lastTick;
  }

  get startingOpenInterest(): number {
    return this.openingInterest;
  }

  /**
   * A new trading day: what it last traded at is the previous close, and the day's open, range,
   * volume and opening interest start from there (as an exchange's session statistics do). The
   * last tick stays as it was, stamped on the day before, until the next update.
   */
  newSession(): void {
    this.previousClose = this.lastPrice;
    this.open = this.lastPrice;
    this.high = this.lastPrice;
    this.low = this.lastPrice;
    this.volume = 0;
    this.openingInterest = this.openInterest;
  }

  /**
   * Requotes around a new fair value and maybe trades. Returns the new Tick when anything a
   * consumer sees changed (touch, last price, volume, OI), else null; `traded` tells recorders.
   */
  update(fair: number, liquidity: Liquidity, timestamp: number, random: SeededRandom): { tick: Tick; traded: boolean } | null {
    const { tickSize } = liquidity.spread;
    const lotSize = this.instrument.lotSize;
    const top = makeTopOfBook(fair, liquidity.spread);
    const topChanged = this.top === null || top.bid !== this.top.bid || top.ask !== this.top.ask;
    // A last price outside the new touch does not last in a real market: someone trades at the
    // touch it moved to. Without this, an option that happened not to trade keeps a print the
    // quotes left behind, and every check against "the last price" (price bands, stops) drifts.
    const stale = this.lastPrice < top.bid || this.lastPrice > top.ask;
    const traded = random.next() < liquidity.tradeProbability || stale;
    if (topChanged || traded) this.depth = makeDepth(top, tickSize, lotSize, liquidity.typicalLots, random);
    this.top = top;
    if (traded) {
      const lots = 1 + Math.floor(random.next() * liquidity.typicalLots);
      const side = random.next() < 0.5 ? top.bid : top.ask;
      this.lastPrice = stale ? (this.lastPrice < top.bid ? top.bid : top.ask) : side;
      this.high = paise(Math.max(this.high, this.lastPrice));
      this.low = paise(Math.min(this.low, this.lastPrice));
      this.volume += lots * lotSize;
      // Slightly more opening than closing, so OI drifts up through the session like a real one.
      const oiLots = Math.round((random.next() - 0.45) * 2 * lots);
      this.openInterest = Math.max(0, this.openInterest + oiLots * lotSize);
    }
    if (!topChanged && !traded && this.lastTick !== null) return null;
    this.lastTick = {
      instrumentId: this.instrument.id,
      timestamp,
      lastPrice: this.lastPrice,
      previousClose: this.previousClose,
      open: this.open,
      high: this.high,
      low: this.low,
      bid: top.bid,
      ask: top.ask,
      bids: this.depth.bids,
      asks: this.depth.asks,
      volume: this.volume,
      openInterest: this.openInterest,
    };
    return { tick: this.lastTick, traded };
  }
}

/** An index: a last price only (indices are not traded, so no book, volume or OI). */
export class IndexBook {
  readonly instrument: Instrument;
  private previousClose: Paise;
  private open: Paise;
  private high: Paise;
  private low: Paise;
  private lastTick: Tick | null = null;

  constructor(instrument: Instrument, previousClose: Paise) {
    this.instrument = instrument;
    this.previousClose = previousClose;
    this.open = previousClose;
    this.high = previousClose;
    this.low = previousClose;
  }

  get tick(): Tick | null {
    return this.lastTick;
  }

  /** A new trading day (InstrumentBook.newSession): the last price is the previous close. */
  newSession(): void {
    const last = this.lastTick?.lastPrice ?? this.previousClose;
    this.previousClose = last;
    this.open = last;
    this.high = last;
    this.low = last;
  }

  update(price: Paise, timestamp: number): Tick | null {
    if (this.lastTick !== null && this.lastTick.lastPrice === price) return null;
    this.high = paise(Math.max(this.high, price));
    this.low = paise(Math.min(this.low, price));
    this.lastTick = {
      instrumentId: this.instrument.id,
      timestamp,
      lastPrice: price,
      previousClose: this.previousClose,
      open: this.open,
      high: this.high,
      low: this.low,
      bid: null,
      ask: null,
      bids: [],
      asks: [],
      volume: 0,
      openInterest: 0,
    };
    return this.lastTick;
  }
}
