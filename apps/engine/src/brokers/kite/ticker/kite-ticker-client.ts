import { PacketView, readTickerMessage, type ReadSummary } from './packet-parser.ts';
import { DEFAULT_RECONNECT_BACKOFF, type ReconnectBackoffOptions } from '../../reconnect-backoff.ts';
import { MAX_TICKER_CONNECTIONS, SubscriptionPlan, type PlanChange } from './subscription-plan.ts';
import { parseTickerText, type KiteOrderUpdate } from './text-messages.ts';
import { TickerConnection, type ConnectionEvent, type ConnectionState } from './ticker-connection.ts';
import { KiteTickerError } from './ticker-errors.ts';
import type { KitePacket, TickerMode } from './ticker-packet.ts';

export const KITE_TICKER_URL = 'wss://ws.kite.trade';

export type KiteTickerClientOptions = {
  apiKey: string;
  accessToken: string;
  /** Kite's endpoint unless given (tests and simulated accounts point it at the fake). */
  url?: string;
  /** No message at all (heartbeats count) for this long ⇒ reconnect. Official clients: ~5 s. */
  readTimeoutMs?: number;
  /** Upgrade handshake limit per attempt. */
  connectTimeoutMs?: number;
  /** Exponential backoff with jitter; official clients ≈2 s doubling to 60 s. */
  reconnect?: Partial<ReconnectBackoffOptions>;
};

export type KiteTickerEvent =
  | ConnectionEvent
  | { kind: 'orderUpdate'; connection: number; order: KiteOrderUpdate }
  | { kind: 'serverError'; connection: number; message: string }
  | { kind: 'serverMessage'; connection: number; message: string }
  | { kind: 'unreadableText'; connection: number; reason: string; text: string }
  /** A binary message with skipped packets, a lying count or a cut: the readable packets were delivered. */
  | { kind: 'malformedBinary'; connection: number; summary: ReadSummary };

/** Where a message came from and when it arrived (epoch ms) — the timestamp of packets that carry none. */
export type PacketsMeta = { connection: number; receivedAt: number };

/**
 * The KiteTicker market-data client: up to 3 WebSocket connections × 3,000 instrument tokens for
 * one API key. Instruments are Kite instrument tokens here; mapping them to our instruments (and
 * packets to `Tick`s with `toTick`) is the caller's job.
 *
 * Connection 0 opens on `connect()` and stays open (order updates arrive on it even with nothing
 * subscribed); connections 1 and 2 open when the plan first puts tokens on them. Each connection
 * reconnects on its own and resubscribes its tokens in their modes (ticker-connection.ts).
 * An HTTP 403 (bad or expired token) stops every connection until `setAccessToken`.
 */
export class KiteTickerClient {
  private readonly plan = new SubscriptionPlan();
  private readonly connections: TickerConnection[] = [];
  private readonly view = new PacketView();
  private readonly packetListeners = new Set<(packets: readonly KitePacket[], meta: PacketsMeta) => void>();
  private readonly viewListeners = new Set<(view: PacketView, meta: PacketsMeta) => void>();
  private readonly eventListeners = new Set<(event: KiteTickerEvent) => void>();
  private accessToken: string;
  private started = false;
  private closed = false;

  constructor(private readonly options: KiteTickerClientOptions) {
    this.accessToken = options.accessToken;
    const backoff = { ...DEFAULT_RECONNECT_BACKOFF, ...options.reconnect };
    for (let index = 0; index < MAX_TICKER_CONNECTIONS; index += 1) {
      this.connections.push(
        new TickerConnection({
          index,
          url: () => this.url(),
          readTimeoutMs: options.readTimeoutMs ?? 5_000,
          connectTimeoutMs: options.connectTimeoutMs ?? 7_000,
          backoff,
          desired: () => this.plan.tokensOn(index),
          onBinary: (data, connection) => this.onBinary(data, connection),
          onText: (text, connection) => this.onText(text, connection),
          onEvent: (event) => this.onConnectionEvent(event),
        }),
      );
    }
  }

  /** Opens connection 0, and any other connection that already has tokens. */
  connect(): void {
    this.ensureOpen();
    this.started = true;
    this.connections.forEach((connection, index) => {
      if (index === 0 || this.plan.tokensOn(index).size > 0) connection.start();
    });
  }

