import type { DomainError, InstrumentId, Tick } from '@strikedesk/domain';
import { loggedOutError } from '../interactive/xts-order-stream.ts';
import { isSessionLoss, xtsClientRefusal } from '../xts-errors.ts';
import type { XtsInstrumentDirectory, XtsInstrumentRef } from '../xts-instrument-directory.ts';
import { ReconnectBackoff, type ReconnectBackoffOptions } from '../../reconnect-backoff.ts';
import { SocketIoConnection, type EngineIoVersion } from '../xts-socket-io.ts';
import { XTS_SEGMENTS, xtsSegment } from '../xts-units.ts';
import type { XtsMarketDataClient, XtsMdMessageCode } from './xts-market-data-client.ts';
import { parseFullMessage, partialKey, type XtsQuoteState } from './xts-market-messages.ts';
import { XtsQuoteBook } from './xts-quote-book.ts';
import { toTick } from './to-tick.ts';

/** The SDKs retry every 5 s, forever; we start sooner and cap a long outage at one attempt per 30 s. */
const DEFAULT_XTS_RECONNECT: ReconnectBackoffOptions = { initialMs: 1_000, maxMs: 30_000 };

/**
 * The market-data socket (`<prefix>/socket.io`, query token, userID, publishFormat=JSON,
 * broadcastMode=Full|Partial) turned into Ticks. Events `<code>-json-full` carry a full message as
 * a JSON string, `<code>-json-partial` a `t:2_43650,ltp:…` string with what changed; both go
 * through the existing parsers and the quote book (xts-quote-book.ts).
 *
 * Subscriptions are made over REST; the socket only delivers. After a drop the socket reconnects
 * with jittered exponential backoff, and on every (re)connect everything subscribed is subscribed
 * again over REST, as XTS requires — a session that kept them answers "already subscribed", which
 * the client takes as success. Each answer's snapshot re-seeds the state (messages sent while we
 * were away are lost, and partial deltas on a stale state would be wrong).
 *
 * The session ends — once, for good, as one BROKER_SESSION_EXPIRED — on a `logout` event (the app
 * key logged in elsewhere), on a refused connection naming the token, or when any REST call of the
 * client hears that the token is invalid. Nothing then reconnects or logs in again: a new login
 * would in turn end whichever session (perhaps the user's own terminal) took ours. A server that
 * refuses connections without saying why is asked over REST after two failed attempts, so an
 * expired token cannot hide behind silent refusals forever.
 */

export type XtsBroadcastMode = 'Full' | 'Partial';

export type XtsMarketStreamOptions = {
  client: XtsMarketDataClient;
  directory: XtsInstrumentDirectory;
  /** Default Full. Partial sends only what changed: less traffic, same Ticks. */
  broadcastMode?: XtsBroadcastMode;
  /** The SDKs speak Engine.IO v3; newer deployments v4. Default 3. */
  engineIo?: EngineIoVersion;
  reconnect?: Partial<ReconnectBackoffOptions>;
};

export type XtsMarketStreamHandlers = {
  tick(tick: Tick): void;
  sessionEnded(error: DomainError): void;
  connection?(connected: boolean): void;
  /** A resubscription after a reconnect failed (not a session loss): the socket is dropped and retried with backoff. */
  error?(error: unknown): void;
  /** A message we could not read, or one for an instrument the directory does not know. */
  invalid?(event: string, raw: unknown): void;
};

type Entry = { ref: XtsInstrumentRef; segmentCode: number; confirmedIn: number };

const EVENT = /^(\d+)-json-(full|partial)$/;
const PROBE_AFTER_FAILED_CONNECTS = 2;

const keyOf = (segmentCode: number, exchangeInstrumentId: number): string => `${segmentCode}_${exchangeInstrumentId}`;

export class XtsMarketStream {
  private readonly wanted = new Map<XtsMdMessageCode, Map<string, Entry>>();
  private readonly book = new XtsQuoteBook();
  private readonly backoff: ReconnectBackoff;
  private readonly unlisten: () => void;
  private socket: SocketIoConnection | null = null;
  /** Counts sockets opened; a subscription confirmed on an earlier one is made again. */
  private generation = 0;
  private failedConnects = 0;
  private probing = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ended: DomainError | null = null;

