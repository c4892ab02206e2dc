/**
 * The engine's in-memory core with no I/O, driven by a realistic order flow (bench:engine parts 1
 * and 3): OrderDecider + TradingState with the DecisionContext engine.ts wires — the simulated
 * market's catalog and live ticks, halts (HaltBook), the account's versioned limits (RiskLimitsBook)
 * through the TradingRiskView, and the Greek-limit check — on a simulated clock that moves at a
 * realistic per-account order rate, so the SEBI per-second and broker per-minute/per-day windows
 * are exercised, not disabled.
 *
 * A command is one submit, modify or cancel: the decision, the fold of its events into the state,
 * and the broker's answers (accepted / filled / modified / canceled) turned into journal events by
 * OrderDecider.brokerEvent and folded too, exactly as the OrderManager does minus the journal
 * write and the await. The answers are synthesised here with the paper venue's own fill rules
 * (MARKET at the touch, LIMIT when it crosses) — the venue's book keeping is not core work.
 */
import {
  asAccountId,
  asUserId,
  DEFAULT_RISK_LIMITS,
  DomainError,
  paise,
  type AccountId,
  type ClientOrderId,
  type EngineEvent,
  type GreekLimitRecord,
  type Instrument,
  type Order,
  type OrderId,
  type Paise,
  type PlaceOrderInput,
  type RiskLimits,
  type StrategyId,
  type Tick,
  type TradeId,
  type TradingHalt,
  type UserId,
} from '@strikedesk/domain';
import type { GreekLimitStore, JournalRecord, RiskLimitsStore, TradingHaltStore } from '@strikedesk/db/client';
import { GreeksService } from '../../../apps/engine/src/analytics/greeks-service.ts';
import type { BrokerEvent } from '../../../apps/engine/src/brokers/broker.ts';
import { limitFillPrice, marketFillPrice } from '../../../apps/engine/src/brokers/paper/paper-fill-rules.ts';
import { loadEngineConfig } from '../../../apps/engine/src/config/engine-config.ts';
import { createSimulatedMarket } from '../../../apps/engine/src/market/create-market.ts';
import type { InstrumentCatalog } from '../../../apps/engine/src/instruments/instrument-catalog.ts';
import type { MarketSimulator } from '../../../apps/engine/src/market/market-simulator.ts';
import { OrderDecider } from '../../../apps/engine/src/orders/order-decider.ts';
import { OrderIdAllocator } from '../../../apps/engine/src/orders/order-ids.ts';
import { TradingState } from '../../../apps/engine/src/orders/trading-state.ts';
import { GreekLimitBook } from '../../../apps/engine/src/risk/greek-limit-book.ts';
import { greekRiskCheck } from '../../../apps/engine/src/risk/greek-risk-check.ts';
import { HaltBook } from '../../../apps/engine/src/risk/halt-book.ts';
import { RiskLimitsBook } from '../../../apps/engine/src/risk/risk-limits-book.ts';
import { TradingRiskView } from '../../../apps/engine/src/risk/trading-risk-view.ts';

/** Wednesday 2026-12-09 11:00 IST (the engine tests' start): inside the session, NIFTY weeklies listed. */
export const BENCH_START = Date.UTC(2026, 11, 9, 5, 30);

/**
 * The engine defaults (SEBI 10/s per segment, broker 400/min and 5,000/day, 500 lots, 500 open
 * orders, 20% price band) plus the exposure limits switched on, so every order also pays for the
 * position-per-instrument / per-underlying and daily-loss checks (set wide: they are checked, not hit).
 */
export const BENCH_LIMITS: RiskLimits = {
  ...DEFAULT_RISK_LIMITS,
  maxPositionLotsPerInstrument: 400,
  maxPositionLotsPerUnderlying: 4_000,
  dailyLossLimit: paise(50_000_000_00), // ₹5 crore
};

export type CoreWorkloadOptions = {
  accounts: number;
  /** Average order messages per account per second of simulated time (SEBI cap: 10/s per segment). */
  commandsPerAccountPerSecond: number;
  seed: number;
  /** Give every account a net-delta and net-vega limit per underlying (issue 5's check, priced per order). */
  greekLimits?: boolean;
  /** Every journal record the core produces, in seq order (part 3 writes them to PostgreSQL). */
  onRecord?: (record: JournalRecord) => void;
};

type BenchAccount = { accountId: AccountId; userId: UserId; instruments: Instrument[]; resting: OrderId[] };

export type Command =
  | { kind: 'submit'; account: BenchAccount; order: PlaceOrderInput }
  | { kind: 'modify'; account: BenchAccount; orderId: OrderId; price: Paise }
  | { kind: 'cancel'; account: BenchAccount; orderId: OrderId };

