import { WebSocket, type RawData } from 'ws';
import { ReconnectBackoff, type ReconnectBackoffOptions } from '../../reconnect-backoff.ts';
import { TICKER_MODES, type TickerMode } from './ticker-packet.ts';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'waiting' | 'auth-failed' | 'closed';

export type DisconnectReason =
  /** Nothing (not even a heartbeat) arrived for the read timeout: the socket may be a ghost. */
  | 'read-timeout'
  /** The open connection ended (server close, network drop). */
  | 'connection-lost'
  /** The connection could not be opened (refused, reset, handshake timeout, HTTP status other than 403). */
  | 'connect-failed';

export type ConnectionEvent =
  | { kind: 'connected'; connection: number }
  | { kind: 'disconnected'; connection: number; reason: DisconnectReason; detail: string }
  | { kind: 'reconnecting'; connection: number; attempt: number; delayMs: number }
  | { kind: 'authFailed'; connection: number; status: number; message: string };

export type TickerConnectionOptions = {
  index: number;
  /** The full URL with api_key and access_token, read at every attempt (the token can change). */
  url: () => string;
  readTimeoutMs: number;
  connectTimeoutMs: number;
  backoff: ReconnectBackoffOptions;
  /** What this connection should stream now: sent again in full after every (re)connect. */
  desired: () => ReadonlyMap<number, TickerMode>;
  onBinary: (data: Buffer, connection: number) => void;
  onText: (text: string, connection: number) => void;
  onEvent: (event: ConnectionEvent) => void;
};

const toBuffer = (data: RawData): Buffer => (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));

/**
 * One KiteTicker WebSocket: opens it, watches it, and reopens it. After every open it sends its
 * whole subscription (subscribe all, then one mode message per mode), which is how resubscribing
 * after a reconnect is the same code as the first subscribe. Any message, heartbeats included,
 * proves the socket alive; silence for the read timeout reconnects. Reconnects back off
 * exponentially with jitter, and the backoff resets only once a new connection delivered data.
 *
 * HTTP 403 on the upgrade is Kite refusing the api_key/access_token (TokenException): that is
 * never retried — the connection stops in `auth-failed` until `start()` is called again with a
 * new token.
 */
export class TickerConnection {
  private socket: WebSocket | null = null;
  private currentState: ConnectionState = 'idle';
  private readonly backoff: ReconnectBackoff;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private lastReadAt = 0;
  private receivedSinceOpen = false;
  /** Set by the watchdog just before it cuts the socket, so the close says why. */
  private timedOut = false;

  constructor(private readonly options: TickerConnectionOptions) {
    this.backoff = new ReconnectBackoff(options.backoff);
  }

