import {
  ENGINE_USER_ID,
  expiryInstantMs,
  expirySettlementPrice,
  istDate,
  type AccountId,
  type EngineEvent,
  type Instrument,
  type Paise,
  type PositionState,
  type Tick,
  type TradeId,
} from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import { isNseSessionOpen } from '../market/market-hours.ts';
import type { OrderManager } from './order-manager.ts';
import { generatedClientOrderId } from './order-ids.ts';
import type { TradingState } from './trading-state.ts';

export type ExpirySettlementDeps = {
  state: TradingState;
  orders: Pick<OrderManager, 'withAccount' | 'commit' | 'decider'>;
  instrument(id: string): Instrument | undefined;
  /** The index an underlying's futures and options settle on. */
  indexOf(underlying: string): Instrument | undefined;
  latest(instrumentId: string): Tick | undefined;
  /** NSE trading holidays (YYYY-MM-DD): which session came before a day. */
  holidays: ReadonlySet<string>;
  clock: Clock;
  logger: { info(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };
};

const DAY_MS = 86_400_000;
/** 10:00 IST, inside the session, on a day given as its UTC midnight. */
const MID_SESSION_MS = 4.5 * 3_600_000;

/**
 * Settles positions held to expiry (docs/adr/0010-positions-day-carried-books.md): NSE's index
 * futures and options are cash-settled at 15:30 IST on their expiry day, after which the broker holds
 * nothing. Each position still open in an expired contract is closed in the journal by an order of
 * origin EXPIRY, filled at the settlement price (expirySettlementPrice) and dated at the expiry's
 * close — so its P&L is realized on the expiry day, the virtual books close with it (ADR 0010), and
 * reconciliation no longer finds a position the broker dropped. Never sent to the broker.
 *
 * The underlying's settlement price is its index's last price on the expiry day, or — when the
 * engine was not running then — the index's previous close, if that close is the expiry day's.
 * Without either, the position is left open with a warning (and reconciliation raises it).
 */
export class ExpirySettlement {
  /** `underlying|expiry` → the settlement price found for it (the first one seen stands). */
  private readonly references = new Map<string, Paise>();
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly deps: ExpirySettlementDeps) {}

  start(intervalMs = 30_000): void {
    this.timer = setInterval(() => {
      this.settleDue().catch((error: unknown) => this.deps.logger.error({ err: error }, 'expiry settlement failed; the next pass retries'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass: settles every open position in a contract past its expiry; returns how many. */
  async settleDue(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      let settled = 0;
      for (const accountId of this.deps.state.accountsWithOpenPositions()) {
        for (const position of this.deps.state.positionsOf(accountId)) {
          if (position.netQuantity === 0) continue;
          try {
            if (await this.settle(accountId, position)) settled += 1;
          } catch (error) {
            // One position's failure (its journal write) must not leave the others open.
            this.deps.logger.error({ err: error, accountId, instrumentId: position.instrumentId }, 'could not settle an expired position; the next pass retries');
          }
        }
      }
      return settled;
    } finally {
      this.running = false;
    }
  }

  private async settle(accountId: AccountId, position: PositionState): Promise<boolean> {
    const instrument = this.deps.instrument(position.instrumentId);
    if (!instrument?.expiry) return false;
    const closeAt = expiryInstantMs(instrument.expiry);
    const now = this.deps.clock.now();
    if (now < closeAt) return false;
    const underlying = this.settlementReference(instrument.underlying, instrument.expiry, now);
    const price = underlying === null ? null : expirySettlementPrice(instrument, underlying);
    if (price === null) {
      this.warnOnce(`${accountId}|${instrument.id}`, { accountId, instrumentId: instrument.id, expiry: instrument.expiry }, 'an expired position cannot be settled: no settlement price for its underlying (the engine was not running at the expiry close); reconciliation will raise it');
      return false;
    }
    const { state, orders, logger } = this.deps;
    return orders.withAccount(accountId, async () => {
      const net = state.netQuantity(accountId, instrument.id, position.product);
      if (net === 0) return false;
      const orderId = orders.decider.allocateOrderId(now);
      const base = { accountId, orderId, at: now };
      const events: EngineEvent[] = [
        {
          type: 'OrderSubmitted',
          ...base,
          clientOrderId: generatedClientOrderId(orderId),
          userId: ENGINE_USER_ID,
          spec: { instrumentId: instrument.id, side: net > 0 ? 'SELL' : 'BUY', type: 'MARKET', product: position.product, quantity: Math.abs(net), price: null, triggerPrice: null },
          origin: 'EXPIRY',
        },
        // Dated at the expiry's close, whenever it is recorded: the P&L belongs to the expiry day.
        { type: 'OrderFilled', ...base, tradeId: `EXPIRY-${instrument.expiry}` as TradeId, quantity: Math.abs(net), price, executedAt: closeAt },
      ];
      await orders.commit(events);
      logger.info({ accountId, instrumentId: instrument.id, product: position.product, quantity: net, price, underlying }, 'settled a position held to expiry');
      return true;
    });
  }

  /** The underlying's settlement price for an expiry day, or null when no price seen is that day's. */
  private settlementReference(underlying: string, expiry: string, now: number): Paise | null {
    const key = `${underlying}|${expiry}`;
    const known = this.references.get(key);
    if (known !== undefined) return known;
    const index = this.deps.indexOf(underlying);
    const tick = index ? this.deps.latest(index.id) : undefined;
    if (!tick || tick.lastPrice <= 0) return null;
    const tickDay = istDate(tick.timestamp);
    let reference: Paise | null = null;
    // Still the expiry day (at or after its close): the index's last print is the day's close.
    if (tickDay === expiry && istDate(now) === expiry) reference = tick.lastPrice;
    // A later session: its previous close is the expiry day's only if no session came between.
    else if (tickDay > expiry && this.previousSession(tickDay) === expiry && tick.previousClose > 0) reference = tick.previousClose;
    if (reference !== null) this.references.set(key, reference);
    return reference;
  }

  /** The NSE session day before `day` (YYYY-MM-DD): weekends and holidays skipped. */
  private previousSession(day: string): string | null {
    let at = Date.parse(`${day}T00:00:00Z`);
    for (let step = 0; step < 15; step += 1) {
      at -= DAY_MS;
      if (isNseSessionOpen(at + MID_SESSION_MS, this.deps.holidays)) return new Date(at).toISOString().slice(0, 10);
    }
    return null;
  }

  private warnOnce(key: string, details: object, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.deps.logger.warn(details, message);
  }
}
