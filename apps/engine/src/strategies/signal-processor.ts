import type { AlertOutcome, EngineEventEnvelope, Order, SignalCheckQuery } from '@strikedesk/domain';
import { listenForNotifications, SIGNAL_QUEUE_CHANNEL, type NotificationListener, type QueuedSignal } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import type { Topic } from '../events/topic.ts';
import { checkSignal } from './check-signal.ts';
import { processSignal, signalIdOfClientOrderId, type SignalOutcome, type SignalProcessingDeps } from './process-signal.ts';

export type SignalProcessorOptions = {
  databaseUrl: string;
  logger: Logger;
  published: Topic<EngineEventEnvelope>;
  /** Fallback poll of the queue, for notifications lost while the LISTEN connection was down. */
  pollMs?: number;
  batchSize?: number;
};

const TIMELINE_STAGE: Partial<Record<Order['status'], 'FILLED' | 'ORDER_REJECTED' | 'ORDER_CANCELED'>> = {
  FILLED: 'FILLED',
  REJECTED: 'ORDER_REJECTED',
  CANCELED: 'ORDER_CANCELED',
};
const REMEMBERED_STAGES = 10_000;
const stageKey = (signalId: string, stage: string, order: Order): string => `${signalId}:${stage}${order.slice ? `:${order.slice.index}` : ''}`;

/**
 * Works the durable signal queue the gateways fill (table signals): woken by NOTIFY, polled as a
 * fallback, signals of one strategy strictly in arrival order, different strategies side by side.
 * Signals a stopped engine left half-done are requeued at start; their orders carry deterministic
 * client order ids, so a signal processed twice still places one order. Fills that arrive after a
 * signal was processed are added to its timeline from the engine's own event stream.
 */
export class SignalProcessor {
  private readonly inFlight = new Set<string>();
  private readonly recordedStages = new Set<string>();
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  /** Signals announced by NOTIFY, claimed by id; `scanAll` asks for a scan of the whole queue. */
  private notified = new Set<string>();
  private scanAll = true;
  private listener: NotificationListener | null = null;
  private pollTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly deps: SignalProcessingDeps,
    private readonly options: SignalProcessorOptions,
  ) {}

  /** What an alert would do if processed now ("Check a message"): decided as a queued signal is, acting on nothing. */
  check(query: SignalCheckQuery): Promise<AlertOutcome> {
    return checkSignal(query, this.deps);
  }

  async start(): Promise<void> {
    const requeued = await this.deps.signals.requeueInFlight();
    if (requeued > 0) this.options.logger.warn({ requeued }, 'signals left in processing by the previous run are queued again');
    this.unsubscribe = this.options.published.listen((envelope) => this.onOrderEvent(envelope.order));
    this.listener = listenForNotifications({
      url: this.options.databaseUrl,
      channels: [SIGNAL_QUEUE_CHANNEL],
      onNotification: (_channel, signalId) => this.kick(signalId),
      onReconnect: () => this.kick(),
      onError: (error) => this.options.logger.warn({ err: error }, 'signal queue listener lost its connection; reconnecting'),
    });
    this.pollTimer = setInterval(() => this.kick(), this.options.pollMs ?? 2_000);
    this.pollTimer.unref();
    this.kick();
  }

  /**
   * Drains the queue now: the signals notified since the last drain (`signalId`), or — on the poll,
   * a reconnect or a test — every waiting one. Resolves when done.
   */
  kick(signalId?: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (signalId === undefined) this.scanAll = true;
    else if (/^\d{1,18}$/.test(signalId)) this.notified.add(signalId);
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'signal queue could not be read; retrying at the next poll'))
      .finally(() => {
        this.draining = null;
        if (this.drainAgain && !this.stopped) {
          this.drainAgain = false;
          void this.kick();
        }
      });
    return this.draining;
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    this.unsubscribe?.();
    await this.listener?.close();
    await this.draining;
  }

  private async drain(): Promise<void> {
    for (;;) {
      this.drainAgain = false;
      const limit = this.options.batchSize ?? 64;
      let batch;
      if (this.scanAll) {
        this.scanAll = false;
        this.notified.clear();
        batch = await this.deps.signals.claim(limit);
        if (batch.length === limit) this.scanAll = true; // more may be waiting
      } else {
        const ids = [...this.notified].slice(0, limit);
        for (const id of ids) this.notified.delete(id);
        batch = ids.length === 0 ? [] : await this.deps.signals.claim(limit, ids);
      }
      if (batch.length === 0 && !this.scanAll && this.notified.size === 0) return;
      const byStrategy = new Map<string, QueuedSignal[]>();
      for (const signal of batch) byStrategy.set(signal.strategyId, [...(byStrategy.get(signal.strategyId) ?? []), signal]);
      await Promise.all(
        [...byStrategy.values()].map(async (signals) => {
          for (const signal of signals) await this.processOne(signal);
        }),
      );
      if (this.stopped) return;
    }
  }

  private async processOne(signal: QueuedSignal): Promise<void> {
    this.inFlight.add(signal.id);
    let orderId: string | undefined;
    try {
      const outcome: SignalOutcome = await processSignal(signal, this.deps).catch((error: unknown): SignalOutcome => {
        this.options.logger.error({ err: error, signalId: signal.id }, 'signal processing failed');
        return { status: 'FAILED', stage: 'FAILED', reasonCode: 'INTERNAL', reasonMessage: 'Something went wrong processing this alert; no order was placed for it after the failure.' };
      });
      orderId = outcome.orderIds?.[0];
      await this.deps.signals.finish(signal, outcome);
      // The stage the outcome already put on the timeline is not added again by onOrderEvent.
      const recorded = orderId === undefined ? undefined : this.deps.state.order(orderId);
      const stage = recorded ? TIMELINE_STAGE[recorded.status] : undefined;
      if (recorded && stage && outcome.stage === stage) this.recordedStages.add(stageKey(signal.id, stage, recorded));
    } catch (error) {
      // The outcome could not be stored (database down): the signal stays PROCESSING and is requeued at the next start.
      this.options.logger.error({ err: error, signalId: signal.id }, 'signal outcome could not be recorded');
    } finally {
      this.inFlight.delete(signal.id);
    }
    // A fill journaled while the signal was in flight was left to this point.
    const order = orderId === undefined ? undefined : this.deps.state.order(orderId);
    if (order) this.onOrderEvent(order);
  }

  private onOrderEvent(order: Order): void {
    if (order.origin !== 'WEBHOOK') return;
    const stage = TIMELINE_STAGE[order.status];
    const signalId = signalIdOfClientOrderId(order.slice?.parentClientOrderId ?? order.clientOrderId);
    if (!stage || !signalId || this.inFlight.has(signalId)) return;
    const key = stageKey(signalId, stage, order);
    if (this.recordedStages.has(key)) return;
    if (this.recordedStages.size >= REMEMBERED_STAGES) this.recordedStages.clear();
    this.recordedStages.add(key);
    this.deps.signals
      .addEvent(signalId, stage, { orderId: order.orderId, filledQuantity: order.filledQuantity, reasonCode: order.reasonCode })
      .catch((error: unknown) => this.options.logger.warn({ err: error, signalId }, 'signal timeline update failed'));
  }
}
