import { TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AccountId, Instrument, Order, OrderStatus, Paise, PlaceOrderInput, Tick, UserId } from '@strikedesk/domain';
import type { EngineRouter } from '@strikedesk/engine/router';
import type { SeededRandom } from './seeded-random.ts';

/**
 * The simulated traders of the crash harness and the ledger of everything they were told. Each
 * trader is one account sending a steady, paced flow (well under the 10 orders/s per segment and
 * 400/min per account limits): MARKET and LIMIT submits with unique client order ids, some above
 * the freeze quantity (sliced), cancels and modifies of its resting orders. A command whose answer
 * was lost (the engine died under it) is sent again once the engine is back — a submit with the
 * SAME client order id, which must return the first result.
 */

export type EngineApi = TRPCClient<EngineRouter>;

/** The engine is up (ENGINE_READY seen since the last kill); commands wait for it. */
export type EngineGate = {
  isUp(): boolean;
  waitUp(): Promise<void>;
  run(): number;
  /** The harness is tearing down after a failure: stop sending (waitUp resolves at once). */
  abandoned(): boolean;
};

export type Attempt = { run: number; startedAt: number; endedAt: number; outcome: 'ack' | 'lost' | 'refused' | 'error'; detail?: string };

export type SubmitRecord = {
  trader: number;
  accountId: AccountId;
  userId: UserId;
  clientOrderId: string;
  order: PlaceOrderInput;
  attempts: Attempt[];
  /** The engine's answer: the order it created or — for a repeated client order id — the first one. */
  ack: { orderId: string; status: OrderStatus; reasonCode: string | null; createdAt: number; slices: number; attempt: number; replayedExisting: boolean } | null;
  /** An answer no client should get (wrong order, unexpected error, never acknowledged). */
  problem: string | null;
};

export type ActionRecord = {
  trader: number;
  kind: 'cancel' | 'modify';
  accountId: AccountId;
  orderId: string;
  clientOrderId: string;
  modify?: { quantity?: number; price?: Paise };
  attempts: Attempt[];
  ack: { status: OrderStatus } | null;
  /** The engine refused with a code a client can expect (e.g. the order filled meanwhile). */
  refusedCode: string | null;
  problem: string | null;
};

/** An already acknowledged client order id sent again: the engine must answer with the same order. */
export type IdempotencyProbe = { accountId: AccountId; clientOrderId: string; expectedOrderId: string; gotOrderId: string | null; run: number; error: string | null };

export class Ledger {
  readonly submits: SubmitRecord[] = [];
  readonly actions: ActionRecord[] = [];
  readonly probes: IdempotencyProbe[] = [];
  /** Commands sent and not yet answered (the kill waits for at least one). */
  inFlight = 0;

  acknowledged(): SubmitRecord[] {
    return this.submits.filter((record) => record.ack !== null);
  }
}

export type TradableInstrument = { instrument: Instrument };

/** Orders as the gateway's event stream last showed them (the order after each event). */
export type OrderView = { get(orderId: string): Order | undefined; openOf(accountId: string): Order[] };

const RETRYABLE_CODES: ReadonlySet<string> = new Set(['INTERNAL', 'ENGINE_UNAVAILABLE']);
const EXPECTED_ACTION_REFUSALS: ReadonlySet<string> = new Set(['ORDER_NOT_CANCELABLE', 'ORDER_NOT_MODIFIABLE', 'MODIFY_BELOW_FILLED']);

/**
 * Refusals a client must expect: the order finished or changed meanwhile, and — a modify runs the
 * pre-trade checks of a new order — a risk limit (e.g. a quantity change of an order whose price
 * the market has since left, RISK_PRICE_BAND). A halt is not among them: check 5 fails the run on any.
 */
function isExpectedRefusal(kind: 'cancel' | 'modify', code: string): boolean {
  if (EXPECTED_ACTION_REFUSALS.has(code)) return true;
  return kind === 'modify' && ((code.startsWith('RISK_') && code !== 'RISK_LIMITS_VERSION_CONFLICT') || code === 'NO_MARKET_PRICE');
}
const MAX_ATTEMPTS = 40;
const CALL_TIMEOUT_MS = 10_000;

