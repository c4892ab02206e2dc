import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKiteHarness, type KiteHarness } from '../fake/fake-kite-harness.ts';
import { csvRows, parseInstrumentsCsv } from './kite-instruments.ts';

/** The instrument master: Kite's gzipped CSV into our instruments (lot size, tick and strike in paise, expiry). */
let h: KiteHarness;
beforeEach(async () => {
  h = await startKiteHarness();
});
afterEach(async () => h.close());

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('instruments CSV import', () => {
  it('is served gzipped by the fake', async () => {
    const { headers, body } = await rawGet(`${h.fake.url}/instruments`, { 'X-Kite-Version': '3', Authorization: `token ${h.fake.apiKey}:${h.fake.accessToken}` });
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers['content-type']).toBe('text/csv');
    expect(gunzipSync(body).toString('utf8').split('\r\n')[0]).toBe('instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange');
  });

  it('keeps indices, futures and options with lot size, tick and strike in paise, expiry and series', async () => {
    const { instruments, skipped } = await h.client.instruments();
    // INFY, BHARATFORG (equities), a currency and a commodity future are not in our universe.
    expect(skipped).toBe(4);
    expect(instruments).toHaveLength(2 + 1 + 2 * 9 * 2);
    const byId = new Map(instruments.map((i) => [i.id, i]));
    expect(byId.get('NFO:NIFTY26DEC23800CE' as never)).toMatchObject({
      exchange: 'NFO',
      tradingSymbol: 'NIFTY26DEC23800CE',
      underlying: 'NIFTY',
      kind: 'CALL',
      expiry: '2026-12-29',
      expiryType: 'MONTHLY',
      strike: 2_380_000,
      lotSize: 65,
      tickSize: 5,
      tradable: true,
    });
    expect(byId.get('NFO:NIFTY26D2224200PE' as never)).toMatchObject({ kind: 'PUT', expiry: '2026-12-22', expiryType: 'WEEKLY', strike: 2_420_000 });
    expect(byId.get('NFO:NIFTY26DECFUT' as never)).toMatchObject({ kind: 'FUTURE', strike: null, expiryType: 'MONTHLY', lotSize: 65 });
    expect(byId.get('NSE:NIFTY 50' as never)).toMatchObject({ kind: 'INDEX', underlying: 'NIFTY', tradable: false, instrumentToken: 256265, expiry: null });
    // Kite's token layout: the low byte is the segment (2 = NFO).
    expect(instruments.filter((i) => i.exchange === 'NFO').every((i) => (i.instrumentToken & 0xff) === 2)).toBe(true);
  });

  it('downloads one exchange', async () => {
    const { instruments, skipped } = await h.client.instruments('NFO');
    expect(skipped).toBe(0);
    expect(instruments.every((i) => i.exchange === 'NFO')).toBe(true);
  });

  it('reads quoted fields, a reordered header and old files without underlying names', () => {
    expect([...csvRows('a,"b, c","d ""e"""\r\n1,2,3')]).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    const csv = [
      'exchange,segment,instrument_type,lot_size,tick_size,strike,expiry,last_price,name,tradingsymbol,exchange_token,instrument_token',
      'NFO,NFO-OPT,CE,40,0.05,23500.0,2018-01-25,2528.4,,BANKNIFTY18JAN23500CE,47164,12073986',
      'NSE,NSE,EQ,1,0.05,0.0,,0.0,"ADANI PORT & SEZ, LTD",ADANIPORTS,15083,3861249',
    ].join('\n');
    const { instruments, skipped } = parseInstrumentsCsv(csv);
    expect(skipped).toBe(1);
    expect(instruments).toEqual([expect.objectContaining({ id: 'NFO:BANKNIFTY18JAN23500CE', underlying: 'BANKNIFTY', strike: 2_350_000, lotSize: 40, tickSize: 5, instrumentToken: 12073986 })]);
    expect(() => parseInstrumentsCsv('instrument_token,tradingsymbol\n1,X')).toThrow(/lacks columns/);
  });
});
