import { DomainError, type InstrumentId, type Tick } from '@strikedesk/domain';
import { MarketFeedListeners, type MarketFeed, type MarketFeedState, type MarketFeedStatus } from '../../../market/market-feed.ts';
import { ReconnectBackoff, type ReconnectBackoffOptions } from '../../reconnect-backoff.ts';
import { isXtsOutcomeUnknown, xtsClientRefusal, xtsErrorDetails } from '../xts-errors.ts';
import type { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { XTS_MD_MESSAGE_CODES, XtsMarketDataClient, type XtsMarketDataOptions, type XtsMdMessageCode } from './xts-market-data-client.ts';
import { XtsMarketStream, type XtsMarketStreamOptions } from './xts-market-stream.ts';
import { subscriptionGroups } from './xts-subscription-groups.ts';

/** What is wrong on the wire; state changes go to `onStatus` listeners (the engine logs those). */
type FeedLogger = { warn(object: object, message: string): void; info?(object: object, message: string): void };

export type XtsMarketFeedOptions = {
  /** The broker's XTS host (white-labelled: one per broker account). */
  rootUrl: string;
  appKey: string;
  secretKey: string;
  /** Our instrument ↔ XTS segment + ExchangeInstrumentID; every subscribed instrument must be in it. */
  instruments: readonly InstrumentId[];
  directory: XtsInstrumentDirectory;
  /**
   * Default 1502 (depth): five levels a side, what the paper broker fills against. 1501 has one
   * level, 1512 none. Indices always stream on 1501 (xts-subscription-groups.ts).
   */
  messageCode?: XtsMdMessageCode;
  /**
   * Also stream open interest (1510) for every derivative — the option chain's OI and its change
   * (default true). A broker that refuses it only loses the OI column: prices still stream.
   */
  openInterest?: boolean;
  /**
   * The broker's cap on instruments per market-data session (XTS publishes none; brokers configure
   * it, e.g. "Subscription Limit of 50"). Given, more instruments fail when the feed is made.
   */
  maxSubscriptions?: number;
  /**
   * How long subscribing waits for the socket's first join (default 10 s); then it goes ahead, so a
   * server refusing the socket without a reason still hears our token over REST (tests shorten it).
   */
  joinTimeoutMs?: number;
  /** `reconnect` also paces login and subscription retries (tests shorten it). */
  stream?: Pick<XtsMarketStreamOptions, 'engineIo' | 'reconnect' | 'broadcastMode'>;
  /** Per broker account: the API prefix (`/apimarketdata`, `/marketdata`), timeouts, rate limits. */
  client?: Pick<XtsMarketDataOptions, 'apiPrefix' | 'timeoutMs' | 'retry' | 'rateLimits' | 'fetch'>;
  logger?: FeedLogger;
};

/**
 * XTS has no documented per-request cap; batches bound what one refusal costs (a broker's session
 * cap refuses a whole request, and the client splits an "already subscribed" batch one by one).
 */
export const XTS_FEED_SUBSCRIBE_BATCH = 50;
/** The stream's own reconnect default: the same patience for the REST door as for the socket. */
const DEFAULT_RETRY: ReconnectBackoffOptions = { initialMs: 1_000, maxMs: 30_000 };
const DEFAULT_JOIN_TIMEOUT_MS = 10_000;
/** Worth another attempt: XTS did not answer, answered unreadably, or asked us to slow down. */
const isTransient = (error: unknown): boolean => (error instanceof DomainError && error.code === 'BROKER_RATE_LIMITED') || isXtsOutcomeUnknown(error);

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = xtsErrorDetails(error);
  const extra = details?.source === 'network' ? details.raw : details?.brokerMessage;
  return typeof extra === 'string' && extra !== '' && !error.message.includes(extra) ? `${error.message} (${extra})` : error.message;
}

/**
 * XTS market data as the engine's market: logs in to the Market Data API, opens the socket
 * (XtsMarketStream: reconnects, resubscribes, keeps the quote book) and subscribes every
 * instrument with the depth code, so each Tick carries five levels a side — and every index with
 * the touchline, so its Tick has the value and no book.
 *
 * Ticks arriving in one event-loop turn (a subscribe snapshot, a burst of socket frames) go to
 * listeners as one batch. Status: connected while the socket is joined; disconnected before login,
 * while login is retried (network, 5xx, 429, with jittered backoff) and while the stream
 * reconnects; session-expired once the session ends (token expired, the app key logged in
 * elsewhere) or the login is refused (bad keys). That is final: an XTS login ends the key's other
 * session — perhaps the user's own terminal — so nothing logs in again by itself; make a new feed.
 */
