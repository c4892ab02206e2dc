import { afterEach, describe, expect, it } from 'vitest';
import { asAccountId, BrokerAccountIdSchema, type BrokerAccount } from '@strikedesk/domain';
import { Secret } from '@strikedesk/db/client';
import { FAKE_XTS_MD_INSTRUMENTS } from '../xts/fake/fake-xts-md-harness.ts';
import { startFakeXtsInteractive, type RunningFakeXtsInteractive } from '../xts/fake/fake-xts-interactive.ts';
import { startFakeXtsMarketData, type RunningFakeXtsMarketData } from '../xts/fake/fake-xts-market-data.ts';
import type { FakeXtsMdIndex } from '../xts/fake/fake-xts-market-payloads.ts';
import type { LinkStatus } from './broker-link.ts';
import { XtsAccountLink } from './xts-account-link.ts';

/**
 * The XTS link's market data: what it reads at login (the F&O master and the cash segments' index
 * lists) and what it hands the market-data feed. A real (not simulated) XTS account on the fakes.
 */
const INDICES: FakeXtsMdIndex[] = [
  { segment: 'NSECM', exchangeInstrumentId: 26000, name: 'NIFTY 50', valuePaise: 2_598_765 },
  { segment: 'NSECM', exchangeInstrumentId: 26001, name: 'NIFTY BANK', valuePaise: 5_901_230 },
  { segment: 'BSECM', exchangeInstrumentId: 1, name: 'SENSEX', valuePaise: 8_512_340 },
];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Running = { link: XtsAccountLink; marketData: RunningFakeXtsMarketData; interactive: RunningFakeXtsInteractive; statuses: LinkStatus[]; warnings: string[] };

async function connectedLink(prepare: (marketData: RunningFakeXtsMarketData) => void = () => undefined): Promise<Running> {
  const interactive = await startFakeXtsInteractive({ instruments: FAKE_XTS_MD_INSTRUMENTS.map(({ segment, exchangeInstrumentId, tradingSymbol }) => ({ segment, exchangeInstrumentId, tradingSymbol })) });
  const marketData = await startFakeXtsMarketData({ instruments: FAKE_XTS_MD_INSTRUMENTS, indices: INDICES });
  cleanups.push(() => interactive.close(), () => marketData.close());
  prepare(marketData);
  const account = {
    id: BrokerAccountIdSchema.parse(crypto.randomUUID()),
    name: 'XTS on fakes',
    broker: 'XTS',
    rootUrl: interactive.url,
    marketDataUrl: marketData.url,
    interactiveAppKey: interactive.appKey,
    marketDataAppKey: marketData.appKey,
  } as BrokerAccount;
  const statuses: LinkStatus[] = [];
  const warnings: string[] = [];
  const link = new XtsAccountLink({
    brokerAccountId: account.id,
    accountId: asAccountId(crypto.randomUUID()),
    credentials: async () => ({ account, apiSecret: null, interactiveSecret: new Secret(interactive.secretKey), marketDataSecret: new Secret(marketData.secretKey), accessToken: null }),
    simulated: null,
    logger: { info: () => undefined, warn: (_details, message) => warnings.push(message) },
    onStatus: (status) => statuses.push(status),
    pollMs: 50,
  });
  cleanups.push(() => link.close());
  await link.start();
  expect(link.status()).toEqual({ connection: 'CONNECTED', message: null });
  return { link, marketData, interactive, statuses, warnings };
}

describe('XtsAccountLink market data', () => {
  it('reads both cash segments’ index lists at login and lists the indices of the exchanges asked for beside the master', async () => {
    const { link, marketData, warnings } = await connectedLink();
    const asked = marketData.requests.filter((request) => request.path === '/instruments/indexlist');
    expect(asked.map((request) => [request.method, request.query['exchangeSegment'], request.status])).toEqual([
      ['GET', '1', 200],
      ['GET', '11', 200],
    ]);
    expect(warnings).toEqual([]);

    const nse = await link.marketData(['NFO', 'NSE']);
    expect(nse.session).toEqual({ protocol: 'XTS', rootUrl: marketData.url, appKey: marketData.appKey, secretKey: marketData.secretKey });
    expect(nse.contracts.map((contract) => [contract.id, contract.kind, contract.underlying, contract.feedKey])).toEqual([
      ['NFO:NIFTY26DECFUT', 'FUTURE', 'NIFTY', 'NSEFO:35003'],
      ['NFO:NIFTY26DEC24000CE', 'CALL', 'NIFTY', 'NSEFO:43650'],
      ['NFO:NIFTY26DEC24000PE', 'PUT', 'NIFTY', 'NSEFO:43651'],
      ['NSE:NIFTY 50', 'INDEX', 'NIFTY', 'NSECM:26000'],
      ['NSE:NIFTY BANK', 'INDEX', 'BANKNIFTY', 'NSECM:26001'],
    ]);
    expect((await link.marketData(['BSE'])).contracts.map((contract) => [contract.id, contract.feedKey])).toEqual([['BSE:SENSEX', 'BSECM:1']]);
    expect((await link.marketData(['NFO'])).contracts.every((contract) => contract.kind !== 'INDEX')).toBe(true);
  });

  it('a broker without the index list still logs in, with a warning, and lists no indices', async () => {
    const { link, marketData, statuses, warnings } = await connectedLink((fake) => {
      fake.faults.noIndexList = true;
    });
    expect(marketData.requests.filter((request) => request.path === '/instruments/indexlist').map((request) => request.status)).toEqual([404, 404]);
    expect(warnings.filter((message) => /index list could not be read/.test(message))).toHaveLength(2);
    expect(statuses.at(-1)?.connection).toBe('CONNECTED');
    const { contracts } = await link.marketData(['NFO', 'NSE', 'BSE']);
    expect(contracts.map((contract) => contract.id)).toEqual(['NFO:NIFTY26DECFUT', 'NFO:NIFTY26DEC24000CE', 'NFO:NIFTY26DEC24000PE']);
  });
});