/** Deterministic PRNG (mulberry32): same seed, same flow. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A version-4-shaped uuid from an 8-hex-digit prefix and a number (deterministic account and user ids). */
export const benchUuid = (prefix: string, n: number): string => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const MARKET_STEP_MS = 250; // the engine's SIM_TICK_MS

const notUsed = (): never => {
  throw new Error('not used by the benchmark');
};

export class CoreWorkload {
  readonly state = new TradingState();
  readonly decider: OrderDecider;
  readonly accounts: BenchAccount[];
  readonly counts = { submit: 0, modify: 0, cancel: 0, denied: 0, refused: 0, records: 0, fills: 0, slices: 0 };
  readonly denials = new Map<string, number>();
  private simTime = BENCH_START;
  private nextStepAt = BENCH_START + MARKET_STEP_MS;
  private readonly msPerCommand: number;
  private readonly random: () => number;
  private brokerOrderNumber = 1;
  private tradeNumber = 1;

  private constructor(
    private readonly simulator: MarketSimulator,
    private readonly catalog: InstrumentCatalog,
    /** Simulated epoch ms (integer, as journal events require), read by the DecisionContext. */
    private readonly clock: { time: number },
    decide: (state: TradingState) => OrderDecider,
    accounts: BenchAccount[],
    private readonly options: CoreWorkloadOptions,
  ) {
    this.decider = decide(this.state);
    this.accounts = accounts;
    this.msPerCommand = 1_000 / (options.accounts * options.commandsPerAccountPerSecond);
    this.random = mulberry32(options.seed ^ 0x5eed);
  }

  static async create(options: CoreWorkloadOptions): Promise<CoreWorkload> {
    const config = loadEngineConfig();
    const { catalog, simulator } = createSimulatedMarket({ config, seed: 42, startTime: BENCH_START });
    const random = mulberry32(options.seed);
    const pool = tradablePool(catalog.chains);
    const accounts: BenchAccount[] = Array.from({ length: options.accounts }, (_, index) => ({
      accountId: asAccountId(benchUuid('a0000000', index + 1)),
      userId: asUserId(benchUuid('b0000000', index + 1)),
      instruments: Array.from({ length: 6 }, () => pool[Math.floor(random() * pool.length)] as Instrument),
      resting: [],
    }));
    // One account (of a thousand) has its kill switch engaged: the halt check iterates a real book.
    const halted = accounts[accounts.length - 1] as BenchAccount;
    const halt: TradingHalt = {
      id: 1, scope: 'ACCOUNT', accountId: halted.accountId, kind: 'KILL_SWITCH', reason: 'benchmark', flatten: false,
      engagedBy: halted.userId, engagedAt: BENCH_START - 60_000, releasedBy: null, releasedAt: null, releaseNote: null, details: {},
    };
    const halts = await HaltBook.load({ active: async () => [halt], recent: async () => [], released: async () => [], engagedSince: async () => [], engage: notUsed, addDetails: notUsed, release: notUsed } satisfies TradingHaltStore);
    const riskLimits = await RiskLimitsBook.load({ latest: async () => [], history: async () => [], append: notUsed } satisfies RiskLimitsStore, BENCH_LIMITS);
    const greekRecords: GreekLimitRecord[] = options.greekLimits
      ? accounts.flatMap(({ accountId, userId }) =>
          ['NIFTY', 'BANKNIFTY'].map((underlying) => ({ accountId, underlying, maxAbsDeltaLots: 500, maxAbsVegaRupees: 50_000_000, updatedAt: BENCH_START, updatedBy: userId })),
        )
      : [];
    const greekLimits = await GreekLimitBook.load({ list: async () => greekRecords, set: notUsed } satisfies GreekLimitStore);
    const clock = { time: BENCH_START };
    const now = (): number => clock.time;
    return new CoreWorkload(
      simulator,
      catalog,
      clock,
      (state) => {
        const greeks = new GreeksService({
          chains: catalog.chains,
          instrument: (id) => catalog.get(id),
          positions: state,
          market: { latest: (id) => simulator.latest(id), previousOpenInterest: (id) => simulator.previousOpenInterest(id), now, rate: config.simulation.riskFreeRate },
        });
        const riskView = new TradingRiskView(state, { latest: (id) => simulator.latest(id), instrument: (id) => catalog.get(id), now });
        // The very DecisionContext engine.ts builds (MARKET_ALWAYS_OPEN, the engine default).
        return new OrderDecider(
          state,
          {
            instrument: (id) => catalog.get(id),
            latest: (id) => simulator.latest(id),
            isMarketOpen: () => true,
            haltDenial: (accountId, origin, reducesOnly) => halts.denial(accountId, origin, reducesOnly),
            riskLimits: (accountId) => riskLimits.get(accountId),
            riskView,
            greekRisk: greekRiskCheck({ limits: greekLimits, greeks, instrument: (id) => catalog.get(id), workingTotals: (accountId) => state.exposures(accountId) }),
          },
          new OrderIdAllocator(state.highestOrderNumber),
        );
      },
      accounts,
      options,
    );
  }

