/**
 * Part 2 of bench:ticker — tick → browser latency through the whole pipeline as production wires it:
 * the fake KiteTicker (Kite's binary protocol over a real WebSocket) → KiteMarketFeed → a real
 * engine (startEngine on a scratch database with `marketFeed`: paper broker, tick recorder,
 * background timers on) → the engine's tRPC `market.ticks` over WebSocket → a real gateway
 * (startGateway) → socket.io → socket.io-client sockets logged in as a trader (JWT from auth.login),
 * subscribed to `instruments` real catalog instruments (500 per socket: the gateway's limit per
 * connection, so two sockets for 1,000 — a browser with two tabs).
 *
 * Each instrument ticks once a second, spread evenly: every `slotMs` the fake publishes one binary
 * message with the next instruments' full packets (10 per 10 ms for 1,000). Every send carries a new
 * last price for its instrument (one tick higher each time), so a received tick is matched to the
 * send that produced it by (instrument, price). Latency = receive time − the time the fake sent that
 * packet, both on performance.now() (everything runs in this one process: fake, engine, gateway and
 * client share its event loop and the machine's cores with PostgreSQL — a conservative set-up).
 * The sender's own lateness against its schedule is reported apart.
 */
import { randomBytes } from 'node:crypto';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import type { Instrument, InstrumentId, SubscribeAck, Tick } from '../../../packages/domain/src/index.ts';
import { createTestDatabase } from '@strikedesk/db/testing';
import { startFakeKiteTicker, type FakeMarketSnapshot } from '../../../apps/engine/src/brokers/kite/ticker/fake-kite-ticker.ts';
import { fakeSnapshot } from '../../../apps/engine/src/brokers/kite/ticker/fake-snapshot.ts';
import { KiteMarketFeed } from '../../../apps/engine/src/brokers/kite/ticker/kite-market-feed.ts';
import { loadEngineConfig } from '../../../apps/engine/src/config/engine-config.ts';
import { startEngine, type RunningEngine } from '../../../apps/engine/src/engine.ts';
import { loadEngineEnv } from '../../../apps/engine/src/env.ts';
import { createSimulatedMarket } from '../../../apps/engine/src/market/create-market.ts';
import { loadGatewayEnv } from '../../../apps/gateway/src/env.ts';
import { startGateway, type Gateway } from '../../../apps/gateway/src/server.ts';
import { createGatewayClient, loginAs } from '../../../apps/gateway/src/testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../../../apps/gateway/src/testing/test-users.ts';
import { waitUntil } from '../../../packages/domain/src/testing/wait-until.ts';
import { percentiles, type Percentiles } from '../engine/stats.ts';

export type TickToBrowserOptions = { instruments: number; seconds: number; warmupSeconds: number; slotMs: number };

export type TickToBrowserResult = {
  latency: Percentiles;
  /** The same ticks timed from when the schedule meant them to be sent (sender stalls included). */
  fromSchedule: Percentiles;
  /** Where the time goes: send → the engine's ticks topic, and send → the gateway's copy of the engine stream. */
  toEngine: Percentiles;
  toGateway: Percentiles;
  warmup: Percentiles;
  /** How late the sender published against its schedule (ms), measured part. */
  senderLag: Percentiles;
  sent: number;
  received: number;
  sockets: number;
  packetsPerMessage: number;
};

const SOCKET_LIMIT = 500; // MAX_LIVE_SUBSCRIPTIONS: what one gateway socket may follow
const API_KEY = 'bench-kite-key';
const ACCESS_TOKEN = 'bench-kite-token';

type Followed = { instrument: Instrument; token: number; price: number; step: number };

