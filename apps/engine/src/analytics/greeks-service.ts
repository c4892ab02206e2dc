import {
  positionGreeks,
  type AccountGreeks,
  type AccountId,
  type GreeksTotals,
  type Instrument,
  type PositionGreeksView,
  type PositionState,
} from '@strikedesk/domain';
import { conflatedLatest } from '../events/conflated-latest.ts';
import type { Congestion } from '../events/socket-pacing.ts';
import { Topic } from '../events/topic.ts';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';
import { resolveForward, type ForwardEstimate } from './forward.ts';
import { instrumentUnitGreeks, type UnitGreeks } from './instrument-greeks.ts';
import { ChainIndex, type AnalyticsMarket } from './market-context.ts';

export type PositionSource = {
  positionsOf(accountId: AccountId): PositionState[];
  /** Positions attributed to strategies and portfolios (virtual books). */
  bookPositionsOf(accountId: AccountId): PositionState[];
  accountsWithOpenPositions(): AccountId[];
};

/**
 * Per-unit Greeks memoised for one pricing pass at one market instant: each series' forward is
 * resolved once and each instrument's IV solved once, however many positions (of however many
 * accounts) hold it. Never kept past the pass: the next one sees the next ticks.
 */
class PricingPass {
  private readonly forwards = new Map<ExpirySeries, ForwardEstimate | null>();
  private readonly units = new Map<string, UnitGreeks | null>();

  constructor(
    private readonly index: ChainIndex,
    private readonly market: AnalyticsMarket,
  ) {}

  unit(instrument: Instrument): UnitGreeks | null {
    let unit = this.units.get(instrument.id);
    if (unit === undefined) {
      unit = instrumentUnitGreeks(instrument, this.index, this.market, (chain, series) => this.forward(chain, series));
      this.units.set(instrument.id, unit);
    }
    return unit;
  }

  private forward(chain: UnderlyingChain, series: ExpirySeries): ForwardEstimate | null {
    let forward = this.forwards.get(series);
    if (forward === undefined) {
      forward = resolveForward(chain, series, this.market, this.index.strikes(series));
      this.forwards.set(series, forward);
    }
    return forward;
  }
}

const zeroTotals = (): GreeksTotals => ({ deltaLots: 0, deltaRupees: 0, gammaRupeesPerPercent: 0, thetaRupeesPerDay: 0, vegaRupeesPerVolPoint: 0 });

function addInto(total: GreeksTotals, item: GreeksTotals): void {
  total.deltaLots += item.deltaLots;
  total.deltaRupees += item.deltaRupees;
  total.gammaRupeesPerPercent += item.gammaRupeesPerPercent;
  total.thetaRupeesPerDay += item.thetaRupeesPerDay;
  total.vegaRupeesPerVolPoint += item.vegaRupeesPerVolPoint;
}

/**
 * Greeks of accounts' positions in rupees (floats: risk estimates, never money — ADR 0002/0007),
 * per position, per underlying and in total. Streamed about once a second for every account with
 * open positions, only while someone listens.
 *
 * Cost: a publish cycle prices every distinct instrument once (PricingPass: forward per series, IV
 * per instrument), so it costs O(distinct instruments + positions), not O(positions × strikes).
 * Every account is still published every cycle (the contract: about once a second while it has
 * positions, and an option's Greeks drift with time and vol even when nothing trades) — with the
 * per-cycle cache that is a few µs per position, so a change-only / slower-heartbeat scheme was
 * not worth its staleness (see docs/benchmarks.md, "Option chain and Greeks cycle").
 */
export type { PricingPass };