  get index(): number {
    return this.options.index;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Connects if idle or stopped by an auth failure; otherwise nothing (already on its way). */
  start(): void {
    if (this.currentState !== 'idle' && this.currentState !== 'auth-failed') return;
    this.backoff.reset();
    this.open();
  }

  /**
   * Another connection was refused for the token this one uses too: stop a pending retry (it would
   * only be refused again). An open socket carries on; if it drops, its own 403 stops it.
   */
  pauseForAuth(): void {
    if (this.currentState !== 'waiting') return;
    this.clearTimers();
    this.currentState = 'auth-failed';
  }

  /** Sends a request now if open; if not, the next open sends the whole desired state anyway. */
  send(action: 'subscribe' | 'unsubscribe', tokens: readonly number[]): void;
  send(action: 'mode', tokens: readonly number[], mode: TickerMode): void;
  send(action: 'subscribe' | 'unsubscribe' | 'mode', tokens: readonly number[], mode?: TickerMode): void {
    if (tokens.length === 0 || this.currentState !== 'open' || !this.socket) return;
    this.socket.send(JSON.stringify({ a: action, v: action === 'mode' ? [mode, tokens] : tokens }));
  }

  /** Closes for good: a close frame, then the socket is cut if the server does not answer in time. */
  close(): Promise<void> {
    this.currentState = 'closed';
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const cut = setTimeout(() => socket.terminate(), 1_000);
      socket.once('close', () => {
        clearTimeout(cut);
        resolve();
      });
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'client closing');
      else socket.terminate();
    });
  }

  private open(): void {
    this.currentState = 'connecting';
    this.receivedSinceOpen = false;
    let refusedStatus: number | null = null;
    let opened = false;
    const socket = new WebSocket(this.options.url(), {
      handshakeTimeout: this.options.connectTimeoutMs,
      headers: { 'X-Kite-Version': '3' },
    });
    this.socket = socket;
    socket.on('unexpected-response', (_request, response) => {
      // Kite answers a bad api_key/access_token with HTTP 403 to the upgrade (pykiteconnect issue 102).
      refusedStatus = response.statusCode ?? 0;
      response.resume();
      socket.terminate();
    });
    socket.on('open', () => {
      if (this.socket !== socket) return;
      opened = true;
      this.currentState = 'open';
      this.lastReadAt = Date.now();
      this.startWatchdog(socket);
      this.options.onEvent({ kind: 'connected', connection: this.index });
      this.sendDesiredState();
    });
    socket.on('message', (data, isBinary) => {
      if (this.socket !== socket) return;
      this.lastReadAt = Date.now();
      if (!this.receivedSinceOpen) {
        this.receivedSinceOpen = true;
        this.backoff.reset();
      }
      if (isBinary) this.options.onBinary(toBuffer(data), this.index);
      else this.options.onText(toBuffer(data).toString('utf8'), this.index);
    });
    let lastError = '';
    socket.on('error', (error) => {
      lastError = error.message; // 'close' follows and decides what happens next
    });
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      if (this.currentState === 'closed') return;
      if (refusedStatus === 403) {
        this.currentState = 'auth-failed';
        this.options.onEvent({
          kind: 'authFailed',
          connection: this.index,
          status: 403,
          message: 'Kite refused the ticker connection (HTTP 403): the api_key or access_token is invalid or expired. Log in to Kite again; not retrying until then.',
        });
        return;
      }
      const reason: DisconnectReason = this.timedOut ? 'read-timeout' : opened ? 'connection-lost' : 'connect-failed';
      const detail = this.timedOut
        ? `no data for ${this.options.readTimeoutMs} ms`
        : refusedStatus !== null
          ? `HTTP ${refusedStatus} on the upgrade`
          : opened
            ? `closed with code ${code}`
            : lastError || 'connection failed';
      this.timedOut = false;
      this.options.onEvent({ kind: 'disconnected', connection: this.index, reason, detail });
      this.scheduleReconnect();
    });
  }

  private startWatchdog(socket: WebSocket): void {
    // Checked at a quarter of the timeout: a dead socket is noticed within 1.25 × the timeout.
    const every = Math.max(25, Math.floor(this.options.readTimeoutMs / 4));
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastReadAt < this.options.readTimeoutMs || this.socket !== socket) return;
      this.timedOut = true;
      socket.terminate();
    }, every);
    this.watchdog.unref();
  }

  private sendDesiredState(): void {
    const desired = this.options.desired();
    if (desired.size === 0) return;
    const byMode = new Map<TickerMode, number[]>(TICKER_MODES.map((mode) => [mode, []]));
    for (const [token, mode] of desired) byMode.get(mode)?.push(token);
    this.send('subscribe', [...desired.keys()]);
    for (const [mode, tokens] of byMode) this.send('mode', tokens, mode);
  }

  private scheduleReconnect(): void {
    const delayMs = this.backoff.next();
    this.currentState = 'waiting';
    this.options.onEvent({ kind: 'reconnecting', connection: this.index, attempt: this.backoff.attempts, delayMs });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.currentState === 'waiting') this.open();
    }, delayMs);
    this.retryTimer.unref();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
  }
}
