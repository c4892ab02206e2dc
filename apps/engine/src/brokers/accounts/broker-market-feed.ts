import { DomainError, type Exchange, type Instrument, type InstrumentId } from '@strikedesk/domain';
import type { MarketDataAccount, MarketDataStore } from '@strikedesk/db/client';
import type { ListedContract } from '../../instruments/listed-contract.ts';
import { MarketFeedListeners, type MarketFeed, type MarketFeedState, type MarketFeedStatus } from '../../market/market-feed.ts';
import { KiteMarketFeed } from '../kite/ticker/kite-market-feed.ts';
import { parseXtsFeedKey } from '../xts/marketdata/xts-listed-contracts.ts';
import { XtsMarketFeed } from '../xts/marketdata/xts-market-feed.ts';
import { XtsInstrumentDirectory } from '../xts/xts-instrument-directory.ts';
import type { BrokerLink, LinkMarketData, LinkStatus, MarketDataSession } from './broker-link.ts';

export type MarketFeedLogger = { info(details: object, message: string): void; warn(details: object, message: string): void };

/** Opens the stream of one session over these instruments, each with its broker key. */
export type OpenSessionFeed = (session: MarketDataSession, instruments: readonly { id: InstrumentId; feedKey: string }[], logger: MarketFeedLogger) => MarketFeed;

export type BrokerMarketFeedDeps = {
  account: MarketDataAccount;
  /** The engine's instruments: what is streamed, when the broker lists it. */
  instruments: readonly Instrument[];
  /** Exchanges whose instrument master is read (those of the configured underlyings). */
  exchanges: readonly Exchange[];
  /** True when the instruments were built from this account's cached master at start. */
  instrumentsFromMaster: boolean;
  /**
   * Cache the broker's list for the next start. Not for a simulated broker: its list is the
   * engine's own, so caching it would only carry today's listing (minus what expires) forward.
   */
  cacheMaster: boolean;
  /** Only these underlyings' contracts are kept in the cached master. */
  underlyings: ReadonlySet<string>;
  store: Pick<MarketDataStore, 'saveMaster' | 'setStatus'>;
  logger: MarketFeedLogger;
  now: () => number;
  /** How often the last tick time reaches the admin screen (default 5 s). */
  statusEveryMs?: number;
  openFeed?: OpenSessionFeed;
};

/** The protocol's own feed: Kite's ticker or XTS's market-data socket. */
export const openSessionFeed: OpenSessionFeed = (session, instruments, logger) => {
  if (session.protocol === 'KITE') {
    const tokens = new Map(instruments.map(({ id, feedKey }) => [Number(feedKey), id]));
    return new KiteMarketFeed({ apiKey: session.apiKey, accessToken: session.accessToken, url: session.tickerUrl, instruments: tokens, logger });
  }
  const directory = new XtsInstrumentDirectory(
    instruments.flatMap(({ id, feedKey }) => {
      const ref = parseXtsFeedKey(feedKey);
      return ref ? [{ id, ...ref }] : [];
    }),
  );
  return new XtsMarketFeed({
    rootUrl: session.rootUrl,
    appKey: session.appKey,
    secretKey: session.secretKey,
    directory,
    instruments: instruments.map(({ id }) => id),
    logger,
  });
};

const count = (n: number): string => n.toLocaleString('en-IN');

/**
 * The market-data broker account's stream as the engine's market (docs/adr/0021-broker-market-data.md).
 * It follows the account's link: each time the link connects (a new Kite login, an XTS login) it
 * reads the day's instrument master, caches it for the next start, and streams every engine
 * instrument the broker lists with that session; when the link drops or its session ends, the
 * stream stops with it (a feed never logs in by itself). What it is doing is written for the admin
 * screen, with the last tick's time.
 */
