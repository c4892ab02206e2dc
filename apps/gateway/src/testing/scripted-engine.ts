import { createServer } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { initTRPC, tracked, TRPCError } from '@trpc/server';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import {
  BrokerAccountRefSchema,
  CompleteKiteLoginInputSchema,
  KitePostbackInputSchema,
  StartKiteLoginInputSchema,
  asAccountId,
  asClientOrderId,
  asInstrumentId,
  asOrderId,
  DomainError,
  EventStreamInputSchema,
  paise,
  type EngineEventEnvelope,
  type ErrorCode,
  type TradingHalt,
} from '@strikedesk/domain';

/**
 * A stand-in engine speaking the real wire protocol (tRPC over WebSocket, tracked envelopes,
 * `data.appCode` errors) whose journal the test writes directly. It can do what the real engine
 * never should — lose a live event, forget its journal — so the gateway's recovery paths can be
 * driven deterministically. Serves `health.ping`, `events.stream`, an idle `market.ticks` and `greeks.stream`,
 * `halts.active` / `halts.recent` / `halts.stream` over halts the test puts, and `brokerAccounts.*`,
 * which record what the gateway sent and answer as scripted (the real checks are the engine's own,
 * tested there and end to end).
 */
export type ScriptedEngine = {
  url: string;
  /**
   * Appends the next seq (or `seq`, leaving a hole in the journal) and pushes it live unless
   * `live: false` (a live message lost on the way).
   */
  append(options?: { live?: boolean; seq?: number }): EngineEventEnvelope;
  /** Forgets the journal (a reset database) and drops every connection, as a restart would. */
  resetAndRestart(): void;
  /** lastEventId of every events.stream subscription received, in order. */
  subscriptions(): (string | null)[];
  /** Stores a halt (as the engine's halt table would) and pushes it on `halts.stream` unless `live: false`. */
  putHalt(halt: TradingHalt, options?: { live?: boolean }): void;
  /** Makes `halts.active` and `halts.recent` answer this much later. */
  setHaltQueryDelay(ms: number): void;
  /** How many `halts.active` queries arrived. */
  haltQueries(): number;
  /** Every `brokerAccounts.*` call received, in order, with its input as it arrived. */
  brokerCalls(): BrokerCall[];
  /** The next call of this `brokerAccounts.*` mutation fails with this code (then it succeeds again). */
  failNextBrokerCall(procedure: BrokerCall['procedure'], code: ErrorCode): void;
  /** Drops every connection (a network failure), keeping the journal and halts. */
  dropConnections(): void;
  close(): Promise<void>;
};

export type BrokerCall = { procedure: 'startKiteLogin' | 'completeKiteLogin' | 'kitePostback' | 'reconnect' | 'disconnect'; input: Record<string, unknown> };

/** Where the scripted startKiteLogin sends browsers: a real Kite login URL's shape. */
export const SCRIPTED_KITE_LOGIN_URL = 'https://kite.zerodha.com/connect/login';

const t = initTRPC.create({
  isDev: false,
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: { ...shape.data, appCode: error.cause instanceof DomainError ? error.cause.code : 'INTERNAL' },
  }),
});

function envelope(seq: number): EngineEventEnvelope {
  const orderId = asOrderId(`scripted-${seq}`);
  const accountId = asAccountId('00000000-0000-4000-8000-000000000001');
  const at = Date.now();
  return {
    seq,
    event: { type: 'OrderCanceled', accountId, orderId, at },
    order: {
      orderId,
      clientOrderId: asClientOrderId(`client-${seq}`),
      accountId,
      instrumentId: asInstrumentId('NFO:NIFTY26DEC24000CE'),
      side: 'BUY',
      type: 'LIMIT',
      product: 'MIS',
      quantity: 75,
      price: paise(100),
      triggerPrice: null,
      status: 'CANCELED',
      filledQuantity: 0,
      filledValue: paise(0),
      brokerOrderId: null,
      triggeredAt: null,
      reasonCode: null,
      reasonMessage: null,
      origin: 'TERMINAL',
      strategyId: null,
      portfolioId: null,
      riskLimitsVersion: null,
      strategyVersion: null,
      slice: null,
      createdAt: at,
      updatedAt: at,
    },
  };
}

