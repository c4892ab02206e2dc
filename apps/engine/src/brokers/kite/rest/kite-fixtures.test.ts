import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KITE_FIXTURES_DIR, kiteFixturesAvailable } from '../../../testing/shared-fixtures.ts';
import { asAccountId, asInstrumentId } from '@strikedesk/domain';
import { KiteClient } from './kite-client.ts';
import { SkippingClock } from './kite-clock.ts';

/**
 * Our schemas and mappings read Zerodha's published sample payloads (kiteconnect-mocks), served
 * as Kite would serve them. The samples sit beside the project (../shared/fixtures/kite) on CI and
 * developers' machines but are not shipped with it, so this is skipped without them.
 */
const FIXTURES = KITE_FIXTURES_DIR;
const present = kiteFixturesAvailable();

const FILE_BY_PATH: Record<string, string> = {
  '/orders': 'orders.json',
  '/orders/171229000724687': 'order_info.json',
  '/orders/200000000000000/trades': 'order_trades.json',
  '/trades': 'trades.json',
  '/portfolio/positions': 'positions.json',
  '/user/margins': 'margins.json',
  '/margins/basket': 'basket_margins.json',
  '/quote': 'quote.json',
  '/quote/ltp': 'ltp.json',
  '/quote/ohlc': 'ohlc.json',
  '/instruments/historical/5633/minute': 'historical_oi.json',
  '/session/token': 'generate_session.json',
  '/user/profile': 'profile.json',
  '/instruments': 'instruments_all.csv',
};

const servingFixtures: typeof fetch = async (input) => {
  const path = new URL(String(input)).pathname;
  const file = FILE_BY_PATH[path];
  if (!file) return new Response(JSON.stringify({ status: 'error', message: 'no such fixture', error_type: 'GeneralException' }), { status: 404, headers: { 'Content-Type': 'application/json' } });
  const bytes = readFileSync(`${FIXTURES}${file}`);
  // The CSV as the raw gzip file, without Content-Encoding: the client must un-gzip it itself.
  if (file.endsWith('.csv')) return new Response(gzipSync(bytes), { headers: { 'Content-Type': 'text/csv' } });
  return new Response(bytes, { headers: { 'Content-Type': 'application/json' } });
};

const client = () => new KiteClient({ baseUrl: 'http://kite.invalid', apiKey: 'XXXXXX', accessToken: 'token', fetch: servingFixtures, clock: new SkippingClock() });

describe.skipIf(!present)("Kite's published payloads read through our client", () => {
  it('orders: ours where mappable, the rest kept with nulls', async () => {
    const orders = await client().orders();
    expect(orders).toHaveLength(10);
    const nifty = orders.find((o) => o.brokerOrderId === '1953367517686685697');
    expect(nifty).toMatchObject({ instrumentId: 'NFO:NIFTY2580724400CE', product: 'NRML', type: 'MARKET', status: 'FILLED', averagePrice: 1_230, filledQuantity: 150, clientOrderId: null });
    expect(orders.find((o) => o.brokerOrderId === '700000000000000')).toMatchObject({ instrumentId: null, symbol: 'MCX:GOLDPETAL21JUNFUT', price: 485_400 });
    expect(orders.find((o) => o.brokerOrderId === '220524001859672')).toMatchObject({ status: 'REJECTED', reasonMessage: expect.stringMatching(/^Insufficient funds/), clientOrderId: 'icebergord' });
    const books = await client().books(asAccountId('7c0a3b4e-1f2d-4c5b-9a8e-6d7f8a9b0c1d'));
    expect(books.orders).toHaveLength(0);
    expect(books.unmatched.orders).toHaveLength(10);
  });

  it('order history, trades, positions, margins, basket margins', async () => {
    const history = await client().orderHistory('171229000724687');
    expect(history.map((h) => h.venueStatus)).toEqual([
      'PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING', 'OPEN', 'MODIFY VALIDATION PENDING', 'MODIFY PENDING', 'MODIFIED', 'OPEN',
    ]);
    expect(history.at(-1)).toMatchObject({ price: 30_010, instrumentId: 'NSE:SBIN' });
    expect((await client().orderTrades('200000000000000'))[0]).toMatchObject({ tradeId: '10000000', price: 485_200, executedAt: expect.any(Number) });
    const trades = await client().trades();
    expect(trades.map((t) => t.price)).toEqual([42_065, 7_276, 485_200, 485_200]);
    const positions = await client().positions();
    expect(positions.net.map((p) => [p.symbol, p.netQuantity, p.product])).toEqual([
      ['MCX:LEADMINI17DECFUT', 1, 'NRML'],
      ['MCX:GOLDGUINEA17DECFUT', 0, 'NRML'],
      ['NSE:SBIN', 0, null],
    ]);
    expect(positions.day[0]).toMatchObject({ netQuantity: -3, averagePrice: 2_334_000, pnl: -9_300 });
    const margins = await client().margins();
    expect(margins.equity).toMatchObject({ net: 9_972_505, available: { cash: 24_543_160 }, utilised: { span: 10_198_900 } });
    const basket = await client().basketMargins([{ instrumentId: asInstrumentId('NFO:NIFTY23JUL20600CE'), side: 'SELL', type: 'MARKET', product: 'NRML', quantity: 50, price: null, triggerPrice: null }]);
    expect(basket.final).toMatchObject({ optionPremium: -215_250, total: 3_478_673 });
    expect(basket.orders[0]).toMatchObject({ instrumentId: 'NFO:NIFTY23JUL20600CE', charges: 2_685 });
  });

  it('quotes, LTP, OHLC, candles', async () => {
    const infy = asInstrumentId('NSE:INFY');
    const quote = (await client().quotes([infy])).get(infy);
    expect(quote).toMatchObject({ lastPrice: 141_295, bid: null, ask: 141_295, bids: [], previousClose: 138_965, volume: 7_360_198, upperCircuitLimit: 152_860 });
    expect(quote?.asks).toEqual([{ price: 141_295, quantity: 5_191, orders: 13 }]);
    expect((await client().ltp([infy])).get(infy)?.lastPrice).toBe(107_435);
    expect((await client().ohlc([infy])).get(infy)).toMatchObject({ open: 108_580, close: 107_580 });
    const candles = await client().historicalCandles({ instrumentToken: 5633, interval: 'minute', from: 0, to: 1, openInterest: true });
    expect(candles[0]).toEqual({ at: Date.UTC(2019, 11, 4, 3, 45), open: 1_200_990, high: 1_201_935, low: 1_200_125, close: 1_200_150, volume: 163_275, openInterest: 13_667_775 });
  });

  it('session and the instruments file', async () => {
    const kite = client();
    const session = await kite.generateSession('request-token', 'secret');
    expect(session).toMatchObject({ userId: 'XX0000', accessToken: 'XXXXXX', refreshToken: null, loginTime: Date.UTC(2021, 0, 1, 10, 45, 14) });
    expect((await kite.profile()).userId).toBe('AB1234');
    const { instruments, skipped } = await kite.instruments();
    expect(instruments.length).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
    expect(instruments.find((i) => i.id === 'NFO:BANKNIFTY18JAN23500CE')).toMatchObject({ underlying: 'BANKNIFTY', kind: 'CALL', strike: 2_350_000, lotSize: 40, tickSize: 5, expiry: '2018-01-25' });
  });
});
