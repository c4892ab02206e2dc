import { priceAlertMet, type PriceAlert, type PriceAlertOrder, type Tick } from '@strikedesk/domain';
import { listenForNotifications, PRICE_ALERT_CHANGE_CHANNEL, type NotificationListener, type PriceAlertStore } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import type { Topic } from '../events/topic.ts';
import type { GttOrders } from './gtt-orders.ts';

/**
 * After a failed trigger or reload (the database away), the alert is tried again on a tick this much
 * later at the soonest — and by a reload this much later anyway, for an instrument whose ticks stopped.
 */
const RETRY_AFTER_MS = 5_000;
/** How often the alerts are read again anyway: alerts whose contract passed its expiry close end as EXPIRED then. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Watches the live last price for every active price alert and fires each one once (ADR 0027).
 * The alerts live in PostgreSQL, written by the gateway; this keeps the active ones by instrument,
 * reloads them when told of a change (and after its listening connection comes back, when a change
 * may have gone unheard), and checks each tick batch against them. Firing is the store's
 * ACTIVE → TRIGGERED update, which tells the gateways and the Telegram notifier — or, for a GTT,
 * hands it to GttOrders, which places its order and then tells them.
 */
export class PriceAlertWatch {
  private byInstrument = new Map<string, PriceAlert[]>();
  /** Alerts being fired, or waiting to be tried again after a failure (id → not before, epoch ms). */
  private readonly firing = new Map<string, number>();
  private listener: NotificationListener | null = null;
  private stopTicks: (() => void) | null = null;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly deps: {
      store: Pick<PriceAlertStore, 'active' | 'trigger'> & Partial<Pick<PriceAlertStore, 'expire'>>;
      /** Places a fired GTT's order; also finishes, on each reload, the fires a stop or failure left unfinished. */
      gtt?: Pick<GttOrders, 'finish' | 'resume'>;
      ticks: Topic<Tick[]>;
      latest(instrumentId: string): Tick | undefined;
      databaseUrl: string;
      now(): number;
      /**
       * Whether the engine takes such an order at this hour: the market open, and for MIS the intraday
       * cut-off not passed. A GTT is not fired while it would not (Kite triggers GTTs in market hours
       * only): its order would be denied MARKET_CLOSED / INTRADAY_CUTOFF for good, and an OCO pair's
       * other leg cancelled with it. It fires on a tick once it would. Plain alerts fire at any hour.
       */
      takesOrderNow?(order: PriceAlertOrder): boolean;
      logger: Pick<Logger, 'info' | 'warn'>;
      /** Told of each plain alert this watch fired, after the commit (the engine's Telegram notifier: in-process, not lost with a listener). */
      onFired?(alert: PriceAlert): void;
      /** Tests: RETRY_AFTER_MS. */
      retryAfterMs?: number;
    },
  ) {}

  private get retryAfterMs(): number {
    return this.deps.retryAfterMs ?? RETRY_AFTER_MS;
  }

  async start(): Promise<void> {
    await this.reload();
    this.stopTicks = this.deps.ticks.listen((ticks) => {
      for (const tick of ticks) this.check(tick);
    });
    this.listener = listenForNotifications({
      url: this.deps.databaseUrl,
      channels: [PRICE_ALERT_CHANGE_CHANNEL],
      onNotification: () => void this.reload(),
      onReconnect: () => void this.reload(),
      onError: (error) => this.deps.logger.warn({ err: error }, 'price alerts lost their database connection; reconnecting'),
    });
    this.sweepTimer = setInterval(() => void this.reload(), SWEEP_EVERY_MS);
    this.sweepTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.sweepTimer);
    this.stopTicks?.();
    await this.listener?.close();
    await this.reloading;
  }

  /** How many alerts are being watched (tests, logs). */
  get watching(): number {
    let count = 0;
    for (const alerts of this.byInstrument.values()) count += alerts.length;
    return count;
  }

  /**
   * Reads the active alerts again — at start, when told of a change, after a failure and every
   * minute — ending first those whose contract expired; one reload at a time, and one more after
   * it when asked meanwhile (a burst of creates is a couple of reads, not one each). A level
   * already reached fires at once: it may have been crossed while nothing was watching it.
   */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        try {
          // A contract past its expiry close will never trade again: its alerts end rather than wait unseen.
          const expired = (await this.deps.store.expire?.(this.deps.now())) ?? [];
          if (expired.length > 0) this.deps.logger.info({ alertIds: expired.map((alert) => alert.id) }, 'price alerts ended: their contracts expired, or a year old');
          const byInstrument = new Map<string, PriceAlert[]>();
          for (const alert of await this.deps.store.active()) {
            const list = byInstrument.get(alert.instrumentId) ?? [];
            list.push(alert);
            byInstrument.set(alert.instrumentId, list);
          }
          if (this.closed) return;
          this.byInstrument = byInstrument;
          for (const instrumentId of byInstrument.keys()) {
            const tick = this.deps.latest(instrumentId);
            if (tick) this.check(tick);
          }
          if (this.deps.gtt && !(await this.deps.gtt.resume())) this.retryLater();
        } catch (error) {
          this.deps.logger.warn({ err: error }, 'active price alerts could not be read; the last list is kept, read again shortly');
          // The change that asked for this read is not told again: without another read, a new alert would go unwatched.
          this.retryLater();
        }
      } while (this.reloadAgain && !this.closed);
    })().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private check(tick: Tick): void {
    const alerts = this.byInstrument.get(tick.instrumentId);
    if (!alerts) return;
    const now = this.deps.now();
    for (const alert of alerts) {
      if (!priceAlertMet(alert, tick.lastPrice)) continue;
      if (alert.order !== null && this.deps.takesOrderNow && !this.deps.takesOrderNow(alert.order)) continue;
      const notBefore = this.firing.get(alert.id);
      if (notBefore !== undefined && notBefore > now) continue;
      this.firing.set(alert.id, Number.POSITIVE_INFINITY);
      void this.fire(alert, tick.lastPrice, now);
    }
  }

  private async fire(alert: PriceAlert, price: number, at: number): Promise<void> {
    try {
      const fired = await this.deps.store.trigger(alert.id, price, at);
      if (fired) {
        this.deps.logger.info({ alertId: alert.id, userId: alert.userId, instrumentId: alert.instrumentId, price }, 'price alert fired');
        if (fired.order === null) this.deps.onFired?.(fired);
        // Not fired again whatever happens next: a GTT left unfinished is finished by a reload.
        else if (this.deps.gtt && !(await this.deps.gtt.finish(fired))) this.retryLater();
      }
      // Fired here, or no longer active (cancelled, or fired by an earlier look): never watched again.
      this.forget(alert);
    } catch (error) {
      this.deps.logger.warn({ err: error, alertId: alert.id }, 'a price alert could not be fired; trying again on a later tick');
      this.firing.set(alert.id, this.deps.now() + this.retryAfterMs);
      // A later tick may never come (the instrument stopped trading, the market closed): a reload looks again.
      this.retryLater();
    }
  }

  /** One reload a little later, the failed fires then tried again whatever their wait (a cancelled one is dropped by the read). */
  private retryLater(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      for (const [id, notBefore] of this.firing) if (notBefore !== Number.POSITIVE_INFINITY) this.firing.delete(id);
      void this.reload();
    }, this.retryAfterMs);
    this.retryTimer.unref();
  }

  private forget(alert: PriceAlert): void {
    this.firing.delete(alert.id);
    const list = this.byInstrument.get(alert.instrumentId);
    if (!list) return;
    const rest = list.filter((each) => each.id !== alert.id);
    if (rest.length > 0) this.byInstrument.set(alert.instrumentId, rest);
    else this.byInstrument.delete(alert.instrumentId);
  }
}
