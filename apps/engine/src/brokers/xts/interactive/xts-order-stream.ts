import { DomainError } from '@strikedesk/domain';
import { isSessionLoss } from '../xts-errors.ts';
import type { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { SocketIoConnection, type EngineIoVersion } from '../xts-socket-io.ts';
import { toOrderView, toTradeView, type XtsOrderView, type XtsTradeView } from './xts-order-mapping.ts';
import { XtsOrderRowSchema, XtsTradeRowSchema } from './xts-order-schemas.ts';

/**
 * The Interactive order socket (`/interactive/socket.io`, query token, userID, apiType=INTERACTIVE).
 * `order` and `trade` events carry JSON strings with the order-book / trade-book row shapes;
 * `position` events are passed on raw (positions are read back from the book instead).
 *
 * A dropped link reconnects with a fixed delay (the SDK's 5 s by default); events sent meanwhile are
 * lost, so the owner reads the books back on every reconnect. But a `logout` event, or a refusal
 * naming the token, means the session ended (XTS allows one session per app key: a login elsewhere
 * ends ours) — then the stream stops for good and says why: reconnecting with a dead token cannot
 * work, and logging in again would in turn end the other session.
 */
export type XtsOrderStreamHandlers = {
  order(view: XtsOrderView): void;
  trade(view: XtsTradeView): void;
  position?(raw: unknown): void;
  connection(connected: boolean): void;
  sessionEnded(error: DomainError): void;
  invalid?(event: string, raw: unknown): void;
};

export type XtsOrderStreamOptions = {
  rootUrl: string;
  token: string;
  userID: string;
  engineIo?: EngineIoVersion;
  reconnectDelayMs?: number;
  directory: XtsInstrumentDirectory;
};

export const loggedOutError = (detail: string): DomainError =>
  new DomainError('BROKER_SESSION_EXPIRED', 'The broker ended this session: it expired, or the same API key logged in elsewhere. Reconnect the broker account.', {
    outcome: 'refused',
    source: 'server',
    reason: 'session-ended',
    raw: detail,
  });

/** Socket payloads are JSON strings in every SDK capture; accept an object too. */
function payload(args: unknown[]): unknown {
  const first = args[0];
  if (typeof first !== 'string') return first;
  try {
    return JSON.parse(first) as unknown;
  } catch {
    return first;
  }
}

export class XtsOrderStream {
  private socket: SocketIoConnection | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly options: XtsOrderStreamOptions,
    private readonly handlers: XtsOrderStreamHandlers,
  ) {
    this.open();
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
  }

  private open(): void {
    const socket = new SocketIoConnection({
      rootUrl: this.options.rootUrl,
      path: '/interactive/socket.io',
      query: { token: this.options.token, userID: this.options.userID, apiType: 'INTERACTIVE' },
      engineIo: this.options.engineIo ?? 3,
    });
    this.socket = socket;
    socket.on('connect', () => this.handlers.connection(true));
    socket.on('event', (name, args) => this.onEvent(name, payload(args)));
    socket.on('connectError', (message) => {
      if (isSessionLoss(null, message, null)) this.end(message);
    });
    socket.on('disconnect', () => {
      if (this.socket !== socket) return;
      this.handlers.connection(false);
      if (this.stopped) return;
      this.timer = setTimeout(() => this.open(), this.options.reconnectDelayMs ?? 5_000);
      this.timer.unref();
    });
  }

  private onEvent(name: string, raw: unknown): void {
    if (name === 'logout') return this.end(typeof raw === 'string' ? raw : JSON.stringify(raw ?? 'logout'));
    if (name === 'order') {
      const row = XtsOrderRowSchema.safeParse(raw);
      if (row.success) this.handlers.order(toOrderView(row.data, this.options.directory));
      else this.handlers.invalid?.(name, raw);
    } else if (name === 'trade') {
      const row = XtsTradeRowSchema.safeParse(raw);
      const view = row.success ? toTradeView(row.data, this.options.directory) : null;
      if (view) this.handlers.trade(view);
      else this.handlers.invalid?.(name, raw);
    } else if (name === 'position') {
      this.handlers.position?.(raw);
    }
    // joined, error, tradeConversion: nothing the adapter acts on.
  }

  private end(detail: string): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.handlers.sessionEnded(loggedOutError(detail));
  }
}