/** A failed call: `lost` when no answer came (the engine may or may not have acted), else the engine's code. */
export function classifyError(error: unknown): { lost: boolean; code: string; message: string } {
  if (error instanceof TRPCClientError) {
    const data = error.data as { appCode?: unknown } | undefined | null;
    const appCode = typeof data?.appCode === 'string' ? data.appCode : null;
    if (appCode !== null) return { lost: false, code: appCode, message: error.message };
    // No error shape: the request never got an answer (socket closed under it, or never opened).
    if (!error.shape) return { lost: true, code: 'NO_ANSWER', message: error.message };
    return { lost: false, code: 'UNKNOWN', message: error.message };
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return { lost: true, code: 'TIMEOUT', message: error.message };
  return { lost: false, code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const roundToTick = (price: number, tick: number): Paise => Math.max(tick, Math.round(price / tick) * tick) as Paise;

export class Trader {
  private counter = 0;
  private stopping = false;
  private readonly bursts = new Set<Promise<void>>();

  constructor(
    readonly index: number,
    readonly accountId: AccountId,
    readonly userId: UserId,
    private readonly deps: {
      api: EngineApi;
      gate: EngineGate;
      rng: SeededRandom;
      instruments: readonly TradableInstrument[];
      ledger: Ledger;
      view: OrderView;
      quote(instrumentId: string): Tick | undefined;
      /** Pause between commands (ms); keeps each account well under its order-rate limits. */
      pauseMs: { min: number; max: number };
      /** Probability that a submit is above the freeze quantity (sliced). */
      sliceChance: number;
    },
  ) {}

  stop(): void {
    this.stopping = true;
  }

  /** Fires `count` submits at once (the harness kills the engine while they are in flight). */
  burst(count: number): void {
    for (let index = 0; index < count; index += 1) {
      const sent = this.submit(this.deps.rng.chance(0.5) ? 'MARKET' : 'LIMIT').finally(() => this.bursts.delete(sent));
      this.bursts.add(sent);
    }
  }

  /** Resolves once every burst submit was answered (retries included). */
  async drained(): Promise<void> {
    while (this.bursts.size > 0) await Promise.all([...this.bursts]);
  }

  /** Trades until stopped; a command under way (retries included) is always finished, bursts too. */
  async run(): Promise<void> {
    const { rng, gate } = this.deps;
    while (!this.stopping) {
      await gate.waitUp();
      if (this.stopping) break;
      const roll = rng.next();
      const resting = this.deps.view.openOf(this.accountId).filter((order) => order.status === 'OPEN' && order.type === 'LIMIT' && order.brokerOrderId !== null);
      const stops = this.deps.view.openOf(this.accountId).filter((order) => order.status === 'TRIGGER_PENDING' && order.brokerOrderId !== null);
      if (roll < 0.08 && resting.length > 0) await this.cancel(rng.pick(resting));
      else if (roll < 0.1 && stops.length > 0) await this.cancel(rng.pick(stops));
      else if (roll < 0.2 && resting.length > 0) await this.modify(rng.pick(resting));
      else await this.submit(roll < 0.55 ? 'MARKET' : roll < 0.9 ? 'LIMIT' : roll < 0.95 ? 'SL' : 'SL_M');
      await sleep(rng.int(this.deps.pauseMs.min, this.deps.pauseMs.max));
    }
    await this.drained();
  }

  private nextClientOrderId(): string {
    this.counter += 1;
    return `t${this.index}-${this.counter.toString().padStart(6, '0')}`;
  }

  private limitPrice(instrument: Instrument, side: 'BUY' | 'SELL'): Paise | null {
    const tick = this.deps.quote(instrument.id);
    if (!tick || tick.lastPrice <= 0) return null;
    // Within ±6% of the engine's last price (its band is 20%): some cross the venue's market, some rest.
    const offset = (this.deps.rng.next() * 2 - 1) * 0.06 + (side === 'BUY' ? -0.01 : 0.01);
    return roundToTick(tick.lastPrice * (1 + offset), instrument.tickSize);
  }

  /** A stop a little beyond the market (a buy stop above, a sell stop below), and for SL its limit just past the trigger. */
  private stopPrices(instrument: Instrument, side: 'BUY' | 'SELL'): { trigger: Paise; limit: Paise } | null {
    const tick = this.deps.quote(instrument.id);
    if (!tick || tick.lastPrice <= 0) return null;
    const away = 0.005 + this.deps.rng.next() * 0.035;
    const trigger = roundToTick(tick.lastPrice * (side === 'BUY' ? 1 + away : 1 - away), instrument.tickSize);
    const rawLimit = roundToTick(trigger * (side === 'BUY' ? 1.01 : 0.99), instrument.tickSize);
    const limit = (side === 'BUY' ? Math.max(rawLimit, trigger) : Math.min(rawLimit, trigger)) as Paise;
    return { trigger, limit };
  }

  async submit(type: 'MARKET' | 'LIMIT' | 'SL' | 'SL_M'): Promise<void> {
    const { rng } = this.deps;
    const { instrument } = rng.pick(this.deps.instruments);
    const side = rng.chance(0.5) ? 'BUY' : 'SELL';
    const sliced = rng.chance(this.deps.sliceChance);
    const lots = sliced ? Math.floor(instrument.freezeQuantity / instrument.lotSize) + rng.int(1, 2) : rng.int(1, 3);
    let price: Paise | null = null;
    let triggerPrice: Paise | null = null;
    if (type === 'LIMIT') price = this.limitPrice(instrument, side);
    if (type === 'SL' || type === 'SL_M') {
      const stop = this.stopPrices(instrument, side);
      triggerPrice = stop?.trigger ?? null;
      price = type === 'SL' ? (stop?.limit ?? null) : null;
    }
    // No engine quote seen yet for this instrument: a MARKET order needs none from us.
    if ((type === 'LIMIT' || type === 'SL') && price === null) type = 'MARKET';
    if (type === 'SL_M' && triggerPrice === null) type = 'MARKET';
    if (type === 'MARKET' || type === 'LIMIT') triggerPrice = null;
    if (type === 'MARKET' || type === 'SL_M') price = null;
    const order: PlaceOrderInput = {
      instrumentId: instrument.id,
      side,
      type,
      product: rng.chance(0.7) ? 'MIS' : 'NRML',
      quantity: lots * instrument.lotSize,
      price,
      triggerPrice,
      clientOrderId: this.nextClientOrderId() as PlaceOrderInput['clientOrderId'],
    };
    const record: SubmitRecord = {
      trader: this.index,
      accountId: this.accountId,
      userId: this.userId,
      clientOrderId: order.clientOrderId ?? '',
      order,
      attempts: [],
      ack: null,
      problem: null,
    };
    this.deps.ledger.submits.push(record);
    await this.sendSubmit(record);
  }

  /** Sends (and re-sends, same client order id) until the engine answers. */
  private async sendSubmit(record: SubmitRecord): Promise<void> {
    const { api, gate, ledger } = this.deps;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await gate.waitUp();
      if (gate.abandoned()) {
        record.problem ??= record.attempts.length > 0 ? 'never answered: the run was abandoned' : null;
        return;
      }
      const startedAt = Date.now();
      const run = gate.run();
      ledger.inFlight += 1;
      try {
        const order = await api.orders.submit.mutate(
          { accountId: record.accountId, userId: record.userId, origin: 'API', order: record.order },
          { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
        );
        record.attempts.push({ run, startedAt, endedAt: Date.now(), outcome: 'ack', detail: order.status });
        if (order.accountId !== record.accountId || order.clientOrderId !== record.clientOrderId) {
          record.problem = `the engine answered submit ${record.clientOrderId} with order ${order.orderId} of ${order.accountId}/${order.clientOrderId}`;
        }
        record.ack = {
          orderId: order.orderId,
          status: order.status,
          reasonCode: order.reasonCode,
          createdAt: order.createdAt,
          slices: order.slice?.count ?? 1,
          attempt,
          // Created before this attempt was sent: an earlier attempt had landed, and this is its result.
          replayedExisting: order.createdAt < startedAt,
        };
        return;
      } catch (error) {
        const failure = classifyError(error);
        const retry = failure.lost || RETRYABLE_CODES.has(failure.code);
        record.attempts.push({ run, startedAt, endedAt: Date.now(), outcome: failure.lost ? 'lost' : 'error', detail: `${failure.code}: ${failure.message}` });
        if (!retry) {
          record.problem = `submit refused with ${failure.code}: ${failure.message}`;
          return;
        }
        // An answer lost with the engine: wait for the next one (gate), then send the same client order id.
        if (gate.isUp()) await sleep(100);
      } finally {
        ledger.inFlight -= 1;
      }
    }
    record.problem = `no answer after ${MAX_ATTEMPTS} attempts`;
  }

  private async cancel(order: Order): Promise<void> {
    const record: ActionRecord = {
      trader: this.index,
      kind: 'cancel',
      accountId: this.accountId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      attempts: [],
      ack: null,
      refusedCode: null,
      problem: null,
    };
    this.deps.ledger.actions.push(record);
    // A cancel is safe to repeat: a second one finds the order PENDING_CANCEL or done and is refused.
    await this.sendAction(record, (signal) => this.deps.api.orders.cancel.mutate({ accountId: this.accountId, userId: this.userId, cancel: { orderId: order.orderId as Order['orderId'] } }, { signal }), MAX_ATTEMPTS);
  }

  private async modify(order: Order): Promise<void> {
    const { rng } = this.deps;
    const instrument = this.deps.instruments.find((entry) => entry.instrument.id === order.instrumentId)?.instrument;
    if (!instrument) return;
    let modify: { quantity?: number; price?: Paise };
    const price = this.limitPrice(instrument, order.side);
    const bigger = order.quantity + instrument.lotSize;
    if (price !== null && (rng.chance(0.6) || bigger > instrument.freezeQuantity)) modify = { price };
    else if (bigger <= instrument.freezeQuantity) modify = { quantity: bigger };
    else return;
    const record: ActionRecord = {
      trader: this.index,
      kind: 'modify',
      accountId: this.accountId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      modify,
      attempts: [],
      ack: null,
      refusedCode: null,
      problem: null,
    };
    this.deps.ledger.actions.push(record);
    // A modify whose answer was lost is not sent again blindly: its outcome is unknown and recorded.
    await this.sendAction(record, (signal) => this.deps.api.orders.modify.mutate({ accountId: this.accountId, userId: this.userId, modify: { orderId: order.orderId as Order['orderId'], ...modify } }, { signal }), 1);
  }

  private async sendAction(record: ActionRecord, call: (signal: AbortSignal) => Promise<Order>, maxAttempts: number): Promise<void> {
    const { gate, ledger } = this.deps;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      await gate.waitUp();
      if (gate.abandoned()) return;
      const startedAt = Date.now();
      const run = gate.run();
      ledger.inFlight += 1;
      try {
        const order = await call(AbortSignal.timeout(CALL_TIMEOUT_MS));
        record.attempts.push({ run, startedAt, endedAt: Date.now(), outcome: 'ack', detail: order.status });
        if (order.orderId !== record.orderId) record.problem = `the engine answered ${record.kind} of ${record.orderId} with order ${order.orderId}`;
        record.ack = { status: order.status };
        return;
      } catch (error) {
        const failure = classifyError(error);
        if (!failure.lost && isExpectedRefusal(record.kind, failure.code)) {
          record.attempts.push({ run, startedAt, endedAt: Date.now(), outcome: 'refused', detail: failure.code });
          record.refusedCode = failure.code;
          return;
        }
        record.attempts.push({ run, startedAt, endedAt: Date.now(), outcome: failure.lost ? 'lost' : 'error', detail: `${failure.code}: ${failure.message}` });
        if (!failure.lost && !RETRYABLE_CODES.has(failure.code)) {
          record.problem = `${record.kind} refused with ${failure.code}: ${failure.message}`;
          return;
        }
        if (gate.isUp()) await sleep(100);
      } finally {
        ledger.inFlight -= 1;
      }
    }
  }
}

/** Sends acknowledged client order ids again; each must come back as the very same order. */
export async function probeIdempotency(api: EngineApi, ledger: Ledger, rng: SeededRandom, count: number, run: number): Promise<void> {
  const acknowledged = ledger.acknowledged();
  if (acknowledged.length === 0) return;
  // The most recent ones first (they are the likeliest to have been in flight at the kill), plus random older ones.
  const recent = acknowledged.slice(-Math.ceil(count / 2));
  const picks = new Set<SubmitRecord>(recent);
  while (picks.size < Math.min(count, acknowledged.length)) picks.add(rng.pick(acknowledged));
  for (const record of picks) {
    const expectedOrderId = record.ack?.orderId ?? '';
    try {
      const order = await api.orders.submit.mutate({ accountId: record.accountId, userId: record.userId, origin: 'API', order: record.order }, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
      ledger.probes.push({ accountId: record.accountId, clientOrderId: record.clientOrderId, expectedOrderId, gotOrderId: order.orderId, run, error: null });
    } catch (error) {
      const failure = classifyError(error);
      ledger.probes.push({ accountId: record.accountId, clientOrderId: record.clientOrderId, expectedOrderId, gotOrderId: null, run, error: `${failure.code}: ${failure.message}` });
    }
  }
}
