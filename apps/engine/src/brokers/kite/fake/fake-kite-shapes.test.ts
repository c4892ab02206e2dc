import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KITE_FIXTURES_DIR, kiteFixturesAvailable } from '../../../testing/shared-fixtures.ts';
import { startFakeKiteServer, type RunningFakeKite } from './fake-kite-server.ts';

/**
 * The fake's payloads have the shapes of Zerodha's published samples (kiteconnect-mocks), where a
 * copy of them sits beside the project (../shared/fixtures/kite: CI and developers' machines; not
 * shipped with the project, so skipped without it). Same keys, same nesting — the values are ours.
 */
const FIXTURES = KITE_FIXTURES_DIR;
const present = kiteFixturesAvailable();
const fixture = (name: string): unknown => (JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8')) as { data: unknown }).data;
const keys = (value: unknown): string[] => Object.keys(value as object).sort();
const union = (items: unknown[]): Set<string> => new Set(items.flatMap((item) => keys(item)));
const intersection = (items: unknown[]): string[] => keys(items[0]).filter((key) => items.every((item) => key in (item as object)));

describe.skipIf(!present)("fake Kite payloads match Kite's published shapes", () => {
  let fake: RunningFakeKite;
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${fake.url}${path}`, { headers: { 'X-Kite-Version': '3', Authorization: `token ${fake.apiKey}:${fake.accessToken}` } });
    return ((await response.json()) as { data: unknown }).data;
  };
  beforeAll(async () => {
    fake = await startFakeKiteServer();
    const headers = { 'X-Kite-Version': '3', Authorization: `token ${fake.apiKey}:${fake.accessToken}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams({ exchange: 'NFO', tradingsymbol: 'NIFTY26DEC24000CE', transaction_type: 'BUY', order_type: 'MARKET', quantity: '65', product: 'NRML', validity: 'DAY', tag: 'shape1' });
    await fetch(`${fake.url}/orders/regular`, { method: 'POST', headers, body });
  });
  afterAll(async () => fake?.close());

  it('orders, order history, trades', async () => {
    const real = fixture('orders.json') as unknown[];
    const [ours] = (await get('/orders')) as unknown[];
    expect(intersection(real).filter((key) => !(key in (ours as object)))).toEqual([]);
    expect(keys(ours).filter((key) => !union(real).has(key))).toEqual([]);
    const history = (await get(`/orders/${String((ours as { order_id: string }).order_id)}`)) as unknown[];
    expect(intersection(fixture('order_info.json') as unknown[]).filter((key) => !(key in (history[0] as object)))).toEqual([]);
    const [trade] = (await get('/trades')) as unknown[];
    expect(keys(trade)).toEqual(keys((fixture('trades.json') as unknown[])[0]));
    expect(keys(trade)).toEqual(keys((fixture('order_trades.json') as unknown[])[0]));
  });

  it('positions and margins', async () => {
    const positions = (await get('/portfolio/positions')) as { net: unknown[]; day: unknown[] };
    const real = fixture('positions.json') as { net: unknown[] };
    expect(keys(positions)).toEqual(['day', 'net']);
    expect(keys(positions.net[0])).toEqual(keys(real.net[0]));
    const margins = (await get('/user/margins')) as Record<string, Record<string, unknown>>;
    const realMargins = fixture('margins.json') as Record<string, Record<string, unknown>>;
    expect(keys(margins)).toEqual(keys(realMargins));
    expect(keys(margins['equity'])).toEqual(keys(realMargins['equity']));
    expect(keys(margins['equity']?.['available'])).toEqual(keys(realMargins['equity']?.['available']));
    expect(keys(margins['equity']?.['utilised'])).toEqual(keys(realMargins['equity']?.['utilised']));
    expect(keys(await get('/user/margins/equity'))).toEqual(keys(fixture('margins_equity.json')));
  });

  it('basket margins', async () => {
    const response = await fetch(`${fake.url}/margins/basket?consider_positions=true`, {
      method: 'POST',
      headers: { 'X-Kite-Version': '3', Authorization: `token ${fake.apiKey}:${fake.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ exchange: 'NFO', tradingsymbol: 'NIFTY26DEC24000CE', transaction_type: 'SELL', variety: 'regular', product: 'NRML', order_type: 'MARKET', quantity: 65, price: 0, trigger_price: 0 }]),
    });
    const ours = ((await response.json()) as { data: Record<string, Record<string, unknown>[] & Record<string, unknown>> }).data;
    const real = fixture('basket_margins.json') as typeof ours;
    expect(keys(ours)).toEqual(keys(real));
    expect(keys(ours['initial'])).toEqual(keys(real['initial']));
    expect(keys(ours['orders']?.[0])).toEqual(keys(real['orders']?.[0]));
    expect(keys((ours['orders']?.[0] as Record<string, unknown>)['charges'])).toEqual(keys((real['orders']?.[0] as Record<string, unknown>)['charges']));
    expect(keys(ours['charges'])).toEqual(keys(real['charges']));
  });

  it('quote, LTP, OHLC, candles', async () => {
    const quote = (await get('/quote?i=NFO:NIFTY26DEC24000CE')) as Record<string, Record<string, unknown>>;
    const realQuote = (fixture('quote.json') as Record<string, Record<string, unknown>>)['NSE:INFY'];
    const ours = quote['NFO:NIFTY26DEC24000CE'];
    expect(keys(ours)).toEqual(keys(realQuote));
    expect(keys(ours?.['depth'])).toEqual(keys(realQuote?.['depth']));
    expect(keys((ours?.['depth'] as { buy: unknown[] }).buy[0])).toEqual(keys((realQuote?.['depth'] as { buy: unknown[] }).buy[0]));
    const ltp = (await get('/quote/ltp?i=NFO:NIFTY26DEC24000CE')) as Record<string, unknown>;
    expect(keys(ltp['NFO:NIFTY26DEC24000CE'])).toEqual(keys((fixture('ltp.json') as Record<string, unknown>)['NSE:INFY']));
    const ohlc = (await get('/quote/ohlc?i=NFO:NIFTY26DEC24000CE')) as Record<string, unknown>;
    expect(keys(ohlc['NFO:NIFTY26DEC24000CE'])).toEqual(keys((fixture('ohlc.json') as Record<string, unknown>)['NSE:INFY']));
    const candles = (await get('/instruments/historical/256265/minute?from=2026-12-21+09:15:00&to=2026-12-21+09:16:00&oi=1')) as { candles: unknown[][] };
    const real = fixture('historical_oi.json') as { candles: unknown[][] };
    expect(candles.candles[0]).toHaveLength(real.candles[0]!.length);
    expect(String(candles.candles[0]?.[0])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0530$/);
  });

  it('session, profile, instruments CSV header', async () => {
    const requestToken = fake.issueRequestToken();
    const { sessionChecksum } = await import('../rest/kite-session.ts');
    const response = await fetch(`${fake.url}/session/token`, {
      method: 'POST',
      headers: { 'X-Kite-Version': '3', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: fake.apiKey, request_token: requestToken, checksum: sessionChecksum(fake.apiKey, requestToken, fake.apiSecret) }),
    });
    const session = ((await response.json()) as { data: unknown }).data;
    expect(keys(session)).toEqual(keys(fixture('generate_session.json')));
    expect(keys(await get('/user/profile'))).toEqual(keys(fixture('profile.json')));
    const csv = await fetch(`${fake.url}/instruments`, { headers: { 'X-Kite-Version': '3', Authorization: `token ${fake.apiKey}:${fake.accessToken}` } });
    const text = await csv.text();
    const real = readFileSync(`${FIXTURES}instruments_all.csv`, 'utf8');
    expect(text.split('\n')[0]).toBe(real.split('\n')[0]);
  });

  it('postbacks', () => {
    const updates: Record<string, unknown>[] = [];
    fake.onOrderUpdate((payload) => updates.push(payload));
    fake.book.place({ ...fake.book.orders[0]!, tag: 'shape2' });
    const real = JSON.parse(readFileSync(`${FIXTURES}postback.json`, 'utf8')) as object;
    expect(keys(real).filter((key) => !(key in (updates.at(-1) as object)))).toEqual([]);
  });
});
