import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type BrokerAccountId, type Instrument, type Tick } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { MarketFeed, MarketFeedStatus } from '../../market/market-feed.ts';
import type { ListedContract } from '../../instruments/listed-contract.ts';
import type { BrokerLink, LinkMarketData, LinkStatus } from './broker-link.ts';
import { BrokerMarketFeed } from './broker-market-feed.ts';

/**
 * BrokerMarketFeed's following of a link, with a link, a store and streams that the test drives:
 * the order of events (a drop during the instrument-list download, two logins in a row) must leave
 * exactly the stream and the status line the last event asked for.
 */
const ACCOUNT = '6f1c1c4e-3a7b-4c55-9f0e-2f0b8c1d2e3f' as BrokerAccountId;
const FUTURE: Instrument = {
  id: asInstrumentId('NFO:NIFTY26DECFUT'), exchange: 'NFO', tradingSymbol: 'NIFTY26DECFUT', underlying: 'NIFTY', displayName: 'NIFTY DEC FUT',
  kind: 'FUTURE', expiry: '2026-12-29', expiryType: 'MONTHLY', strike: null, lotSize: 65, tickSize: paise(10), freezeQuantity: 1_755, tradable: true,
};
const CONTRACT: ListedContract = { id: FUTURE.id, exchange: 'NFO', tradingSymbol: FUTURE.tradingSymbol, underlying: 'NIFTY', kind: 'FUTURE', expiry: '2026-12-29', strike: null, lotSize: 65, tickSize: paise(10), freezeQuantity: null, feedKey: '777' };
const CONNECTED: LinkStatus = { connection: 'CONNECTED', message: null };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

type FakeStream = MarketFeed & { started: boolean; stopped: boolean; tick(): void };

function setup(options: { cacheMaster?: boolean } = {}) {
  const lists: ReturnType<typeof deferred<LinkMarketData>>[] = [];
  const link = { brokerAccountId: ACCOUNT, marketData: () => { const list = deferred<LinkMarketData>(); lists.push(list); return list.promise; } } as unknown as BrokerLink;
  const statuses: string[] = [];
  const saved: unknown[][] = [];
  const streams: FakeStream[] = [];
  const events: string[] = [];
  const feed = new BrokerMarketFeed({
    account: { brokerAccountId: ACCOUNT, broker: 'KITE', name: 'Zerodha', enabled: true },
    instruments: [FUTURE],
    instrumentsFromMaster: true,
    cacheMaster: options.cacheMaster ?? true,
    exchanges: ['NFO'],
    underlyings: new Set(['NIFTY']),
    store: {
      saveMaster: async (_id, _at, contracts) => void saved.push([...contracts]),
      setStatus: async (_id, status) => void statuses.push(status),
    },
    logger: { info: () => undefined, warn: () => undefined },
    now: () => 1_000,
    openFeed: () => {
      const listeners = { ticks: new Set<(ticks: Tick[]) => void>(), status: new Set<(status: MarketFeedStatus) => void>() };
      const number = streams.length + 1;
      const stream: FakeStream = {
        name: `stream-${number}`,
        started: false,
        stopped: false,
        start() { stream.started = true; events.push(`start ${number}`); },
        async stop() { await Promise.resolve(); stream.stopped = true; events.push(`stop ${number}`); },
        onTicks: (listener) => (listeners.ticks.add(listener), () => listeners.ticks.delete(listener)),
        onStatus: (listener) => (listeners.status.add(listener), () => listeners.status.delete(listener)),
        status: () => ({ state: 'connected', lastTickAt: null, detail: null }),
        tick: () => listeners.ticks.forEach((listener) => listener([])),
      };
      streams.push(stream);
      return stream;
    },
  });
  feed.start();
  // The link is asked once the previous stream has stopped: wait for the question, then answer it.
  const answer = async (index: number) => (await waitUntil(() => lists[index])).resolve({ session: { protocol: 'KITE', apiKey: 'k', accessToken: `t${index}`, tickerUrl: 'ws://127.0.0.1:9' }, contracts: [CONTRACT] });
  return { feed, link, lists, statuses, saved, streams, events, answer };
}

describe('BrokerMarketFeed', () => {
  it('streams what the broker lists once the link connects, caching the list', async () => {
    const { feed, link, statuses, saved, streams, answer } = setup();
    feed.follow(link, CONNECTED);
    await answer(0);
    await waitUntil(() => streams[0]?.started);
    expect(saved).toEqual([[CONTRACT]]);
    expect(feed.status().state).toBe('connected');
    await waitUntil(() => statuses.at(-1) === 'Streaming 1 instruments.');
    await feed.stop();
    expect(streams[0]?.stopped).toBe(true);
  });

  it('a drop while the instrument list downloads wins: no stream opens, the status says why', async () => {
    const { feed, link, lists, statuses, streams, answer } = setup();
    feed.follow(link, CONNECTED);
    await waitUntil(() => lists[0]); // the download has started
    feed.follow(link, { connection: 'DISCONNECTED', message: 'Zerodha could not be reached; retrying.' });
    await answer(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(streams).toHaveLength(0);
    expect(feed.status()).toMatchObject({ state: 'disconnected', detail: 'Zerodha is not connected: Zerodha could not be reached; retrying.' });
    expect(statuses.at(-1)).toBe('Zerodha is not connected: Zerodha could not be reached; retrying.');
    await feed.stop();
  });

  it('a second login replaces the stream: the old one is stopped before the new one starts', async () => {
    const { feed, link, streams, events, answer } = setup();
    feed.follow(link, CONNECTED);
    await answer(0);
    await waitUntil(() => streams[0]?.started);
    feed.follow(link, CONNECTED);
    await answer(1);
    await waitUntil(() => streams[1]?.started);
    expect(events).toEqual(['start 1', 'stop 1', 'start 2']);
    await feed.stop();
  });

  it('an ended session stops the stream and is reported as expired; an unassigned account says so', async () => {
    const { feed, link, streams, answer } = setup();
    feed.follow(link, CONNECTED);
    await answer(0);
    await waitUntil(() => streams[0]?.started);
    feed.follow(link, { connection: 'SESSION_EXPIRED', message: null });
    await waitUntil(() => streams[0]?.stopped);
    expect(feed.status()).toMatchObject({ state: 'session-expired', detail: 'Session expired — reconnect Zerodha.' });
    feed.unlinked('Assign this account to a trader.');
    expect(feed.status().detail).toBe('Assign this account to a trader.');
    await feed.stop();
  });

  it('an unreadable list is reported, and a simulated broker’s list is not cached', async () => {
    const failing = setup();
    failing.feed.follow(failing.link, CONNECTED);
    (await waitUntil(() => failing.lists[0])).reject(new Error('HTTP 503'));
    await waitUntil(() => failing.feed.status().detail?.startsWith('The instrument list could not be read (HTTP 503)'));
    await failing.feed.stop();

    const simulated = setup({ cacheMaster: false });
    simulated.feed.follow(simulated.link, CONNECTED);
    await simulated.answer(0);
    await waitUntil(() => simulated.streams[0]?.started);
    expect(simulated.saved).toEqual([]);
    simulated.streams[0]?.tick();
    expect(simulated.feed.status().lastTickAt).toBe(1_000);
    await simulated.feed.stop();
  });
});