export class XtsMarketFeed extends MarketFeedListeners implements MarketFeed {
  readonly name = 'xts';
  private readonly client: XtsMarketDataClient;
  private readonly instruments: InstrumentId[];
  private readonly code: XtsMdMessageCode;
  private readonly backoff: ReconnectBackoff;
  private stream: XtsMarketStream | null = null;
  private pending: Tick[] = [];
  private pendingAt = 0;
  private state: MarketFeedState = 'disconnected';
  private detail: string | null = null;
  /** Instruments the broker refused to subscribe: said in `detail` even while connected. */
  private refusal: string | null = null;
  private running: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | null = null;
  /** Resolves the wait for the first socket join (also on stop and session end). */
  private joined: (() => void) | null = null;
  private lastTickAt: number | null = null;

  constructor(private readonly options: XtsMarketFeedOptions) {
    super();
    this.instruments = [...new Set(options.instruments)];
    // Refused now, when the feed is made: the stream would refuse a whole batch for one unknown id.
    const unknown = this.instruments.filter((id) => options.directory.toXts(id) === null);
    if (unknown.length > 0) {
      const named = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
      throw xtsClientRefusal('BROKER_INPUT_REJECTED', `The broker's instrument master has no ${named}; refresh it. Nothing was subscribed.`);
    }
    const cap = options.maxSubscriptions;
    if (cap !== undefined && this.instruments.length > cap) {
      throw xtsClientRefusal('BROKER_INPUT_REJECTED', `The broker streams at most ${cap} instruments per market-data session; ${this.instruments.length} were asked for.`);
    }
    this.code = options.messageCode ?? XTS_MD_MESSAGE_CODES.depth;
    this.backoff = new ReconnectBackoff({ ...DEFAULT_RETRY, ...options.stream?.reconnect });
    this.client = new XtsMarketDataClient({ rootUrl: options.rootUrl, appKey: options.appKey, secretKey: options.secretKey, ...options.client });
  }

  start(): void {
    if (this.stopped) throw new Error('a stopped XtsMarketFeed cannot be started again');
    if (this.running) return;
    this.running = this.run().catch((error: unknown) => {
      // run() handles what XTS can do; this is a bug, and must not become an unhandled rejection.
      this.options.logger?.warn({ err: error }, 'XTS market feed stopped on an unexpected error');
      this.setState('disconnected', describe(error));
    });
  }

  /** Idempotent: closes the socket, then ends the session so the app key is free for the next login. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  status(): MarketFeedStatus {
    return { state: this.state, lastTickAt: this.lastTickAt, detail: this.detail };
  }

  private async run(): Promise<void> {
    if (!(await this.login()) || this.stopped) return; // stopped meanwhile: shutdown() logs out
    try {
      this.stream = new XtsMarketStream(
        { client: this.client, directory: this.options.directory, ...this.options.stream },
        {
          tick: (tick) => this.push(tick),
          sessionEnded: (error) => this.sessionEnded(error),
          connection: (connected) => this.onConnection(connected),
          error: (error) => this.options.logger?.warn({ err: error }, 'XTS market data: resubscribing after a reconnect failed; the stream reconnects'),
          invalid: (event, raw) => this.options.logger?.warn({ event, raw }, 'XTS market data: unreadable message dropped'),
        },
      );
    } catch (error) {
      // The stream refuses only a session that has already ended.
      return this.sessionEnded(error);
    }
    // Socket first, then subscriptions: subscribing before the first join
    // would race the stream's on-connect resubscription, which re-sends what is still in flight —
    // "already subscribed" — and the client then splits that batch into one request per instrument.
    // Not forever: the stream probes a silently refused socket's session only once something is
    // subscribed, and a subscription is itself a REST call that hears an invalid token.
    const stream = this.stream;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.options.joinTimeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS);
      this.joined = () => {
        clearTimeout(timer);
        resolve();
      };
      if (stream.connected || this.over()) this.joined();
    });
    this.joined = null;
    await this.subscribeAll(stream);
  }

  /** True once logged in; false when stopped or refused (then session-expired). */
  private async login(): Promise<boolean> {
    for (;;) {
      try {
        await this.client.login();
        this.backoff.reset();
        this.options.logger?.info?.({ instruments: this.instruments.length }, 'XTS market data logged in');
        return true;
      } catch (error) {
        if (this.stopped) return false;
        const why = `login failed: ${describe(error)}`;
        if (!isTransient(error)) {
          // Bad keys, or a refusal we cannot tell from one: retrying would hammer the login (and each success ends another session).
          this.setState('session-expired', why);
          return false;
        }
        const delayMs = this.backoff.next();
        this.options.logger?.warn({ err: error, attempt: this.backoff.attempts, retryInMs: delayMs }, 'XTS market data login failed; retrying');
        this.setState('disconnected', why);
        await this.wait(delayMs);
        if (this.stopped) return false;
      }
    }
  }

