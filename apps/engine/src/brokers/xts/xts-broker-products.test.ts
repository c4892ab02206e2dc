import { afterEach, describe, expect, it } from 'vitest';
import { asInstrumentId } from '@strikedesk/domain';
import { FAKE_XTS_INSTRUMENTS, XTS_TEST_ACCOUNT } from './fake/fake-xts-harness.ts';
import { startFakeXtsInteractive } from './fake/fake-xts-interactive.ts';
import { XtsInteractiveClient } from './interactive/xts-interactive-client.ts';
import { XtsInstrumentDirectory } from './xts-instrument-directory.ts';
import { XtsBroker } from './xts-broker.ts';

/**
 * The same XTS login often carries the trader's delivery (CNC) equity besides the F&O the terminal
 * trades. Kite's adapter leaves products we do not trade out of the books; XTS's must too, or
 * reconciliation compares a CNC holding with the journal as if it were an NRML position.
 */
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const INFY = { segment: 'NSECM' as const, exchangeInstrumentId: 1594, tradingSymbol: 'INFY' };

describe('XtsBroker books and products it does not trade', () => {
  it('a CNC buy made in the broker’s own app is not reported as an NRML position (nor as an order or trade of ours)', async () => {
    const fake = await startFakeXtsInteractive({ instruments: [...FAKE_XTS_INSTRUMENTS, INFY] });
    cleanups.push(() => fake.close());
    // The terminal's directory is the F&O master: INFY is known only by its trading symbol.
    const directory = new XtsInstrumentDirectory(FAKE_XTS_INSTRUMENTS.map((row) => ({ id: asInstrumentId(`NFO:${row.tradingSymbol}`), segment: row.segment, exchangeInstrumentId: row.exchangeInstrumentId })));
    const client = new XtsInteractiveClient({ rootUrl: fake.url, appKey: fake.appKey, secretKey: fake.secretKey, directory, timeoutMs: 2_000 });
    await client.login();
    const broker = new XtsBroker({ client, rootUrl: fake.url, accountId: XTS_TEST_ACCOUNT, directory, logger: { warn: () => undefined }, reconnectDelayMs: 50, pollMs: 60_000 });
    cleanups.push(() => broker.close());

    // The trader buys 10 INFY for delivery in the broker's terminal (same login, no identifier of ours).
    fake.setMarket(INFY.exchangeInstrumentId, { bid: 1_500_00, ask: 1_500_50, last: 1_500_25 });
    const response = await fetch(`${fake.url}/interactive/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: client.http.currentToken ?? '' },
      body: JSON.stringify({ exchangeSegment: 'NSECM', exchangeInstrumentID: INFY.exchangeInstrumentId, productType: 'CNC', orderType: 'MARKET', orderSide: 'BUY', timeInForce: 'DAY', orderQuantity: 10, limitPrice: 0, stopPrice: 0, orderUniqueIdentifier: '' }),
    });
    expect(response.status).toBe(200);
    for (let i = 0; i < 100 && fake.book.trades.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.book.positionRows()).toMatchObject([{ TradingSymbol: 'INFY', ProductType: 'CNC', Quantity: 10 }]);

    const books = await broker.books();
    expect(books.positions).toEqual([]);
    expect(books.orders).toEqual([]);
    expect(books.trades).toEqual([]);
  });
});
