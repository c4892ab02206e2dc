import { asInstrumentId, type AccountId } from '@strikedesk/domain';
import { XtsInteractiveClient } from '../interactive/xts-interactive-client.ts';
import { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { XtsBroker, type XtsBrokerOptions } from '../xts-broker.ts';
import type { DomainError } from '@strikedesk/domain';
import type { FakeXtsInstrument } from './fake-xts-order-book.ts';
import { startFakeXtsInteractive, type RunningFakeXtsInteractive } from './fake-xts-interactive.ts';

/**
 * Tests' wiring: a fake XTS Interactive on port 0, a logged-in client, and an XtsBroker on it with
 * short reconnect and poll intervals. The universe is NIFTY's December future and one option.
 */
export const FAKE_XTS_INSTRUMENTS: FakeXtsInstrument[] = [
  { segment: 'NSEFO', exchangeInstrumentId: 35003, tradingSymbol: 'NIFTY26DECFUT' },
  { segment: 'NSEFO', exchangeInstrumentId: 43650, tradingSymbol: 'NIFTY26DEC24000CE' },
];
export const XTS_TEST_ACCOUNT = '7a1e9c4f-2b3d-4e5f-8a9b-0c1d2e3f4a5b' as AccountId;

export type XtsHarness = { fake: RunningFakeXtsInteractive; client: XtsInteractiveClient; broker: XtsBroker; directory: XtsInstrumentDirectory; sessionEnds: DomainError[]; close(): Promise<void> };

export async function startXtsHarness(
  options: Partial<Pick<XtsBrokerOptions, 'engineIo' | 'pollMs' | 'fillsWaitMs' | 'parkedTradeTtlMs'>> & { placeGraceMs?: number; timeoutMs?: number } = {},
): Promise<XtsHarness> {
  const fake = await startFakeXtsInteractive({ instruments: FAKE_XTS_INSTRUMENTS });
  const directory = new XtsInstrumentDirectory(FAKE_XTS_INSTRUMENTS.map((row) => ({ id: asInstrumentId(`NFO:${row.tradingSymbol}`), segment: row.segment, exchangeInstrumentId: row.exchangeInstrumentId })));
  const client = new XtsInteractiveClient({ rootUrl: fake.url, appKey: fake.appKey, secretKey: fake.secretKey, directory, timeoutMs: options.timeoutMs ?? 2_000, placeGraceMs: options.placeGraceMs ?? 1_000, placePollMs: 50, retry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 50 } });
  await client.login();
  const sessionEnds: DomainError[] = [];
  const broker = new XtsBroker({
    client,
    rootUrl: fake.url,
    accountId: XTS_TEST_ACCOUNT,
    directory,
    logger: { warn: () => undefined },
    engineIo: options.engineIo ?? 3,
    reconnectDelayMs: 50,
    pollMs: options.pollMs ?? 60_000,
    onSessionEnded: (error) => sessionEnds.push(error),
    ...(options.fillsWaitMs === undefined ? {} : { fillsWaitMs: options.fillsWaitMs }),
    ...(options.parkedTradeTtlMs === undefined ? {} : { parkedTradeTtlMs: options.parkedTradeTtlMs }),
  });
  await broker.ready(5_000);
  return {
    fake,
    client,
    broker,
    directory,
    sessionEnds,
    close: async () => {
      broker.close();
      await fake.close();
    },
  };
}