export async function startScriptedEngine(): Promise<ScriptedEngine> {
  let journal: EngineEventEnvelope[] = [];
  const subscribers = new Set<(envelope: EngineEventEnvelope) => void>();
  const received: (string | null)[] = [];
  const lastSeq = () => journal.at(-1)?.seq ?? 0;
  const halts = new Map<number, TradingHalt>();
  const haltSubscribers = new Set<(halt: TradingHalt) => void>();
  let haltQueryDelayMs = 0;
  let haltQueries = 0;
  const brokerCalls: BrokerCall[] = [];
  const brokerFailures = new Map<BrokerCall['procedure'], ErrorCode>();
  const brokerCall = (procedure: BrokerCall['procedure'], input: Record<string, unknown>) => {
    brokerCalls.push({ procedure, input });
    const failure = brokerFailures.get(procedure);
    brokerFailures.delete(procedure);
    if (failure) throw new TRPCError({ code: failure === 'BROKER_POSTBACK_FORGED' ? 'FORBIDDEN' : 'BAD_REQUEST', message: failure, cause: new DomainError(failure) });
  };

  const router = t.router({
    health: t.router({ ping: t.procedure.query(() => ({ lastSeq: lastSeq(), startedAt: 0 })) }),
    market: t.router({
      ticks: t.procedure.subscription(async function* ({ signal }) {
        await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
        yield* [];
      }),
    }),
    greeks: t.router({
      stream: t.procedure.subscription(async function* ({ signal }) {
        await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
        yield* [];
      }),
    }),
    halts: t.router({
      active: t.procedure.query(async () => {
        haltQueries += 1;
        await delay(haltQueryDelayMs);
        return [...halts.values()].filter((halt) => halt.releasedAt === null);
      }),
      recent: t.procedure.query(async () => {
        await delay(haltQueryDelayMs);
        return [...halts.values()].sort((a, b) => b.id - a.id);
      }),
      stream: t.procedure.subscription(async function* ({ signal }) {
        const queue: TradingHalt[] = [];
        let wake: (() => void) | null = null;
        const push = (halt: TradingHalt) => {
          queue.push(halt);
          wake?.();
        };
        haltSubscribers.add(push);
        try {
          while (!signal?.aborted) {
            const next = queue.shift();
            if (next) {
              yield next;
              continue;
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
              signal?.addEventListener('abort', () => resolve(), { once: true });
            });
            wake = null;
          }
        } finally {
          haltSubscribers.delete(push);
        }
      }),
    }),
    brokerAccounts: t.router({
      startKiteLogin: t.procedure.input(StartKiteLoginInputSchema).mutation(({ input }) => {
        brokerCall('startKiteLogin', input);
        const query = new URLSearchParams({ v: '3', api_key: 'scripted', redirect_params: input.redirectParams });
        return { url: `${SCRIPTED_KITE_LOGIN_URL}?${query.toString()}` };
      }),
      completeKiteLogin: t.procedure.input(CompleteKiteLoginInputSchema).mutation(({ input }) => {
        brokerCall('completeKiteLogin', input);
        return null;
      }),
      kitePostback: t.procedure.input(KitePostbackInputSchema).mutation(({ input }) => {
        brokerCall('kitePostback', input);
        return { accepted: true as const };
      }),
      reconnect: t.procedure.input(BrokerAccountRefSchema).mutation(({ input }) => {
        brokerCall('reconnect', input);
        return { reconnecting: true as const };
      }),
      disconnect: t.procedure.input(BrokerAccountRefSchema).mutation(({ input }) => {
        brokerCall('disconnect', input);
        return { disconnected: true as const };
      }),
      routes: t.procedure.query(() => []),
    }),
    events: t.router({
      stream: t.procedure.input(EventStreamInputSchema).subscription(({ input, signal }) => {
        const from = input.lastEventId ?? null;
        received.push(from);
        // As the real engine: a resume point past the journal fails before the stream starts.
        if (from !== null && Number(from) > lastSeq()) {
          throw new TRPCError({ code: 'PRECONDITION_FAILED', cause: new DomainError('EVENT_STREAM_AHEAD') });
        }
        return (async function* () {
          // Live first, then the backlog (as the real engine), skipping what was already yielded.
          const queue: EngineEventEnvelope[] = [];
          let wake: (() => void) | null = null;
          const push = (next: EngineEventEnvelope) => {
            queue.push(next);
            wake?.();
          };
          subscribers.add(push);
          try {
            let last = from === null ? lastSeq() : Number(from);
            for (const record of journal.filter((entry) => entry.seq > last)) {
              yield tracked(String(record.seq), record);
              last = record.seq;
            }
            while (!signal?.aborted) {
              const item = queue.shift();
              if (!item) {
                await new Promise<void>((resolve) => {
                  wake = resolve;
                  signal?.addEventListener('abort', () => resolve(), { once: true });
                });
                wake = null;
                continue;
              }
              if (item.seq <= last) continue;
              yield tracked(String(item.seq), item);
              last = item.seq;
            }
          } finally {
            subscribers.delete(push);
          }
        })();
      }),
    }),
  });

  const http = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ server: http });
  const handler = applyWSSHandler({ wss, router, createContext: () => ({}) });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}`,
    append(options = {}) {
      const next = envelope(options.seq ?? lastSeq() + 1);
      journal.push(next);
      if (options.live !== false) for (const subscriber of subscribers) subscriber(next);
      return next;
    },
    resetAndRestart() {
      journal = [];
      for (const client of wss.clients) client.terminate();
    },
    subscriptions: () => [...received],
    putHalt(halt, options = {}) {
      halts.set(halt.id, halt);
      if (options.live !== false) for (const subscriber of haltSubscribers) subscriber(halt);
    },
    setHaltQueryDelay(ms) {
      haltQueryDelayMs = ms;
    },
    haltQueries: () => haltQueries,
    brokerCalls: () => [...brokerCalls],
    failNextBrokerCall(procedure, code) {
      brokerFailures.set(procedure, code);
    },
    dropConnections() {
      for (const client of wss.clients) client.terminate();
    },
    async close() {
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