export class GreeksService {
  private readonly index: ChainIndex;
  private readonly published = new Topic<AccountGreeks>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      chains: readonly UnderlyingChain[];
      instrument(instrumentId: string): Instrument | undefined;
      positions: PositionSource;
      market: AnalyticsMarket;
      intervalMs?: number;
    },
  ) {
    this.index = new ChainIndex(deps.chains);
  }

  unitGreeks(instrument: Instrument): UnitGreeks | null {
    return instrumentUnitGreeks(instrument, this.index, this.deps.market);
  }

  /** Accounts the last publish cycle reported with open positions. */
  private lastPublished = new Set<AccountId>();

  account(accountId: AccountId, pass: PricingPass = this.pricingPass()): AccountGreeks {
    const positions: PositionGreeksView[] = [];
    for (const position of this.deps.positions.positionsOf(accountId)) {
      if (position.netQuantity === 0) continue;
      const view = this.positionView(position, pass);
      if (view) positions.push(view);
    }
    const byUnderlying = new Map<string, GreeksTotals>();
    const total = zeroTotals();
    for (const view of positions) {
      let sum = byUnderlying.get(view.underlying);
      if (!sum) byUnderlying.set(view.underlying, (sum = zeroTotals()));
      addInto(sum, view);
      addInto(total, view);
    }
    const byBook = new Map<string, { strategyId: PositionState['strategyId']; portfolioId: PositionState['portfolioId']; sum: GreeksTotals }>();
    for (const position of this.deps.positions.bookPositionsOf(accountId)) {
      if (position.netQuantity === 0) continue;
      const view = this.positionView(position, pass);
      if (!view) continue;
      const key = `${position.strategyId ?? ''}|${position.portfolioId ?? ''}`;
      let book = byBook.get(key);
      if (!book) byBook.set(key, (book = { strategyId: position.strategyId, portfolioId: position.portfolioId, sum: zeroTotals() }));
      addInto(book.sum, view);
    }
    return {
      accountId,
      timestamp: this.deps.market.now(),
      positions,
      byUnderlying: [...byUnderlying].map(([underlying, sum]) => ({ underlying, ...sum })),
      byBook: [...byBook.values()].map(({ strategyId, portfolioId, sum }) => ({ strategyId, portfolioId, ...sum })),
      total,
    };
  }

  /** Net delta (lots) and vega (₹/vol point) of an account's positions on one underlying. */
  netExposure(accountId: AccountId, underlying: string): { deltaLots: number; vegaRupees: number } {
    let deltaLots = 0;
    let vegaRupees = 0;
    const pass = this.pricingPass();
    for (const position of this.deps.positions.positionsOf(accountId)) {
      if (position.netQuantity === 0) continue;
      const view = this.positionView(position, pass);
      if (!view || view.underlying !== underlying) continue;
      deltaLots += view.deltaLots;
      vegaRupees += view.vegaRupeesPerVolPoint;
    }
    return { deltaLots, vegaRupees };
  }

  /** Every account with open positions, about once a second; latest per account for a slow consumer. */
  stream(signal?: AbortSignal, congested?: Congestion): AsyncGenerator<AccountGreeks, void, undefined> {
    return conflatedLatest<AccountGreeks>(
      (push) => {
        const stop = this.published.listen(push);
        this.startTimer();
        return () => {
          stop();
          if (this.published.listenerCount === 0) this.stopTimer();
        };
      },
      (greeks) => greeks.accountId,
      signal,
      congested,
    );
  }

  close(): void {
    this.stopTimer();
  }

  /** A cache of per-unit Greeks for one pass over the market as it is now. */
  pricingPass(): PricingPass {
    return new PricingPass(this.index, this.deps.market);
  }

  /**
   * One publish cycle: every account with open positions, priced in one pass — and, once more, each
   * account that went flat since the last cycle, so no terminal keeps showing Greeks of positions
   * that are gone.
   */
  publishAll(): void {
    const pass = this.pricingPass();
    const open = new Set(this.deps.positions.accountsWithOpenPositions());
    for (const accountId of open) this.published.publish(this.account(accountId, pass));
    for (const accountId of this.lastPublished) if (!open.has(accountId)) this.published.publish(this.account(accountId, pass));
    this.lastPublished = open;
  }

  private positionView(position: PositionState, pass: PricingPass): PositionGreeksView | null {
    const instrument = this.deps.instrument(position.instrumentId);
    if (!instrument) return null;
    const unit = pass.unit(instrument);
    if (!unit) return null;
    const rupees = positionGreeks({ greeks: unit.greeks, quantity: position.netQuantity, lotSize: instrument.lotSize, underlyingPricePaise: unit.underlyingPrice });
    return {
      instrumentId: instrument.id,
      product: position.product,
      underlying: instrument.underlying,
      netQuantity: position.netQuantity,
      delta: unit.greeks.delta,
      iv: unit.iv,
      deltaLots: rupees.deltaLots,
      deltaRupees: rupees.deltaRupees,
      gammaRupeesPerPercent: rupees.gammaRupeesPerPercent,
      thetaRupeesPerDay: rupees.thetaRupeesPerDay,
      vegaRupeesPerVolPoint: rupees.vegaRupeesPerVolPoint,
    };
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.publishAll(), this.deps.intervalMs ?? 1_000);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