  /** The simulated time now (epoch ms). */
  get now(): number {
    return this.clock.time;
  }

  /** Moves the simulated clock by one command's share; true when the market is due a step. */
  advance(): boolean {
    this.simTime += this.msPerCommand;
    this.clock.time = Math.floor(this.simTime);
    return this.clock.time >= this.nextStepAt;
  }

  /** One simulator step (the engine's 250 ms tick); not core work, callers keep it out of their timings. */
  stepMarket(): void {
    this.simulator.step(this.now);
    this.nextStepAt = this.now + MARKET_STEP_MS;
  }

  /**
   * The next command of a random account: mostly new orders (MARKET, marketable LIMIT, resting
   * LIMIT; 1–4 lots, 2% large enough to be sliced; 20% attributed to a strategy), and for accounts
   * with resting orders a modify (re-price) or cancel of one — about 77% submits, 9% modifies,
   * 14% cancels.
   */
  next(): Command {
    const account = this.accounts[Math.floor(this.random() * this.accounts.length)] as BenchAccount;
    const resting = account.resting.length;
    const r = this.random();
    if (resting >= 8 || (resting > 0 && r >= 0.92)) return { kind: 'cancel', account, orderId: this.pickResting(account) };
    if (resting > 0 && r >= 0.82) {
      const orderId = this.pickResting(account);
      const order = this.state.order(orderId);
      const instrument = order ? this.catalog.get(order.instrumentId) : undefined;
      const tick = order ? this.simulator.latest(order.instrumentId) : undefined;
      if (order && instrument && tick) return { kind: 'modify', account, orderId, price: this.restingPrice(order.side, instrument, tick) };
    }
    return { kind: 'submit', account, order: this.newOrder(account) };
  }

