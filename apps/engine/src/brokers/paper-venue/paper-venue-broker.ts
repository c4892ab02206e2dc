import { WebSocket } from 'ws';
import { Backoff } from '../../backoff.ts';
import type {
  Broker,
  BrokerBooks,
  BrokerCancelRequest,
  BrokerEvent,
  BrokerModifyRequest,
  BrokerOrderRequest,
} from '../broker.ts';
import { PAPER_CAPABILITIES } from '../paper/paper-capabilities.ts';
import { BooksSchema, PlaceResponseSchema, VenueHelloSchema, VenueMessageSchema } from './venue-protocol.ts';
import { BrokerListeners } from '../broker-listeners.ts';

export type PaperVenueBrokerOptions = {
  url: string;
  logger: { warn(details: object, message: string): void; info(details: object, message: string): void };
  /** A request unanswered this long is abandoned; the order stays in flight (outcome policy). */
  requestTimeoutMs?: number;
};

/**
 * The adapter for the paper venue running as its own process (venue-main.ts). Requests go over
 * HTTP; outcomes arrive on a sequenced WebSocket that is resumed from the last seq after any drop,
 * so no update is missed while the engine runs. The adapter follows the outcome policy: only the
 * venue's own answer rejects an order; a timeout, a 5xx or a dropped connection leaves it in
 * flight and reconciliation settles it from the venue's books.
 */
export class PaperVenueBroker extends BrokerListeners implements Broker {
  readonly name = 'paper-venue' as const;
  readonly capabilities = PAPER_CAPABILITIES;
  private readonly timeoutMs: number;
  private socket: WebSocket | null = null;
  private lastSeq: number | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly backoff = { current: new Backoff({ initialMs: 100, maxMs: 2_000 }) };

  constructor(private readonly options: PaperVenueBrokerOptions) {
    super();
    this.timeoutMs = options.requestTimeoutMs ?? 3_000;
    this.connect();
  }

  ready(timeoutMs: number): Promise<void> {
    if (this.socket?.readyState === WebSocket.OPEN && this.lastSeq !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const poll = setInterval(() => {
        if (this.socket?.readyState === WebSocket.OPEN && this.lastSeq !== null) done();
      }, 10);
      function done(): void {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    });
  }

  placeOrder(request: BrokerOrderRequest): void {
    void this.request('POST', '/orders', request).then((body) => {
      if (body === null) return;
      const answer = PlaceResponseSchema.safeParse(body);
      if (!answer.success) return;
      // The REST answer is the acknowledgement; the event stream says the same (duplicates are harmless).
      const ref = { accountId: request.accountId, clientOrderId: request.clientOrderId };
      if (answer.data.status === 'REJECTED') {
        this.emit({ kind: 'rejected', ...ref, reasonCode: answer.data.reasonCode ?? 'REJECTED', reasonMessage: answer.data.reasonMessage ?? 'Rejected by the venue.' });
      } else this.emit({ kind: 'accepted', ...ref, brokerOrderId: answer.data.brokerOrderId });
    });
  }

  modifyOrder(request: BrokerModifyRequest): void {
    const { brokerOrderId, ...body } = request;
    void this.request('PUT', `/orders/${encodeURIComponent(brokerOrderId)}`, body);
  }

  cancelOrder(request: BrokerCancelRequest): void {
    const query = new URLSearchParams({ accountId: request.accountId, clientOrderId: request.clientOrderId });
    void this.request('DELETE', `/orders/${encodeURIComponent(request.brokerOrderId)}?${query.toString()}`);
  }

  async books(): Promise<BrokerBooks> {
    const response = await fetch(`${this.options.url}/books`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`venue books: HTTP ${response.status}`);
    return BooksSchema.parse(await response.json()) as BrokerBooks;
  }

  /** The venue outlives the engine and keeps its own books: nothing to hand back. */
  resume(): void {}

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.terminate();
    this.socket = null;
  }

  /** Sends one request; null when its outcome is unknown (timeout, 5xx, connection lost) or refused. */
  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    try {
      const response = await fetch(`${this.options.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      if (response.status >= 500) {
        this.options.logger.warn({ method, path, status: response.status }, 'venue error; the order stays in flight until reconciliation');
        return null;
      }
      if (!response.ok) {
        // A definitive refusal of a modify or cancel: the event stream carries the venue's answer.
        return null;
      }
      return JSON.parse(text) as unknown;
    } catch (error) {
      this.options.logger.warn({ err: error, method, path }, 'venue request failed or timed out; the order stays in flight until reconciliation');
      return null;
    }
  }

  private connect(): void {
    if (this.closed) return;
    const after = this.lastSeq === null ? '' : `?after=${this.lastSeq}`;
    const socket = new WebSocket(`${this.options.url.replace(/^http/, 'ws')}/events${after}`);
    this.socket = socket;
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('open', () => {
      this.backoff.current = new Backoff({ initialMs: 100, maxMs: 2_000 });
      for (const listener of this.connectionListeners) listener(true);
    });
    socket.on('error', () => undefined); // 'close' follows and schedules the reconnect
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const listener of this.connectionListeners) listener(false);
      if (this.closed) return;
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoff.current.next());
      this.reconnectTimer.unref();
    });
  }

  /**
   * Runs in the socket's 'message' listener, where a throw is an uncaughtException that ends the
   * engine: whatever goes wrong with one message is logged and that message dropped.
   */
  private onMessage(text: string): void {
    try {
      this.readMessage(text);
    } catch (error) {
      this.options.logger.warn({ err: error, text: text.slice(0, 200) }, 'venue message could not be handled; dropped');
    }
  }

  private readMessage(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.options.logger.warn({ text: text.slice(0, 200) }, 'venue message is not JSON; ignored');
      return;
    }
    const hello = VenueHelloSchema.safeParse(value);
    if (hello.success) {
      // First connection: follow from the venue's current end (start-up reconciliation covers before).
      if (this.lastSeq === null) this.lastSeq = hello.data.hello.lastSeq;
      return;
    }
    const message = VenueMessageSchema.safeParse(value);
    if (!message.success) {
      this.options.logger.warn({ text: text.slice(0, 200) }, 'unreadable venue message ignored');
      return;
    }
    if (this.lastSeq !== null && message.data.seq <= this.lastSeq) return;
    this.lastSeq = message.data.seq;
    this.emit(message.data.event as BrokerEvent);
  }

  private emit(event: BrokerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
