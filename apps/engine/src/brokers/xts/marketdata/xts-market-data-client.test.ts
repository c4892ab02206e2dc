import { afterEach, describe, expect, it } from 'vitest';
import { asInstrumentId, DomainError, TickSchema } from '@strikedesk/domain';
import { startXtsMdHarness, type XtsMdHarness } from '../fake/fake-xts-md-harness.ts';
import { xtsErrorDetails } from '../xts-errors.ts';
import type { XtsInstrumentRef } from '../xts-instrument-directory.ts';
import { isAlreadySubscribed, XtsMarketDataClient } from './xts-market-data-client.ts';
import { toTick } from './to-tick.ts';

const FUT: XtsInstrumentRef = { segment: 'NSEFO', exchangeInstrumentId: 35003 };
const CALL: XtsInstrumentRef = { segment: 'NSEFO', exchangeInstrumentId: 43650 };
const PUT: XtsInstrumentRef = { segment: 'NSEFO', exchangeInstrumentId: 43651 };
const NIFTY_50: XtsInstrumentRef = { segment: 'NSECM', exchangeInstrumentId: 26000 };
const INDICES = [
  { segment: 'NSECM', exchangeInstrumentId: 26000, name: 'NIFTY 50', valuePaise: 2_598_765 },
  { segment: 'NSECM', exchangeInstrumentId: 26001, name: 'NIFTY BANK', valuePaise: 5_901_230 },
  { segment: 'BSECM', exchangeInstrumentId: 1, name: 'SENSEX', valuePaise: 8_512_340 },
] as const;
// 2026-12-01 10:15:30 IST
const AT = Date.UTC(2026, 11, 1, 4, 45, 30);