export class BrokerMarketFeed extends MarketFeedListeners implements MarketFeed {
  readonly name: string;
  readonly brokerAccountId: MarketDataAccount['brokerAccountId'];
  private inner: { feed: MarketFeed; streaming: number } | null = null;
  private state: MarketFeedState = 'disconnected';
  private detail: string | null;
  private lastTickAt: number | null = null;
  /** Bumped by every open and close: an open that finishes after a newer one gives way. */
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private written: { text: string; lastTickAt: number | null } | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Streams still stopping; an open waits for them. */
  private closing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: BrokerMarketFeedDeps) {
    super();
    this.name = `broker:${deps.account.name}`;
    this.brokerAccountId = deps.account.brokerAccountId;
    this.detail = `Waiting for ${deps.account.name} to be connected (the stream uses its broker login).`;
  }

  start(): void {
    this.timer = setInterval(() => this.writeStatus(), this.deps.statusEveryMs ?? 5_000);
    this.timer.unref();
    this.writeStatus();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.generation += 1;
    await this.closeInner();
    await this.writing;
  }

  status(): MarketFeedStatus {
    return { state: this.state, lastTickAt: this.lastTickAt, detail: this.detail };
  }

  /** Every change of the account's link (BrokerAccountConnections calls this). */
  follow(link: BrokerLink, status: LinkStatus): void {
    if (link.brokerAccountId !== this.deps.account.brokerAccountId || this.stopped) return;
    if (status.connection === 'CONNECTED') {
      const generation = ++this.generation;
      // Anything thrown after an await would be an unhandled rejection, which ends the process.
      this.open(link, generation).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, brokerAccountId: this.deps.account.brokerAccountId }, 'market data: the stream could not be opened');
        if (generation === this.generation) this.setState('disconnected', 'The stream could not be opened (see the engine log); reconnect the account to try again.');
      });
      return;
    }
    const expired = status.connection === 'SESSION_EXPIRED';
    this.close(expired ? 'session-expired' : 'disconnected', expired ? `Session expired — reconnect ${this.deps.account.name}.` : `${this.deps.account.name} is not connected${status.message ? `: ${status.message}` : '.'}`);
  }

  /** The account has no link: disabled, or not assigned to a trader (whose login it would use). */
  unlinked(reason: string): void {
    if (this.stopped) return;
    this.close('disconnected', reason);
  }

  /** Stops the stream (whatever open is under way gives way) and says why. */
  private close(state: MarketFeedState, detail: string): void {
    this.generation += 1;
    void this.closeInner();
    this.setState(state, detail);
  }

  /**
   * `generation` is this open's: after every await it checks that no newer open or close came in
   * meanwhile, and gives way if one did — a stale open must not stream, nor overwrite the status.
   */
  private async open(link: BrokerLink, generation: number): Promise<void> {
    // The previous stream stops first: an XTS feed's logout racing the new one's login could end it.
    await this.closeInner();
    if (generation !== this.generation) return;
    this.setState('disconnected', `Reading ${this.deps.account.name}'s instrument list…`);
    let data: LinkMarketData;
    try {
      data = await link.marketData(this.deps.exchanges);
    } catch (error) {
      if (generation !== this.generation) return;
      this.deps.logger.warn({ err: error, brokerAccountId: this.deps.account.brokerAccountId }, 'market data: the instrument master could not be read');
      this.setState('disconnected', `The instrument list could not be read (${error instanceof Error ? error.message : String(error)}); reconnect the account to try again.`);
      return;
    }
    if (generation !== this.generation) return;
    const contracts = data.contracts.filter((contract) => this.deps.underlyings.has(contract.underlying));
    if (this.deps.cacheMaster) {
      await this.deps.store
        .saveMaster(this.deps.account.brokerAccountId, this.deps.now(), contracts)
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'market data: the instrument master could not be cached'));
      if (generation !== this.generation) return;
    }
    const listed = this.listed(contracts);
    let feed: MarketFeed;
    try {
      feed = (this.deps.openFeed ?? openSessionFeed)(data.session, listed, this.deps.logger);
    } catch (error) {
      const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
      this.setState('disconnected', `The stream could not be opened: ${message}`);
      return;
    }
    this.inner = { feed, streaming: listed.length };
    feed.onTicks((ticks) => {
      const first = this.lastTickAt === null;
      this.lastTickAt = this.deps.now();
      if (first) this.writeStatus(); // the admin sees the stream live at once; later ticks every few seconds
      for (const listener of this.tickListeners) listener(ticks);
    });
    feed.onStatus(({ state, detail }) => {
      if (this.inner?.feed === feed) this.setState(state, this.describe(state, detail));
    });
    this.deps.logger.info({ brokerAccountId: this.deps.account.brokerAccountId, streaming: listed.length, instruments: this.deps.instruments.length }, 'market data: streaming from the broker');
    feed.start();
    this.setState(feed.status().state, this.describe(feed.status().state, feed.status().detail));
  }

  /** The engine's instruments the broker lists, with the key each is streamed by. */
  private listed(contracts: readonly ListedContract[]): { id: InstrumentId; feedKey: string }[] {
    const keyOf = new Map(contracts.map((contract) => [contract.id as string, contract.feedKey]));
    return this.deps.instruments.flatMap((instrument) => {
      const feedKey = keyOf.get(instrument.id);
      return feedKey === undefined ? [] : [{ id: instrument.id, feedKey }];
    });
  }

  private describe(state: MarketFeedState, detail: string | null): string {
    if (state === 'session-expired') return `Session expired — reconnect ${this.deps.account.name}.`;
    if (state === 'disconnected') return `Market data disconnected${detail ? ` (${detail})` : ''}; reconnecting.`;
    const streaming = this.inner?.streaming ?? 0;
    const total = this.deps.instruments.length;
    const missing = total - streaming;
    if (missing === 0) return `Streaming ${count(streaming)} instruments.`;
    const partly = `Streaming ${count(streaming)} of ${count(total)} instruments: the rest are not in the broker's list.`;
    return this.deps.instrumentsFromMaster ? partly : `${partly} Restart the engine to list the broker's own instruments (its list is saved now).`;
  }

  /** Stops the current stream; every caller (and the next open) waits for the same stop. */
  private closeInner(): Promise<void> {
    const inner = this.inner;
    this.inner = null;
    if (inner) {
      const stopping = inner.feed.stop().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'market data: the stream did not stop cleanly'));
      this.closing = this.closing.then(() => stopping);
    }
    return this.closing;
  }

  private setState(state: MarketFeedState, detail: string): void {
    const changed = state !== this.state;
    this.state = state;
    this.detail = detail;
    this.writeStatus();
    if (!changed) return;
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }

  /** The admin screen's line and last tick time, written in order and only when they changed. */
  private writeStatus(): void {
    if (this.stopped) return; // the pool may be closing: a stopped feed has nothing more to say
    const text = this.detail ?? '';
    const { lastTickAt } = this;
    if (this.written?.text === text && this.written.lastTickAt === lastTickAt) return;
    this.written = { text, lastTickAt };
    this.writing = this.writing
      .then(() => this.deps.store.setStatus(this.deps.account.brokerAccountId, text, lastTickAt))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'market data: status not stored'));
  }
}