  /**
   * Code by code, indices first (few, and option analytics need the spot before the chain), then
   * batch by batch; a transient failure is retried (the stream sends only what it lacks), a refusal
   * is reported and the rest still subscribed. Once subscribed, the stream keeps them across reconnects.
   */
  private async subscribeAll(stream: XtsMarketStream): Promise<void> {
    const refused: InstrumentId[] = [];
    const groups = subscriptionGroups(this.instruments, this.options.directory, this.code, { openInterest: this.options.openInterest ?? true });
    for (const [code, ids] of groups) {
      for (let at = 0; at < ids.length; at += XTS_FEED_SUBSCRIBE_BATCH) {
        const batch = ids.slice(at, at + XTS_FEED_SUBSCRIBE_BATCH);
        for (;;) {
          if (this.over()) return;
          try {
            await stream.subscribe(code, batch);
            break;
          } catch (error) {
            if (this.over()) return;
            if (error instanceof DomainError && error.code === 'BROKER_SESSION_EXPIRED') return this.sessionEnded(error);
            if (!isTransient(error) && code === XTS_MD_MESSAGE_CODES.openInterest) {
              this.options.logger?.warn({ err: error, instruments: batch }, 'XTS market data refused open interest (1510); those instruments stream prices without it');
              break;
            }
            if (!isTransient(error)) {
              this.options.logger?.warn({ err: error, code, instruments: batch }, 'XTS market data refused a subscription; those instruments get no ticks');
              refused.push(...batch);
              this.refusal = `${refused.length} instrument(s) refused by the broker: ${describe(error)}`;
              if (this.state === 'connected') this.detail = this.refusal;
              break;
            }
            const delayMs = this.backoff.next();
            this.options.logger?.warn({ err: error, retryInMs: delayMs }, 'XTS market data subscription failed; retrying');
            await this.wait(delayMs);
          }
        }
      }
    }
    this.backoff.reset();
    this.options.logger?.info?.({ codes: [...groups.keys()], subscribed: this.instruments.length - refused.length, refused: refused.length }, 'XTS market data subscribed');
  }

  private onConnection(connected: boolean): void {
    if (this.over()) return;
    if (connected) {
      this.joined?.();
      return this.setState('connected', this.refusal);
    }
    // Deferred: a session end closes the socket (and reports it) just before it is announced, and
    // listeners should hear session-expired alone, not a "disconnected" that was never a drop.
    queueMicrotask(() => {
      if (this.over() || this.stream?.connected) return;
      this.setState('disconnected', 'market-data socket dropped; reconnecting');
    });
  }

  private sessionEnded(error: unknown): void {
    if (this.stopped) return;
    this.setState('session-expired', describe(error));
    this.joined?.();
  }

  private push(tick: Tick): void {
    if (this.stopped) return;
    if (this.pending.length === 0) {
      this.pendingAt = Date.now();
      queueMicrotask(() => this.flush());
    }
    this.pending.push(tick);
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 || this.stopped) return;
    this.lastTickAt = this.pendingAt;
    for (const listener of this.tickListeners) {
      try {
        listener(batch);
      } catch (error) {
        // Thrown in a microtask it would crash the process; the other listeners still get the batch.
        this.options.logger?.warn({ err: error }, 'XTS market feed: a tick listener threw');
      }
    }
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    this.joined?.();
    this.stream?.close();
    await this.running;
    this.pending = [];
    // A session XTS already ended has nothing to log out (and the request would be refused unsent).
    if (this.client.token !== null && this.client.http.sessionEnded === null) {
      try {
        await this.client.logout();
      } catch (error) {
        this.options.logger?.warn({ err: error }, 'XTS market data logout failed; the session ends at its expiry');
      }
    }
    // Not announced: whoever stopped the feed knows (listeners hear of drops and expiry, not shutdown).
    this.state = 'disconnected';
    this.detail = 'stopped';
  }

  /** Nothing more to do: stopped, or the session is gone for good. */
  private over(): boolean {
    return this.stopped || this.state === 'session-expired';
  }

  /** A backoff wait that stop() cuts short. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  /** Announces a change of state; the same state only refreshes `detail` (for whoever polls status()). */
  private setState(state: MarketFeedState, detail: string | null): void {
    if (this.stopped) return;
    this.detail = detail;
    if (state === this.state) return;
    this.state = state;
    const status = this.status();
    for (const listener of this.statusListeners) {
      try {
        listener(status);
      } catch (error) {
        this.options.logger?.warn({ err: error }, 'XTS market feed: a status listener threw');
      }
    }
  }
}