  constructor(
    private readonly options: XtsMarketStreamOptions,
    private readonly handlers: XtsMarketStreamHandlers,
  ) {
    const { http } = options.client;
    if (http.sessionEnded) throw http.sessionEnded;
    if (!options.client.token || !options.client.userID) throw xtsClientRefusal('BROKER_SESSION_EXPIRED', 'The market-data session is not logged in. Log in to the broker first.');
    this.backoff = new ReconnectBackoff({ ...DEFAULT_XTS_RECONNECT, ...options.reconnect });
    this.unlisten = http.onSessionEnded((error) => this.end(error));
    this.open();
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Subscribes over REST (the answer's snapshot becomes Ticks at once) and keeps it across reconnects. */
  async subscribe(code: XtsMdMessageCode, ids: readonly InstrumentId[]): Promise<void> {
    this.ensureOpen();
    const resolved = ids.map((id) => this.resolve(id));
    const entries = this.entries(code);
    const fresh: Entry[] = [];
    for (const ref of resolved) {
      const segmentCode = XTS_SEGMENTS[ref.segment].code;
      const key = keyOf(segmentCode, ref.exchangeInstrumentId);
      if (entries.has(key)) continue;
      const entry: Entry = { ref, segmentCode, confirmedIn: -1 };
      entries.set(key, entry);
      fresh.push(entry);
    }
    if (fresh.length === 0) return;
    const generation = this.generation;
    try {
      const result = await this.options.client.subscribe(code, fresh.map((entry) => entry.ref));
      for (const entry of fresh) entry.confirmedIn = generation;
      this.releaseDropped(code, entries, fresh);
      this.applySnapshot(code, result.quotes);
    } catch (error) {
      // Not subscribed: a reconnect must not quietly subscribe what the caller was told failed.
      for (const entry of fresh) {
        const key = keyOf(entry.segmentCode, entry.ref.exchangeInstrumentId);
        if (entries.get(key) === entry) entries.delete(key);
      }
      throw error;
    }
  }

  /** Stops the Ticks at once (later messages for it are ignored) and unsubscribes over REST. */
  async unsubscribe(code: XtsMdMessageCode, ids: readonly InstrumentId[]): Promise<void> {
    const entries = this.wanted.get(code);
    const removed: XtsInstrumentRef[] = [];
    for (const id of ids) {
      const ref = this.options.directory.toXts(id);
      if (!ref || !entries) continue;
      const segmentCode = XTS_SEGMENTS[ref.segment].code;
      if (!entries.delete(keyOf(segmentCode, ref.exchangeInstrumentId))) continue;
      this.book.forget(code, segmentCode, ref.exchangeInstrumentId);
      removed.push(ref);
    }
    if (removed.length === 0 || this.ended || this.stopped) return;
    await this.options.client.unsubscribe(code, removed);
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unlisten();
    this.socket?.close();
  }

  private open(): void {
    const generation = ++this.generation;
    const { client } = this.options;
    const socket = new SocketIoConnection({
      rootUrl: client.rootUrl,
      path: client.socketPath,
      query: { token: client.token ?? '', userID: client.userID ?? '', publishFormat: 'JSON', broadcastMode: this.options.broadcastMode ?? 'Full' },
      engineIo: this.options.engineIo ?? 3,
    });
    this.socket = socket;
    let joined = false;
    socket.on('connect', () => {
      joined = true;
      this.failedConnects = 0;
      this.handlers.connection?.(true);
      void this.resubscribe(generation);
    });
    socket.on('event', (name, args) => {
      if (this.socket === socket && !this.stopped) this.onEvent(name, args[0]);
    });
    socket.on('connectError', (message) => {
      if (isSessionLoss(null, message, null)) this.end(loggedOutError(message));
    });
    socket.on('disconnect', () => {
      if (this.socket !== socket) return;
      if (joined) this.handlers.connection?.(false);
      if (this.stopped) return;
      if (!joined) this.failedConnects += 1;
      if (this.failedConnects >= PROBE_AFTER_FAILED_CONNECTS) void this.probeSession();
      this.timer = setTimeout(() => {
        if (!this.stopped) this.open();
      }, this.backoff.next());
      this.timer.unref();
    });
  }

  /** Everything not yet subscribed on this socket, code by code; the backoff resets only once all is back. */
  private async resubscribe(generation: number): Promise<void> {
    for (const [code, entries] of this.wanted) {
      const stale = [...entries.values()].filter((entry) => entry.confirmedIn !== generation);
      if (stale.length === 0) continue;
      try {
        const result = await this.options.client.subscribe(
          code,
          stale.map((entry) => entry.ref),
        );
        if (this.stopped || generation !== this.generation) return;
        for (const entry of stale) entry.confirmedIn = generation;
        this.releaseDropped(code, entries, stale);
        this.applySnapshot(code, result.quotes);
      } catch (error) {
        // A lost session has already ended the stream (through the client's listener).
        if (this.stopped || generation !== this.generation) return;
        this.handlers.error?.(error);
        this.socket?.close();
        return;
      }
    }
    if (!this.stopped && generation === this.generation) this.backoff.reset();
  }

  /**
   * Instruments unsubscribed while their subscribe was on its way were subscribed at XTS all the
   * same: undo that, or they would hold one of the session's limited subscription slots.
   */
  private releaseDropped(code: XtsMdMessageCode, entries: Map<string, Entry>, sent: readonly Entry[]): void {
    const dropped = sent.filter((entry) => entries.get(keyOf(entry.segmentCode, entry.ref.exchangeInstrumentId)) !== entry);
    if (dropped.length === 0 || this.stopped) return;
    this.options.client.unsubscribe(code, dropped.map((entry) => entry.ref)).catch((error: unknown) => this.handlers.error?.(error));
  }

  private onEvent(name: string, raw: unknown): void {
    if (name === 'logout') return this.end(loggedOutError(typeof raw === 'string' ? raw : JSON.stringify(raw ?? 'logout')));
    const match = EVENT.exec(name);
    if (!match) return; // joined, error, and codes we do not read
    const code = Number(match[1]) as XtsMdMessageCode;
    const entries = this.wanted.get(code);
    if (!entries) return;
    if (match[2] === 'full') {
      const state = parseFullMessage(raw);
      if (!state) return this.handlers.invalid?.(name, raw);
      if (entries.has(keyOf(state.segmentCode, state.exchangeInstrumentId))) this.emit(this.book.applyFull(code, state), name);
      return;
    }
    const ref = typeof raw === 'string' ? partialKey(raw) : null;
    if (typeof raw !== 'string' || !ref) return this.handlers.invalid?.(name, raw);
    if (!entries.has(keyOf(ref.segmentCode, ref.exchangeInstrumentId))) return;
    const state = this.book.applyPartial(code, raw);
    if (state) this.emit(state, name);
  }

  private applySnapshot(code: XtsMdMessageCode, states: readonly XtsQuoteState[]): void {
    const entries = this.wanted.get(code);
    for (const state of states) {
      if (this.stopped || !entries?.has(keyOf(state.segmentCode, state.exchangeInstrumentId))) continue;
      this.emit(this.book.applyFull(code, state), 'snapshot');
    }
  }

  private emit(state: XtsQuoteState, source: string): void {
    const segment = xtsSegment(state.segmentCode);
    const id = segment ? this.options.directory.toOurs(segment, state.exchangeInstrumentId) : null;
    if (!id) return this.handlers.invalid?.(source, state);
    const tick = toTick(id, state, Date.now());
    if (tick) this.handlers.tick(tick);
  }

  /** Any authenticated call tells a live session from a dead one; an invalid token ends the stream through the client. */
  private async probeSession(): Promise<void> {
    if (this.probing) return;
    const first = [...this.wanted].flatMap(([code, entries]) => [...entries.values()].map((entry) => ({ code, entry })))[0];
    if (!first) return;
    this.probing = true;
    try {
      await this.options.client.quotes(first.code, [first.entry.ref]);
    } catch {
      // Session loss is handled by the listener; anything else leaves the socket to retry.
    } finally {
      this.probing = false;
    }
  }

  private end(error: DomainError): void {
    if (this.ended) return;
    this.ended = error;
    this.close();
    // The token is dead for REST too: later requests are refused unsent.
    this.options.client.http.endSession(error);
    this.handlers.sessionEnded(error);
  }

  private ensureOpen(): void {
    if (this.ended) throw this.ended;
    if (this.stopped) throw xtsClientRefusal('BROKER_UNAVAILABLE', 'The market-data stream is closed.');
  }

  private entries(code: XtsMdMessageCode): Map<string, Entry> {
    const existing = this.wanted.get(code);
    if (existing) return existing;
    const created = new Map<string, Entry>();
    this.wanted.set(code, created);
    return created;
  }

  private resolve(id: InstrumentId): XtsInstrumentRef {
    const ref = this.options.directory.toXts(id);
    if (!ref) throw xtsClientRefusal('BROKER_INPUT_REJECTED', `The broker's instrument master has no ${id}; refresh it and try again. Nothing was subscribed.`);
    return ref;
  }
}