  /** Runs one command through the core; DomainErrors (a refused modify/cancel) are counted, not thrown. */
  execute(command: Command): void {
    try {
      if (command.kind === 'submit') this.submit(command.account, command.order);
      else if (command.kind === 'modify') this.modify(command.account, command.orderId, command.price);
      else this.cancel(command.account, command.orderId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.counts.refused += 1;
      this.denials.set(error.code, (this.denials.get(error.code) ?? 0) + 1);
    }
  }

  /** Cancels every resting order (the journal for part 3 ends with nothing working). */
  cancelAllResting(): void {
    for (const account of this.accounts) while (account.resting.length > 0) this.execute({ kind: 'cancel', account, orderId: account.resting[0] as OrderId });
  }

  private submit(account: BenchAccount, order: PlaceOrderInput): void {
    this.counts.submit += 1;
    const decision = this.decider.submit({ accountId: account.accountId, userId: account.userId, order, origin: 'TERMINAL' }, this.now);
    if (decision.kind === 'existing') return;
    const created: Order[] = [];
    for (const event of decision.events) created.push(this.fold(event));
    if (decision.denied) {
      const denied = decision.events[0];
      const code = denied?.type === 'OrderDenied' ? denied.reasonCode : 'UNKNOWN';
      this.counts.denied += 1;
      this.denials.set(code, (this.denials.get(code) ?? 0) + 1);
      return;
    }
    if (created.length > 1) this.counts.slices += created.length;
    for (const submitted of created) this.venuePlace(account, submitted);
  }

  private modify(account: BenchAccount, orderId: OrderId, price: Paise): void {
    this.counts.modify += 1;
    const decision = this.decider.modify({ accountId: account.accountId, userId: account.userId, modify: { orderId, price } }, this.now);
    const order = this.fold(decision.event);
    if (decision.kind === 'denied') {
      this.counts.refused += 1;
      this.denials.set(decision.denial.code, (this.denials.get(decision.denial.code) ?? 0) + 1);
      return;
    }
    const { event } = decision;
    const { accountId, clientOrderId, brokerOrderId } = order;
    this.answer({ kind: 'modified', accountId, clientOrderId, brokerOrderId: brokerOrderId ?? '', type: event.orderType, quantity: event.quantity, price: event.price, triggerPrice: event.triggerPrice });
  }

  private cancel(account: BenchAccount, orderId: OrderId): void {
    this.counts.cancel += 1;
    const index = account.resting.indexOf(orderId);
    if (index >= 0) {
      account.resting[index] = account.resting[account.resting.length - 1] as OrderId;
      account.resting.pop();
    }
    const order = this.fold(this.decider.cancel({ accountId: account.accountId, userId: account.userId, cancel: { orderId } }, this.now));
    this.answer({ kind: 'canceled', accountId: order.accountId, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId ?? '' });
  }

  /** The paper venue's answer to a new order: accepted, then filled at once if marketable. */
  private venuePlace(account: BenchAccount, order: Order): void {
    const ref = { accountId: order.accountId, clientOrderId: order.clientOrderId as ClientOrderId, brokerOrderId: `PB-${this.brokerOrderNumber++}` };
    this.answer({ kind: 'accepted', ...ref });
    const tick = this.simulator.latest(order.instrumentId);
    const price = !tick ? null : order.type === 'MARKET' ? marketFillPrice(order.side, tick) : order.price === null ? null : limitFillPrice(order.side, order.price, tick);
    if (price === null) {
      account.resting.push(order.orderId);
      return;
    }
    this.counts.fills += 1;
    this.answer({ kind: 'filled', ...ref, tradeId: `P-${this.tradeNumber++}` as TradeId, quantity: order.quantity, price, executedAt: this.now });
  }

  private answer(event: BrokerEvent): void {
    const decision = this.decider.brokerEvent(event, this.now);
    if (decision.kind === 'journal') this.fold(decision.event);
  }

  private fold(event: EngineEvent): Order {
    const record = { seq: this.state.lastSeq + 1, event };
    const order = this.state.apply(record);
    this.counts.records += 1;
    this.options.onRecord?.(record);
    return order;
  }

  private pickResting(account: BenchAccount): OrderId {
    return account.resting[Math.floor(this.random() * account.resting.length)] as OrderId;
  }

  private newOrder(account: BenchAccount): PlaceOrderInput {
    const instrument = account.instruments[Math.floor(this.random() * account.instruments.length)] as Instrument;
    const side = this.random() < 0.5 ? 'BUY' : 'SELL';
    const large = this.random() < 0.02;
    const lots = large ? 25 + Math.floor(this.random() * 25) : 1 + Math.floor(this.random() * 4);
    const product = this.random() < 0.8 ? 'NRML' : 'MIS';
    const strategy = this.random() < 0.2 ? { strategyId: `strat-${1 + Math.floor(this.random() * 3)}` as StrategyId } : {};
    const base = { instrumentId: instrument.id, side, product, quantity: lots * instrument.lotSize, triggerPrice: null, ...strategy } as const;
    const tick = this.simulator.latest(instrument.id);
    const r = this.random();
    if (r < 0.45 || !tick || tick.bid === null || tick.ask === null) return { ...base, type: 'MARKET', price: null };
    // Marketable LIMIT at the touch, or a LIMIT resting 1–5% away from it.
    if (r < 0.8) return { ...base, type: 'LIMIT', price: side === 'BUY' ? tick.ask : tick.bid };
    return { ...base, type: 'LIMIT', price: this.restingPrice(side, instrument, tick) };
  }

  private restingPrice(side: 'BUY' | 'SELL', instrument: Instrument, tick: Tick): Paise {
    const away = 0.01 + this.random() * 0.04;
    const step = instrument.tickSize;
    if (side === 'BUY') return paise(Math.max(step, Math.floor(((tick.bid ?? tick.lastPrice) * (1 - away)) / step) * step));
    return paise(Math.ceil(((tick.ask ?? tick.lastPrice) * (1 + away)) / step) * step);
  }
}

/** What traders here trade: NIFTY options ±10 strikes around the money on the two nearest expiries, BANKNIFTY ±6 on the nearest, and both futures. */
export function tradablePool(chains: InstrumentCatalog['chains']): Instrument[] {
  const pool: Instrument[] = [];
  for (const chain of chains) {
    const nifty = chain.spec.underlying === 'NIFTY';
    pool.push(chain.future);
    for (const expiry of chain.expiries.slice(0, nifty ? 2 : 1)) {
      const atm = Math.floor(expiry.strikes.length / 2);
      const width = nifty ? 10 : 6;
      for (const row of expiry.strikes.slice(Math.max(0, atm - width), atm + width + 1)) pool.push(row.call, row.put);
    }
  }
  return pool;
}
