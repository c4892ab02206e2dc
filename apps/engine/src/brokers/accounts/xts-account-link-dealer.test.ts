import { afterEach, describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, BrokerAccountIdSchema, type BrokerAccount } from '@strikedesk/domain';
import { Secret } from '@strikedesk/db/client';
import type { BrokerEvent } from '../broker.ts';
import { FAKE_XTS_MD_INSTRUMENTS, MD_FUT } from '../xts/fake/fake-xts-md-harness.ts';
import { startFakeXtsInteractive } from '../xts/fake/fake-xts-interactive.ts';
import { startFakeXtsMarketData } from '../xts/fake/fake-xts-market-data.ts';
import { XtsAccountLink } from './xts-account-link.ts';

/**
 * A dealer XTS login (isInvestorClient=false, as brokers hand out to desks): XTS wants the client
 * code on every order and book read. The admin enters it as the account's "Client id".
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const waitFor = async <T>(read: () => T | undefined, timeoutMs = 5_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('XtsAccountLink with a dealer login', () => {
  it('sends the account’s client id with orders and book reads, so the order is placed, not refused', async () => {
    const interactive = await startFakeXtsInteractive({
      instruments: FAKE_XTS_MD_INSTRUMENTS.map(({ segment, exchangeInstrumentId, tradingSymbol }) => ({ segment, exchangeInstrumentId, tradingSymbol })),
      dealerClientId: 'CL01',
    });
    const marketData = await startFakeXtsMarketData({ instruments: FAKE_XTS_MD_INSTRUMENTS, indices: [] });
    cleanups.push(() => interactive.close(), () => marketData.close());
    const account = {
      id: BrokerAccountIdSchema.parse(crypto.randomUUID()),
      name: 'XTS dealer',
      broker: 'XTS',
      rootUrl: interactive.url,
      marketDataUrl: marketData.url,
      clientId: 'CL01',
      interactiveAppKey: interactive.appKey,
      marketDataAppKey: marketData.appKey,
    } as BrokerAccount;
    const accountId = asAccountId(crypto.randomUUID());
    const link = new XtsAccountLink({
      brokerAccountId: account.id,
      accountId,
      credentials: async () => ({ account, apiSecret: null, interactiveSecret: new Secret(interactive.secretKey), marketDataSecret: new Secret(marketData.secretKey), accessToken: null }),
      simulated: null,
      logger: { info: () => undefined, warn: () => undefined },
      onStatus: () => undefined,
      pollMs: 50,
    });
    cleanups.push(() => link.close());
    await link.start();
    expect(link.status().connection).toBe('CONNECTED');

    const venue = link.venue()!;
    const events: BrokerEvent[] = [];
    venue.onEvent((event) => events.push(event));
    const clientOrderId = asClientOrderId('dealer-1');
    venue.placeOrder({ accountId, clientOrderId, instrumentId: MD_FUT, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: 75, price: 100_00 as never, triggerPrice: null });
    const outcome = await waitFor(() => events.find((event) => event.kind === 'accepted' || event.kind === 'rejected'));
    expect(outcome).toMatchObject({ kind: 'accepted', clientOrderId });
    const placed = interactive.requests.find((request) => request.method === 'POST' && request.path === '/interactive/orders');
    expect(placed?.body?.['clientID']).toBe('CL01');

    const books = await venue.books();
    expect(books.orders.map((order) => [order.clientOrderId, order.status])).toEqual([[clientOrderId, 'OPEN']]);
  });
});
