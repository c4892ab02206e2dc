import type { PriceAlert, PriceAlertOrderOutcome } from '@strikedesk/domain';
import type { FiredPriceAlert, PriceAlertStore } from '@strikedesk/db/client';
import type { Logger } from 'pino';

/**
 * The second half of a GTT's fire (ADR 0028): the price-alert watch has marked it TRIGGERED (the
 * one place that decides, so it fires once); this places its order and records the outcome, which
 * tells the gateways. A fire left unfinished — the engine stopped in between, the journal or the
 * database was away — is finished by `resume` (at start, and on the watch's retries); placing is
 * idempotent by the alert's client order id, and the outcome is recorded once.
 */
export class GttOrders {
  /** Alerts being finished now: a resume meanwhile leaves them to the first. */
  private readonly finishing = new Set<string>();
  /** Alerts whose outcome is recorded (here or elsewhere): a resume working from an older read skips them. */
  private readonly finished = new Set<string>();
  /** Each account's placements in turn, so the order-rate pacing sees the one before (accountId → the last). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: {
      store: Pick<PriceAlertStore, 'recordOrderOutcome' | 'unplaced'>;
      place(alert: FiredPriceAlert): Promise<PriceAlertOrderOutcome>;
      /** Told of each GTT finished, with its outcome, after the commit (the Telegram notifier). */
      onFinished?(alert: PriceAlert): void;
      logger: Pick<Logger, 'info' | 'warn'>;
    },
  ) {}

  /** Places the fired GTT's order and records what became of it; false when that must be tried again. */
  async finish(alert: FiredPriceAlert): Promise<boolean> {
    if (this.finishing.has(alert.id) || this.finished.has(alert.id)) return true;
    this.finishing.add(alert.id);
    try {
      const outcome = await this.inTurn(alert.accountId ?? '', () => this.deps.place(alert));
      const recorded = await this.deps.store.recordOrderOutcome(alert.id, outcome);
      this.finished.add(alert.id);
      if (recorded) {
        this.deps.logger.info({ alertId: alert.id, accountId: alert.accountId, outcome }, 'GTT order placed or refused');
        this.deps.onFinished?.(recorded);
      }
      return true;
    } catch (error) {
      this.deps.logger.warn({ err: error, alertId: alert.id }, 'a fired GTT could not place its order or record it; trying again shortly');
      return false;
    } finally {
      this.finishing.delete(alert.id);
    }
  }

  private inTurn<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(accountId) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    this.queues.set(accountId, settled);
    void settled.then(() => {
      if (this.queues.get(accountId) === settled) this.queues.delete(accountId);
    });
    return run;
  }

  /** Finishes every fired GTT left unfinished, oldest first; false when any must be tried again. Throws when they cannot be read. */
  async resume(): Promise<boolean> {
    let finished = true;
    for (const alert of await this.deps.store.unplaced()) finished = (await this.finish(alert)) && finished;
    return finished;
  }
}