/** `count` instruments spread over the whole catalog (indices, futures, calls and puts of both underlyings), with a starting price each. */
function chooseInstruments(count: number): Followed[] {
  const { catalog, simulator } = createSimulatedMarket({ config: loadEngineConfig(), seed: 42, startTime: Date.now() });
  const all = catalog.all;
  if (count > all.length) throw new Error(`the catalog has ${all.length} instruments, fewer than ${count}`);
  return Array.from({ length: count }, (_, index) => {
    const instrument = all[Math.floor((index * all.length) / count)] as Instrument;
    // Kite's token = exchange token << 8 | segment: 9 for indices, 2 for NFO.
    const token = ((200_000 + index) << 8) | (instrument.kind === 'INDEX' ? 9 : 2);
    const price = simulator.latest(instrument.id)?.lastPrice ?? 10_000;
    return { instrument, token, price, step: instrument.tickSize };
  });
}

export async function runTickToBrowser(options: TickToBrowserOptions, log: (line: string) => void): Promise<TickToBrowserResult> {
  const followed = chooseInstruments(options.instruments);
  const database = await createTestDatabase();
  const fake = await startFakeKiteTicker({ apiKey: API_KEY, accessToken: ACCESS_TOKEN });
  let engine: RunningEngine | null = null;
  let gateway: Gateway | null = null;
  const sockets: Socket[] = [];
  try {
    const engineToken = randomBytes(16).toString('hex');
    engine = await startEngine(loadEngineEnv({ ENGINE_PORT: '0', ENGINE_TOKEN: engineToken, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }), {
      logger: pino({ level: 'warn', base: { service: 'engine' } }),
      marketFeed: ({ catalog, logger }) => {
        for (const { instrument } of followed) if (!catalog.get(instrument.id)) throw new Error(`${instrument.id} is not in the engine's catalog`);
        return new KiteMarketFeed({ apiKey: API_KEY, accessToken: ACCESS_TOKEN, url: fake.url, instruments: new Map(followed.map((entry) => [entry.token, entry.instrument.id])), logger });
      },
    });
    gateway = await startGateway(
      loadGatewayEnv({
        HOST: '127.0.0.1',
        PORT: '0',
        ENGINE_URL: engine.url,
        ENGINE_TOKEN: engineToken,
        DATABASE_URL: database.url,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD: 'bench-admin-password',
        LOG_LEVEL: 'warn',
      }),
    );
    const gatewayRef = gateway;
    await waitUntil(() => gatewayRef.engine.isConnected(), { timeoutMs: 15_000, message: 'gateway connects to the engine' });
    const subscribedInFull = (): boolean => {
      const subscriptions = fake.openConnections()[0]?.subscriptions;
      return subscriptions?.size === followed.length && [...subscriptions.values()].every((mode) => mode === 'full');
    };
    await waitUntil(subscribedInFull, { timeoutMs: 15_000, message: 'the engine subscribed every token in full mode' });

    // A trader logs in as the browser does, and opens its sockets with the access token.
    await createTestUser(gateway.identity, 'bench-trader', 'trader');
    const browser = createGatewayClient(gateway.url);
    await loginAs(browser, 'bench-trader', TEST_PASSWORD);

    // Sends awaiting their tick, per instrument: price → performance.now() at send and as scheduled.
    const inFlight = new Map<InstrumentId, Map<number, { sentAt: number; scheduledAt: number }>>(followed.map((entry) => [entry.instrument.id, new Map()]));
    // Sends from this time on are measured; earlier ones are warm-up, whenever their tick arrives.
    let measuredFrom = Number.POSITIVE_INFINITY;
    const warmupMillis: number[] = [];
    const measuredMillis: number[] = [];
    const fromScheduleMillis: number[] = [];
    const onTicks = (ticks: Tick[]): void => {
      const now = performance.now();
      for (const tick of ticks) {
        const sends = inFlight.get(tick.instrumentId);
        const send = sends?.get(tick.lastPrice);
        if (sends === undefined || send === undefined) continue; // e.g. a first-paint snapshot
        sends.delete(tick.lastPrice);
        if (send.sentAt < measuredFrom) {
          warmupMillis.push(now - send.sentAt);
          continue;
        }
        measuredMillis.push(now - send.sentAt);
        fromScheduleMillis.push(now - send.scheduledAt);
      }
    };
    // The stages on the way, timed by listeners beside the real ones (a map look-up per tick each).
    const toEngineMillis: number[] = [];
    const toGatewayMillis: number[] = [];
    const stage = (into: number[]) => (ticks: readonly Tick[]): void => {
      const now = performance.now();
      for (const tick of ticks) {
        const send = inFlight.get(tick.instrumentId)?.get(tick.lastPrice);
        if (send !== undefined && send.sentAt >= measuredFrom) into.push(now - send.sentAt);
      }
    };
    engine.services.market.ticks.listen(stage(toEngineMillis));
    gateway.engine.ticks.onBatch(stage(toGatewayMillis));
    for (let start = 0; start < followed.length; start += SOCKET_LIMIT) {
      const socket = connectSocket(gateway.url, { path: '/socket.io', auth: { token: browser.state.token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.on('ticks', onTicks);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ids = followed.slice(start, start + SOCKET_LIMIT).map((entry) => entry.instrument.id);
      const ack = (await socket.timeout(10_000).emitWithAck('subscribe', ids)) as SubscribeAck;
      if (!ack.ok) throw new Error(`subscribe refused: ${ack.message}`);
    }

    // The schedule: slot k sends the next `perSlot` instruments; every instrument once a second.
    const slotsPerSecond = Math.round(1_000 / options.slotMs);
    const perSlot = Math.ceil(followed.length / slotsPerSecond);
    const snapshots: FakeMarketSnapshot[] = [];
    let sent = 0;
    const lags: number[] = [];
    const sendSlot = (slot: number, scheduledAt: number): void => {
      snapshots.length = 0;
      const first = (slot % slotsPerSecond) * perSlot;
      const last = Math.min(first + perSlot, followed.length);
      for (let index = first; index < last; index += 1) {
        const entry = followed[index] as Followed;
        entry.price += entry.step;
        snapshots.push(fakeSnapshot({ token: entry.token, lastPrice: entry.price, step: entry.step, levelQuantity: entry.instrument.lotSize * 20 }));
      }
      if (snapshots.length === 0) return;
      const sentAt = performance.now();
      for (let index = first; index < last; index += 1) {
        const entry = followed[index] as Followed;
        inFlight.get(entry.instrument.id)?.set(entry.price, { sentAt, scheduledAt });
      }
      fake.publish(snapshots);
      if (sentAt >= measuredFrom) {
        sent += snapshots.length;
        lags.push(sentAt - scheduledAt);
      }
    };

    const totalSlots = (options.warmupSeconds + options.seconds) * slotsPerSecond;
    const warmupSlots = options.warmupSeconds * slotsPerSecond;
    const startedAt = performance.now();
    log(`  ${followed.length} instruments over ${sockets.length} sockets; ${perSlot} packets every ${options.slotMs} ms; warm-up ${options.warmupSeconds} s, then ${options.seconds} s measured`);
    await new Promise<void>((resolve) => {
      let slot = 0;
      const pump = (): void => {
        const now = performance.now();
        // Catch up on every slot due (a late timer sends the backlog at once, counted as sender lag).
        while (slot < totalSlots && startedAt + slot * options.slotMs <= now) {
          if (slot === warmupSlots) measuredFrom = performance.now();
          sendSlot(slot, startedAt + slot * options.slotMs);
          slot += 1;
        }
        if (slot >= totalSlots) return resolve();
        setTimeout(pump, Math.max(0, startedAt + slot * options.slotMs - performance.now()));
      };
      pump();
    });
    // The last sends' ticks are still on their way.
    // Missing ones are reported, not waited for forever.
    await waitUntil(() => measuredMillis.length >= sent, { timeoutMs: 5_000, message: 'the last ticks arrive' }).catch(() => undefined);
    return {
      latency: percentiles(measuredMillis),
      fromSchedule: percentiles(fromScheduleMillis),
      toEngine: percentiles(toEngineMillis),
      toGateway: percentiles(toGatewayMillis),
      warmup: percentiles(warmupMillis),
      senderLag: percentiles(lags),
      sent,
      received: measuredMillis.length,
      sockets: sockets.length,
      packetsPerMessage: perSlot,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await gateway?.close();
    await engine?.close();
    await fake.close();
    await database.drop();
  }
}
