/**
 * The full-path benchmark's order flow, free of any engine import so the WebSocket client can run
 * it on its own thread (ws-load-worker.ts): who trades what, the orders they send, the open loop
 * that sends them on schedule and the recorder that times the answers.
 */
import type { AccountId, InstrumentId, Order, PlaceOrderInput, UserId } from '@strikedesk/domain';
import { sleep } from './stats.ts';

export type TradedInstrument = { id: InstrumentId; lotSize: number; tickSize: number };
export type Trader = { accountId: AccountId; userId: UserId; instruments: TradedInstrument[] };
/** The touch of an instrument now (paise); undefined or null sides when there is no quote. */
export type Touch = { bid: number | null; ask: number | null } | undefined;
export type Submit = (trader: Trader, order: PlaceOrderInput) => Promise<Order>;

/** 50% MARKET (→ FILLED), 20% LIMIT at the touch (→ FILLED), 30% LIMIT resting 1–5% away (→ OPEN); 1–4 lots. */
export function orderFor(trader: Trader, n: number, touch: (instrumentId: string) => Touch): PlaceOrderInput {
  const instrument = trader.instruments[n % trader.instruments.length] as TradedInstrument;
  const side = (n >> 1) % 2 === 0 ? 'BUY' : 'SELL';
  const base = { instrumentId: instrument.id, side, product: 'NRML', quantity: (1 + (n % 4)) * instrument.lotSize, triggerPrice: null } as const;
  const quote = touch(instrument.id);
  const kind = n % 10;
  if (kind < 5 || !quote || quote.bid === null || quote.ask === null) return { ...base, type: 'MARKET', price: null };
  if (kind < 7) return { ...base, type: 'LIMIT', price: (side === 'BUY' ? quote.ask : quote.bid) as PlaceOrderInput['price'] };
  const away = 0.01 + (n % 5) * 0.01;
  const step = instrument.tickSize;
  const price = side === 'BUY' ? Math.max(step, Math.floor((quote.bid * (1 - away)) / step) * step) : Math.ceil((quote.ask * (1 + away)) / step) * step;
  return { ...base, type: 'LIMIT', price: price as PlaceOrderInput['price'] };
}

/** What a recorder saw, as plain data (it crosses from the WebSocket client's thread). */
export type RecordedRun = {
  sent: number;
  sustained: boolean;
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  acked: number;
  /** From the run's start to its last answer. */
  seconds: number;
};

/**
 * Latency of every submit that resolved, whatever the answer: an order the broker had not answered
 * within the OrderManager's acknowledgement timeout (1.5 s) comes back SUBMITTED and counts with
 * its latency (it was not acknowledged in time). Only OPEN/FILLED count as acknowledged orders.
 */
export class Recorder {
  readonly latencies: number[] = [];
  readonly statuses: Record<string, number> = {};
  errors = 0;
  firstError: string | null = null;
  acked = 0;
  lastAnswerAt = 0;
  readonly inFlight = new Set<Promise<void>>();

  /** `scheduledAt`: when an open loop meant to send it — a stalled engine delays the sending too, and that wait counts. */
  track(promise: Promise<Order>, scheduledAt = performance.now()): Promise<void> {
    const started = scheduledAt;
    const done = promise.then(
      (order) => {
        const now = performance.now();
        this.lastAnswerAt = now;
        this.statuses[order.status] = (this.statuses[order.status] ?? 0) + 1;
        this.latencies.push(now - started);
        if (order.status === 'OPEN' || order.status === 'FILLED') this.acked += 1;
      },
      (error: unknown) => {
        this.errors += 1;
        this.firstError ??= error instanceof Error ? error.message : String(error);
      },
    );
    const tracked = done.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  result(run: { sent: number; sustained: boolean; startedAt: number }): RecordedRun {
    const { latencies, statuses, errors, firstError, acked } = this;
    return { ...run, latencies, statuses, errors, firstError, acked, seconds: (this.lastAnswerAt - run.startedAt) / 1_000 };
  }
}

/**
 * Starts `rate` orders per second on schedule for `seconds`, rotating over the traders. Stops
 * early (not sustained) once more than half a second's worth of orders await an answer: past that
 * the run only measures a growing queue.
 */
export async function openLoop(args: {
  recorder: Recorder;
  traders: readonly Trader[];
  submit: Submit;
  touch: (instrumentId: string) => Touch;
  rate: number;
  seconds: number;
  offset: number;
  /** Told of every order as it is sent, with the time it was due. */
  onSend?: (trader: Trader, scheduledAt: number) => void;
}): Promise<RecordedRun> {
  const { recorder, traders, submit, touch, rate, offset, onSend } = args;
  const total = Math.round(rate * args.seconds);
  const startedAt = performance.now();
  let sent = 0;
  let sustained = true;
  while (sent < total) {
    if (recorder.inFlight.size > Math.max(500, rate / 2)) {
      sustained = false;
      break;
    }
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1_000) * rate));
    for (; sent < due; sent += 1) {
      const trader = traders[(offset + sent) % traders.length] as Trader;
      const scheduledAt = startedAt + (sent * 1_000) / rate;
      onSend?.(trader, scheduledAt);
      void recorder.track(submit(trader, orderFor(trader, offset + sent, touch)), scheduledAt);
    }
    await sleep(1);
  }
  await recorder.settled();
  return recorder.result({ sent, sustained, startedAt });
}
