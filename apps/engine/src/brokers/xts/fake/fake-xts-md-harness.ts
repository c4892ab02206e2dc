import { asInstrumentId, type DomainError, type Tick } from '@strikedesk/domain';
import { XtsMarketDataClient, type XtsMarketDataOptions } from '../marketdata/xts-market-data-client.ts';
import { XtsMarketStream, type XtsMarketStreamOptions } from '../marketdata/xts-market-stream.ts';
import { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import type { FakeXtsMdInstrument } from './fake-xts-market-payloads.ts';
import { startFakeXtsMarketData, type FakeXtsMarketDataOptions, type RunningFakeXtsMarketData } from './fake-xts-market-data.ts';

/**
 * Tests' wiring for market data: a fake XTS Market Data API on port 0, a directory of its universe
 * (NIFTY's December future and two options), a logged-in client with short retries, and streams
 * whose Ticks, connection changes and session ends are collected.
 */
export const FAKE_XTS_MD_INSTRUMENTS: FakeXtsMdInstrument[] = [
  { segment: 'NSEFO', exchangeInstrumentId: 35003, tradingSymbol: 'NIFTY26DECFUT', name: 'NIFTY', kind: 'FUTURE', expiry: '2026-12-29', lotSize: 75, tickPaise: 10, freezeQty: 1801 },
  { segment: 'NSEFO', exchangeInstrumentId: 43650, tradingSymbol: 'NIFTY26DEC24000CE', name: 'NIFTY', kind: 'CE', strikePaise: 2_400_000, expiry: '2026-12-29', lotSize: 75, tickPaise: 5, freezeQty: 1801 },
  { segment: 'NSEFO', exchangeInstrumentId: 43651, tradingSymbol: 'NIFTY26DEC24000PE', name: 'NIFTY', kind: 'PE', strikePaise: 2_400_000, expiry: '2026-12-29', lotSize: 75, tickPaise: 5, freezeQty: 1801 },
];

export const MD_FUT = asInstrumentId('NFO:NIFTY26DECFUT');
export const MD_CALL = asInstrumentId('NFO:NIFTY26DEC24000CE');
export const MD_PUT = asInstrumentId('NFO:NIFTY26DEC24000PE');

const GENEROUS = { limit: 20, windowMs: 100, maxWaitMs: 5_000 };

export type StreamRecorder = { stream: XtsMarketStream; ticks: Tick[]; connections: boolean[]; sessionEnds: DomainError[]; errors: unknown[]; invalid: { event: string; raw: unknown }[] };

export type XtsMdHarness = {
  fake: RunningFakeXtsMarketData;
  client: XtsMarketDataClient;
  directory: XtsInstrumentDirectory;
  /** A new client on the same fake (not logged in). */
  newClient(overrides?: Partial<XtsMarketDataOptions>): XtsMarketDataClient;
  openStream(options?: Partial<Omit<XtsMarketStreamOptions, 'client' | 'directory'>>, client?: XtsMarketDataClient): StreamRecorder;
  close(): Promise<void>;
};

export async function startXtsMdHarness(
  options: { fake?: Partial<FakeXtsMarketDataOptions>; client?: Partial<XtsMarketDataOptions>; login?: boolean } = {},
): Promise<XtsMdHarness> {
  const fake = await startFakeXtsMarketData({ instruments: FAKE_XTS_MD_INSTRUMENTS, ...options.fake });
  const directory = new XtsInstrumentDirectory(FAKE_XTS_MD_INSTRUMENTS.map((row) => ({ id: asInstrumentId(`NFO:${row.tradingSymbol}`), segment: row.segment, exchangeInstrumentId: row.exchangeInstrumentId })));
  const newClient = (overrides: Partial<XtsMarketDataOptions> = {}) =>
    new XtsMarketDataClient({
      rootUrl: fake.url,
      apiPrefix: fake.prefix,
      appKey: fake.appKey,
      secretKey: fake.secretKey,
      timeoutMs: 2_000,
      retry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 50 },
      // Generous, short windows by default (a 429 holds a class back one window): the tests about limits set their own.
      rateLimits: { session: GENEROUS, subscription: GENEROUS, quotes: GENEROUS, master: GENEROUS, others: GENEROUS },
      ...options.client,
      ...overrides,
    });
  const client = newClient();
  if (options.login ?? true) await client.login();
  const streams: XtsMarketStream[] = [];
  return {
    fake,
    client,
    directory,
    newClient,
    openStream(streamOptions = {}, streamClient = client) {
      const recorder: Omit<StreamRecorder, 'stream'> = { ticks: [], connections: [], sessionEnds: [], errors: [], invalid: [] };
      const stream = new XtsMarketStream(
        { client: streamClient, directory, reconnect: { initialMs: 40, maxMs: 200 }, ...streamOptions },
        {
          tick: (tick) => recorder.ticks.push(tick),
          connection: (connected) => recorder.connections.push(connected),
          sessionEnded: (error) => recorder.sessionEnds.push(error),
          error: (error) => recorder.errors.push(error),
          invalid: (event, raw) => recorder.invalid.push({ event, raw }),
        },
      );
      streams.push(stream);
      return { stream, ...recorder };
    },
    close: async () => {
      for (const stream of streams) stream.close();
      await fake.close();
    },
  };
}
