import type { InstrumentId, Tick } from '@strikedesk/domain';
import { MarketFeedListeners, type MarketFeed, type MarketFeedState, type MarketFeedStatus } from '../../../market/market-feed.ts';
import { KiteTickerClient, type KiteTickerClientOptions, type KiteTickerEvent, type PacketsMeta } from './kite-ticker-client.ts';
import type { KitePacket } from './ticker-packet.ts';
import { toTick, type ToTickOptions } from './to-tick.ts';

/** What is wrong on the wire; state changes go to `onStatus` listeners (the engine logs those). */
type FeedLogger = { warn(object: object, message: string): void };

export type KiteMarketFeedOptions = {
  apiKey: string;
  accessToken: string;
  /** The ticker endpoint (wss://ws.kite.trade unless given: tests and simulated accounts use the fake). */
  url?: string;
  /** Kite instrument token → our instrument; only these are subscribed, other packets are ignored. */
  instruments: ReadonlyMap<number, InstrumentId>;
  /** Read timeout and reconnect backoff of the client (tests shorten them). */
  client?: Pick<KiteTickerClientOptions, 'readTimeoutMs' | 'connectTimeoutMs' | 'reconnect'>;
  logger?: FeedLogger;
};

/**
 * Kite's market data as the engine's market: subscribes every mapped token in FULL mode (depth,
 * open interest, exchange timestamp: what the paper broker fills against) and turns each binary
 * message into one batch of our `Tick`s with `toTick`.
 *
 * Status: session-expired as soon as Kite refuses the token (HTTP 403 on the upgrade); the client
 * never retries that by itself, and neither does this — `setAccessToken` after a fresh login
 * resumes. Drops and read timeouts are `disconnected` while the client reconnects and resubscribes.
 */
export class KiteMarketFeed extends MarketFeedListeners implements MarketFeed {
  readonly name = 'kite';
  private readonly client: KiteTickerClient;
  /** The last tick per token: fills what a non-full packet lacks (Kite sends quote mode until our mode request lands). */
  private readonly last = new Map<number, Tick>();
  /** Reused for every packet: toTick reads it and keeps nothing of it. */
  private readonly convert: ToTickOptions = { receivedAt: 0, previous: undefined };
  private state: MarketFeedState = 'disconnected';
  private detail: string | null = null;
  private lastTickAt: number | null = null;
  private lastDrop: string | null = null;
  private stopped = false;

  constructor(private readonly options: KiteMarketFeedOptions) {
    super();
    this.client = new KiteTickerClient({ apiKey: options.apiKey, accessToken: options.accessToken, url: options.url, ...options.client });
    // Planned now, sent on connect: a token map past Kite's 9,000 fails here, when the feed is made.
    this.client.subscribe([...options.instruments.keys()], 'full');
    this.client.onPackets((packets, meta) => this.onPackets(packets, meta));
    this.client.onEvent((event) => this.onClientEvent(event));
  }

  start(): void {
    if (this.stopped) throw new Error('a stopped KiteMarketFeed cannot be started again');
    this.client.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client.close();
    // Not announced: whoever stopped the feed knows (listeners hear of drops and expiry, not shutdown).
    this.state = 'disconnected';
    this.detail = 'stopped';
  }

  /** A new access token after a fresh Kite login: a feed stopped by a 403 connects again. */
  setAccessToken(accessToken: string): void {
    if (this.state === 'session-expired') this.setState('disconnected', 'reconnecting with a new access token');
    this.client.setAccessToken(accessToken);
  }

  status(): MarketFeedStatus {
    return { state: this.state, lastTickAt: this.lastTickAt, detail: this.detail };
  }

  private onPackets(packets: readonly KitePacket[], meta: PacketsMeta): void {
    const batch: Tick[] = [];
    this.convert.receivedAt = meta.receivedAt;
    for (const packet of packets) {
      const instrumentId = this.options.instruments.get(packet.token);
      if (instrumentId === undefined) continue;
      this.convert.previous = this.last.get(packet.token);
      let tick: Tick;
      try {
        tick = toTick(packet, instrumentId, this.convert);
      } catch (error) {
        // Only currency prices finer than a paisa throw; one bad packet must not cost the batch.
        this.options.logger?.warn({ err: error, token: packet.token, instrumentId }, 'Kite packet dropped: price not convertible to paise');
        continue;
      }
      this.last.set(packet.token, tick);
      batch.push(tick);
    }
    this.convert.previous = undefined;
    if (batch.length === 0) return;
    this.lastTickAt = meta.receivedAt;
    for (const listener of this.tickListeners) listener(batch);
  }

  private onClientEvent(event: KiteTickerEvent): void {
    switch (event.kind) {
      case 'authFailed':
        return this.setState('session-expired', event.message);
      case 'disconnected':
        // Reported before the connection leaves 'open' for 'waiting': say why now, state follows.
        this.lastDrop = `connection ${event.connection}: ${event.reason} (${event.detail})`;
        if (this.stopped || this.state === 'session-expired') return; // only a new token ends that
        return this.setState('disconnected', this.lastDrop);
      case 'connected':
      case 'reconnecting':
        return this.refreshState();
      case 'serverError':
        this.options.logger?.warn({ connection: event.connection, message: event.message }, 'Kite ticker error message');
        return;
      case 'malformedBinary':
        this.options.logger?.warn({ connection: event.connection, summary: event.summary }, 'Kite ticker sent a malformed binary message; its readable packets were used');
        return;
      default:
        return; // order updates and notices are the broker adapter's business, not the market's
    }
  }

  /** Connected only when every connection carrying our tokens (and connection 0) is open. */
  private refreshState(): void {
    if (this.stopped || this.state === 'session-expired') return;
    const connections = this.client.status().connections.filter((connection) => connection.index === 0 || connection.tokens > 0);
    const open = connections.every((connection) => connection.state === 'open');
    this.setState(open ? 'connected' : 'disconnected', open ? null : this.lastDrop);
  }

  private setState(state: MarketFeedState, detail: string | null): void {
    if (state === this.state) return;
    this.state = state;
    this.detail = detail;
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }
}