  /**
   * Subscribes tokens (in `mode`, or Kite's default quote). Throws `KITE_TICKER_CAPACITY` — and
   * changes nothing — when the total would pass 9,000.
   */
  subscribe(tokens: readonly number[], mode?: TickerMode): void {
    this.ensureOpen();
    const { subscribed, moded } = this.plan.add(tokens, mode);
    this.sendChange('subscribe', subscribed);
    if (mode) this.sendChange('mode', moded, mode);
  }

  unsubscribe(tokens: readonly number[]): void {
    this.ensureOpen();
    this.sendChange('unsubscribe', this.plan.remove(tokens));
  }

  /** Throws `KITE_TICKER_NOT_SUBSCRIBED` (changing nothing) if any token is not subscribed. */
  setMode(mode: TickerMode, tokens: readonly number[]): void {
    this.ensureOpen();
    this.sendChange('mode', this.plan.setMode(tokens, mode), mode);
  }

  /** A new access token (after a fresh Kite login): connections stopped by a 403 start again. */
  setAccessToken(accessToken: string): void {
    this.accessToken = accessToken;
    if (this.started && !this.closed) this.connect();
  }

  modeOf(token: number): TickerMode | undefined {
    return this.plan.modeOf(token);
  }

  status(): { subscribed: number; connections: { index: number; state: ConnectionState; tokens: number }[] } {
    return {
      subscribed: this.plan.size,
      connections: this.connections.map((connection) => ({ index: connection.index, state: connection.state, tokens: this.plan.tokensOn(connection.index).size })),
    };
  }

  /** Every packet as a plain object, one call per binary message. */
  onPackets(listener: (packets: readonly KitePacket[], meta: PacketsMeta) => void): () => void {
    this.packetListeners.add(listener);
    return () => this.packetListeners.delete(listener);
  }

  /** The allocation-free path: one call per packet with a reused view, valid only during the call. */
  onPacketView(listener: (view: PacketView, meta: PacketsMeta) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  onEvent(listener: (event: KiteTickerEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.connections.map((connection) => connection.close()));
  }

  private url(): string {
    const url = new URL(this.options.url ?? KITE_TICKER_URL);
    url.searchParams.set('api_key', this.options.apiKey);
    url.searchParams.set('access_token', this.accessToken);
    return url.toString();
  }

  private ensureOpen(): void {
    if (this.closed) throw new KiteTickerError('KITE_TICKER_CLOSED');
  }

  private sendChange(action: 'subscribe' | 'unsubscribe', change: PlanChange): void;
  private sendChange(action: 'mode', change: PlanChange, mode: TickerMode): void;
  private sendChange(action: 'subscribe' | 'unsubscribe' | 'mode', change: PlanChange, mode?: TickerMode): void {
    for (const [index, tokens] of change) {
      const connection = this.connections[index];
      if (!connection) continue;
      if (action === 'mode' && mode) connection.send('mode', tokens, mode);
      else if (action !== 'mode') connection.send(action, tokens);
      // A connection the plan just started using opens now and sends its tokens once open.
      if (this.started && action === 'subscribe' && connection.state === 'idle') connection.start();
    }
  }

  private onBinary(data: Buffer, connection: number): void {
    const meta: PacketsMeta = { connection, receivedAt: Date.now() };
    const packets: KitePacket[] | null = this.packetListeners.size > 0 ? [] : null;
    const summary = readTickerMessage(data, this.view, (view) => {
      for (const listener of this.viewListeners) listener(view, meta);
      packets?.push(view.toPacket());
    });
    if (packets && packets.length > 0) for (const listener of this.packetListeners) listener(packets, meta);
    if (summary.truncated || summary.trailingBytes > 0 || summary.skippedLengths.length > 0) this.emit({ kind: 'malformedBinary', connection, summary });
  }

  private onText(text: string, connection: number): void {
    const message = parseTickerText(text);
    switch (message.kind) {
      case 'order':
        return this.emit({ kind: 'orderUpdate', connection, order: message.order });
      case 'error':
        return this.emit({ kind: 'serverError', connection, message: message.message });
      case 'message':
        return this.emit({ kind: 'serverMessage', connection, message: message.message });
      case 'unreadable':
        return this.emit({ kind: 'unreadableText', connection, reason: message.reason, text: message.text });
    }
  }

  private onConnectionEvent(event: ConnectionEvent): void {
    // One token serves every connection: when Kite refuses it, the others stop trying too.
    if (event.kind === 'authFailed') for (const connection of this.connections) if (connection.index !== event.connection) connection.pauseForAuth();
    this.emit(event);
  }

  private emit(event: KiteTickerEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }
}
