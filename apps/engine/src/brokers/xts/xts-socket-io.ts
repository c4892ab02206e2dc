import { WebSocket } from 'ws';

/**
 * A minimal Socket.IO client (websocket transport, default namespace, events in, no acks) that
 * speaks Engine.IO v3 and v4. Why not socket.io-client: its 4.x speaks only v4, while XTS's
 * official SDKs use socket.io-client 2.x — so a broker's XTS server may accept only v3, and a newer
 * one may accept only v4. The two differ in just three places, handled here:
 *
 * | | Engine.IO v3 (socket.io 2) | Engine.IO v4 (socket.io 3+) |
 * |---|---|---|
 * | heartbeat | the client sends `2` every pingInterval, the server answers `3` | the server sends `2`, the client answers `3` |
 * | joining `/` | the server sends `40` by itself | the client sends `40`, the server answers `40{"sid"}` |
 * | connect error | `44"text"` (or `4"text"`) | `44{"message"}` |
 *
 * We ask for the version configured on the account (`EIO=` in the query), and answer whatever
 * arrives either way: a `2` from the server always gets a `3`, a `40` from the server counts as
 * joined whether or not we asked, and both error forms are read. Reconnecting is the owner's job
 * (it decides whether a session is worth resuming).
 */
export type EngineIoVersion = 3 | 4;

export type SocketIoEvents = {
  connect: () => void;
  event: (name: string, args: unknown[]) => void;
  /** The server refused us (bad token, ...): its message. */
  connectError: (message: string) => void;
  disconnect: (reason: string) => void;
};

export type SocketIoOptions = {
  /** http(s) root of the broker's XTS host. */
  rootUrl: string;
  /** `/interactive/socket.io` or `/apimarketdata/socket.io`. */
  path: string;
  query: Record<string, string>;
  engineIo: EngineIoVersion;
};

export class SocketIoConnection {
  private readonly ws: WebSocket;
  private readonly handlers = new Map<keyof SocketIoEvents, ((...args: never[]) => void)[]>();
  private pingTimer: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private heartbeatMs = 30_000;
  private joined = false;
  private done = false;

  constructor(private readonly options: SocketIoOptions) {
    const root = options.rootUrl.replace(/\/+$/, '').replace(/^http/, 'ws');
    const query = new URLSearchParams({ ...options.query, EIO: String(options.engineIo), transport: 'websocket' });
    this.ws = new WebSocket(`${root}${options.path.replace(/\/?$/, '/')}?${query.toString()}`);
    this.ws.on('message', (data) => this.onFrame(String(data)));
    this.ws.on('close', () => this.finish('transport close'));
    this.ws.on('error', (error) => this.finish(`transport error: ${error.message}`));
  }

  on<K extends keyof SocketIoEvents>(name: K, handler: SocketIoEvents[K]): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    return this;
  }

  get connected(): boolean {
    return this.joined && !this.done;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send('41');
    this.ws.terminate();
    this.finish('io client disconnect');
  }

  private emit<K extends keyof SocketIoEvents>(name: K, ...args: Parameters<SocketIoEvents[K]>): void {
    for (const handler of this.handlers.get(name) ?? []) (handler as (...a: Parameters<SocketIoEvents[K]>) => void)(...args);
  }

  private send(frame: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** Any frame proves the server alive; silence past interval + timeout means the link is dead. */
  private alive(): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      this.ws.terminate();
      this.finish('ping timeout');
    }, this.heartbeatMs);
    this.deadline.unref();
  }

  private onFrame(frame: string): void {
    this.alive();
    const type = frame[0];
    if (type === '0') return this.onOpen(frame.slice(1));
    if (type === '1') return this.finish('transport close');
    if (type === '2') return this.send('3');
    if (type === '4') return this.onPacket(frame.slice(1));
    // '3' (pong to our v3 ping) and '6' (noop) only prove liveness.
  }

  private onOpen(json: string): void {
    try {
      const open = JSON.parse(json) as { pingInterval?: unknown; pingTimeout?: unknown };
      const interval = typeof open.pingInterval === 'number' ? open.pingInterval : 25_000;
      const timeout = typeof open.pingTimeout === 'number' ? open.pingTimeout : 20_000;
      this.heartbeatMs = interval + timeout;
      if (this.options.engineIo === 3) {
        this.pingTimer = setInterval(() => this.send('2'), interval);
        this.pingTimer.unref();
      }
    } catch {
      // An unreadable handshake: keep the defaults; the server's packets decide the rest.
    }
    if (this.options.engineIo === 4) this.send('40');
    this.alive();
  }

  private onPacket(packet: string): void {
    const type = packet[0];
    let rest = packet.slice(1);
    // A namespace other than '/' would start with '/name,'; we only use '/', so skip such a prefix.
    if (rest.startsWith('/')) rest = rest.slice(rest.indexOf(',') + 1);
    if (type === '0') {
      if (!this.joined) {
        this.joined = true;
        this.emit('connect');
      }
      return;
    }
    if (type === '1') return this.finish('io server disconnect');
    if (type === '4') return this.onConnectError(rest);
    if (type !== '2') return; // acks and binary events: XTS sends neither to us
    const json = rest.replace(/^\d+/, ''); // an ack id, if the server asked for one
    try {
      const parsed = JSON.parse(json) as unknown;
      if (Array.isArray(parsed) && typeof parsed[0] === 'string') this.emit('event', parsed[0], parsed.slice(1));
    } catch {
      // Not JSON: nothing a listener could use.
    }
  }

  private onConnectError(json: string): void {
    let message = json;
    try {
      const parsed = JSON.parse(json) as unknown;
      message = typeof parsed === 'string' ? parsed : typeof parsed === 'object' && parsed && 'message' in parsed ? String(parsed.message) : json;
    } catch {
      // keep the text as it came
    }
    this.emit('connectError', message);
    this.close();
  }

  private finish(reason: string): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.deadline);
    this.emit('disconnect', reason);
  }
}