/** The most requests that arrived within any `windowMs` (sliding, inclusive of its start). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    let end = start;
    while (end + 1 < sorted.length && (sorted[end + 1] ?? Infinity) - (sorted[start] ?? 0) < windowMs) end += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('XtsMarketDataClient against the fake XTS Market Data API', () => {
  let harness: XtsMdHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  const requestsTo = (path: string, method = 'POST') => harness?.fake.requests.filter((request) => request.path === path && request.method === method) ?? [];

  it('logs in with appKey/secretKey and source WEBAPI under the configured prefix; bad credentials are refused', async () => {
    const running = (harness = await startXtsMdHarness({ login: false, fake: { prefix: '/marketdata' } }));
    const session = await running.client.login();
    expect(session).toEqual({ token: running.client.token, userID: 'XTS01' });
    expect(running.client.socketPath).toBe('/marketdata/socket.io');
    expect(requestsTo('/auth/login')[0]?.body).toEqual({ appKey: running.fake.appKey, secretKey: running.fake.secretKey, source: 'WEBAPI' });
    const wrong = running.newClient({ appKey: 'nope' });
    await expect(wrong.login()).rejects.toMatchObject({ code: 'BROKER_INPUT_REJECTED', details: { xtsCode: 'e-app-001', httpStatus: 400 } });
  });

  it('subscribe sends segment numbers and the message code, and returns the snapshot from listQuotes (paise, 1980-based time, depth)', async () => {
    const running = (harness = await startXtsMdHarness());
    running.fake.setPrice(43650, {
      lastPaise: 24_535,
      closePaise: 23_840,
      openPaise: 24_000,
      highPaise: 25_010,
      lowPaise: 23_905,
      volume: 1_500,
      bids: [
        { pricePaise: 24_530, size: 150, orders: 2 },
        { pricePaise: 24_525, size: 300, orders: 4 },
      ],
      asks: [{ pricePaise: 24_540, size: 75, orders: 1 }],
      updatedAt: AT,
    });
    const { quotes, alreadySubscribed } = await running.client.subscribe(1502, [CALL]);
    expect(alreadySubscribed).toEqual([]);
    expect(requestsTo('/instruments/subscription')[0]?.body).toEqual({ instruments: [{ exchangeSegment: 2, exchangeInstrumentID: 43650 }], xtsMessageCode: 1502 });
    expect(running.fake.subscribed(1502)).toEqual(['2_43650']);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ segmentCode: 2, exchangeInstrumentId: 43650, lastPrice: 24_535, close: 23_840, open: 24_000, high: 25_010, low: 23_905, volume: 1_500, timestamp: AT });
    expect(quotes[0]?.bids).toEqual([
      { price: 24_530, quantity: 150, orders: 2 },
      { price: 24_525, quantity: 300, orders: 4 },
    ]);
    expect(quotes[0]?.asks).toEqual([{ price: 24_540, quantity: 75, orders: 1 }]);
  });

  it('"Instrument Already Subscribed !" is success: the snapshot comes from quotes; a mixed batch is split instrument by instrument', async () => {
    const running = (harness = await startXtsMdHarness());
    await running.client.subscribe(1501, [CALL]);
    running.fake.setPrice(43650, { lastPaise: 25_000, updatedAt: AT });
    const again = await running.client.subscribe(1501, [CALL]);
    expect(again.alreadySubscribed).toEqual([CALL]);
    expect(again.quotes[0]).toMatchObject({ exchangeInstrumentId: 43650, lastPrice: 25_000 });
    expect(requestsTo('/instruments/quotes')[0]?.body).toMatchObject({ xtsMessageCode: 1501, publishFormat: 'JSON' });

    // The fake, like XTS may, refuses the whole batch when one instrument is already there.
    const mixed = await running.client.subscribe(1501, [CALL, PUT]);
    expect(mixed.alreadySubscribed).toEqual([CALL]);
    expect(mixed.quotes.map((state) => state.exchangeInstrumentId).sort()).toEqual([43650, 43651]);
    expect(running.fake.subscribed(1501).sort()).toEqual(['2_43650', '2_43651']);
  });

  it('a subscription-limit refusal that also says "already subscribed" is not mistaken for success', () => {
    const details = (brokerMessage: string, xtsCode: string | null) =>
      new DomainError('BROKER_INPUT_REJECTED', undefined, { outcome: 'refused', source: 'server', httpStatus: 400, xtsCode, brokerMessage, raw: null });
    expect(isAlreadySubscribed(details('Instrument Already Subscribed !', 'e-session-0002'))).toBe(true);
    expect(isAlreadySubscribed(details('Exceeded Instrument Subscription Limit of 50.You have already subscribed 50/50 and you are trying subscribe 51 Instrument.', null))).toBe(false);
    expect(isAlreadySubscribed(details('Invalid Token', null))).toBe(false);
  });

  it('unsubscribe is a PUT on the same path with the same body', async () => {
    const running = (harness = await startXtsMdHarness());
    await running.client.subscribe(1512, [FUT, CALL]);
    await running.client.unsubscribe(1512, [FUT]);
    expect(requestsTo('/instruments/subscription', 'PUT')[0]?.body).toEqual({ instruments: [{ exchangeSegment: 2, exchangeInstrumentID: 35003 }], xtsMessageCode: 1512 });
    expect(running.fake.subscribed(1512)).toEqual(['2_43650']);
  });

  it('quotes: full touchline and the flat 1512 LTP message both parse', async () => {
    const running = (harness = await startXtsMdHarness());
    running.fake.setPrice(35003, { lastPaise: 2_600_005, lastQuantity: 150, closePaise: 2_590_000, updatedAt: AT });
    const [touchline] = await running.client.quotes(1501, [FUT]);
    expect(touchline).toMatchObject({ lastPrice: 2_600_005, lastQuantity: 150, close: 2_590_000, timestamp: AT });
    expect(touchline?.bids).toHaveLength(1);
    const [ltp] = await running.client.quotes(1512, [FUT]);
    expect(ltp).toMatchObject({ lastPrice: 2_600_005, lastQuantity: 150, timestamp: AT, close: null, bids: [] });
  });

  it('downloads the instrument master for the asked segments and parses it, FreezeQty included', async () => {
    const running = (harness = await startXtsMdHarness());
    const { instruments, skipped } = await running.client.master(['NSEFO']);
    expect(requestsTo('/instruments/master')[0]?.body).toEqual({ exchangeSegmentList: ['NSEFO'] });
    expect(skipped).toBe(0);
    expect(instruments.map((row) => row.id).sort()).toEqual(['NFO:NIFTY26DEC24000CE', 'NFO:NIFTY26DEC24000PE', 'NFO:NIFTY26DECFUT']);
    // NSE writes the freeze limit + 1 (1801 for 24 lots of 75): the largest allowed order is 1800.
    expect(instruments.find((row) => row.id === 'NFO:NIFTY26DEC24000CE')).toMatchObject({ kind: 'CALL', strike: 2_400_000, lotSize: 75, tickSize: 5, freezeQuantity: 1_800, expiry: '2026-12-29', exchangeInstrumentId: 43650 });
    expect(instruments.find((row) => row.id === 'NFO:NIFTY26DECFUT')).toMatchObject({ kind: 'FUTURE', tickSize: 10, freezeQuantity: 1_800 });
  });

  it('indexList asks GET /instruments/indexlist with the segment number and reads "NAME_ID" entries', async () => {
    const running = (harness = await startXtsMdHarness({ fake: { indices: [...INDICES] } }));
    expect(await running.client.indexList('NSECM')).toEqual([
      { name: 'NIFTY 50', exchangeInstrumentId: 26000 },
      { name: 'NIFTY BANK', exchangeInstrumentId: 26001 },
    ]);
    expect(await running.client.indexList('BSECM')).toEqual([{ name: 'SENSEX', exchangeInstrumentId: 1 }]);
    expect(requestsTo('/instruments/indexlist', 'GET').map((request) => request.query)).toEqual([{ exchangeSegment: '1' }, { exchangeSegment: '11' }]);
  });

  it('indexList skips malformed entries and keeps the rest; a missing list is empty', async () => {
    const answers = [
      { exchangeSegment: '1', indexList: ['NIFTY 50_26000', 42, 'NO ID', 'NIFTY BANK_', { name: 'X' }, 'NIFTY BANK_26001'] },
      { exchangeSegment: 1 },
    ];
    const urls: string[] = [];
    const fetchStub: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ type: 'success', code: 's-instrument-0007', description: 'Index List successfully', result: answers.shift() }), { headers: { 'Content-Type': 'application/json' } });
    };
    const client = new XtsMarketDataClient({ rootUrl: 'http://127.0.0.1:9', apiPrefix: '/marketdata', appKey: 'k', secretKey: 's', fetch: fetchStub });
    client.http.setToken('t');
    expect(await client.indexList('NSECM')).toEqual([
      { name: 'NIFTY 50', exchangeInstrumentId: 26000 },
      { name: 'NIFTY BANK', exchangeInstrumentId: 26001 },
    ]);
    expect(await client.indexList('BSECM')).toEqual([]);
    expect(urls).toEqual(['http://127.0.0.1:9/marketdata/instruments/indexlist?exchangeSegment=1', 'http://127.0.0.1:9/marketdata/instruments/indexlist?exchangeSegment=11']);
  });

  it('an index subscribes like any instrument (NSECM = 1); its touchline and its 1502 carry the value and no book', async () => {
    const running = (harness = await startXtsMdHarness({ fake: { indices: [...INDICES] } }));
    running.fake.setIndex(26000, { lastPaise: 2_601_005, closePaise: 2_590_000, updatedAt: AT });
    const touchline = await running.client.subscribe(1501, [NIFTY_50]);
    expect(requestsTo('/instruments/subscription')[0]?.body).toEqual({ instruments: [{ exchangeSegment: 1, exchangeInstrumentID: 26000 }], xtsMessageCode: 1501 });
    expect(running.fake.subscribed(1501)).toEqual(['1_26000']);
    expect(touchline.quotes).toEqual([expect.objectContaining({ segmentCode: 1, exchangeInstrumentId: 26000, lastPrice: 2_601_005, close: 2_590_000, volume: 0, timestamp: AT, bids: [], asks: [] })]);
    const [depth] = await running.client.quotes(1502, [NIFTY_50]);
    expect(depth).toMatchObject({ lastPrice: 2_601_005, bids: [], asks: [] });
    for (const state of [touchline.quotes[0], depth]) {
      const tick = toTick(asInstrumentId('NSE:NIFTY 50'), state!, 0);
      expect(TickSchema.parse(tick)).toMatchObject({ lastPrice: 2_601_005, previousClose: 2_590_000, bid: null, ask: null, bids: [], asks: [], volume: 0 });
    }
  });

  it('token-expiry: an invalid token is BROKER_SESSION_EXPIRED, ends the session once, and later requests are refused unsent', async () => {
    const running = (harness = await startXtsMdHarness());
    const ends: DomainError[] = [];
    running.client.http.onSessionEnded((error) => ends.push(error));
    running.fake.expireToken();
    await expect(running.client.subscribe(1501, [CALL])).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED', details: { httpStatus: 400, brokerMessage: 'Invalid Token' } });
    const sent = running.fake.requests.length;
    await expect(running.client.quotes(1501, [CALL])).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    expect(running.fake.requests.length).toBe(sent);
    expect(ends).toHaveLength(1);
    expect(requestsTo('/auth/login')).toHaveLength(1);
  });

  it('a 429 burst: subscribe and quotes are retried with backoff and succeed; login is never retried', async () => {
    const running = (harness = await startXtsMdHarness());
    running.fake.faults.rateLimitNext = 2;
    await running.client.subscribe(1501, [CALL]);
    expect(requestsTo('/instruments/subscription').map((request) => request.status)).toEqual([429, 429, 200]);
    running.fake.faults.rateLimitNext = 1;
    expect(await running.client.quotes(1501, [CALL])).toHaveLength(1);
    running.fake.faults.rateLimitNext = 1;
    const other = running.newClient();
    await expect(other.login()).rejects.toMatchObject({ code: 'BROKER_RATE_LIMITED' });
    expect(requestsTo('/auth/login')).toHaveLength(2);
  });

  it('rate-limit-never-exceeded: a burst of quotes is spaced to the configured limit, so a server enforcing it never answers 429', async () => {
    const windowMs = 300;
    const running = (harness = await startXtsMdHarness({ fake: { limits: { '/instruments/quotes': { limit: 2, windowMs } } } }));
    const limited = running.newClient({ rateLimits: { quotes: { limit: 2, windowMs, maxWaitMs: 10_000 } } });
    await limited.login();
    const results = await Promise.all(Array.from({ length: 8 }, () => limited.quotes(1501, [CALL])));
    expect(results.every((rows) => rows.length === 1)).toBe(true);
    const arrivals = requestsTo('/instruments/quotes').map((request) => request.at);
    expect(arrivals).toHaveLength(8);
    expect(running.fake.stats.tooManyRequests).toBe(0);
    expect(maxInWindow(arrivals, windowMs)).toBeLessThanOrEqual(2);

    // The same burst without our limit does trip the server's: the check above can fail.
    const unlimited = running.newClient({ retry: { maxRetries: 0, initialDelayMs: 1, maxDelayMs: 1 } });
    await unlimited.login();
    const settled = await Promise.allSettled(Array.from({ length: 8 }, () => unlimited.quotes(1501, [CALL])));
    expect(settled.some((result) => result.status === 'rejected')).toBe(true);
    expect(running.fake.stats.tooManyRequests).toBeGreaterThan(0);
  });

  it('a request that would wait past maxWaitMs is refused at once, unsent, as BROKER_RATE_LIMITED', async () => {
    const running = (harness = await startXtsMdHarness());
    const limited = running.newClient({ rateLimits: { quotes: { limit: 1, windowMs: 1_000, maxWaitMs: 1_500 } } });
    await limited.login();
    const settled = await Promise.allSettled(Array.from({ length: 4 }, () => limited.quotes(1501, [CALL])));
    const refused = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) expect(error).toMatchObject({ code: 'BROKER_RATE_LIMITED', details: { source: 'client' } });
    expect(xtsErrorDetails(refused[0])?.outcome).toBe('refused');
    expect(requestsTo('/instruments/quotes')).toHaveLength(4 - refused.length);
  });
});
