import { afterEach, describe, expect, it } from 'vitest';
import { asAccountId, BrokerAccountIdSchema, DomainError, type BrokerAccount } from '@strikedesk/domain';
import { Secret } from '@strikedesk/db/client';
import { FAKE_XTS_MD_INSTRUMENTS } from '../xts/fake/fake-xts-md-harness.ts';
import { startFakeXtsInteractive, type RunningFakeXtsInteractive } from '../xts/fake/fake-xts-interactive.ts';
import { startFakeXtsMarketData } from '../xts/fake/fake-xts-market-data.ts';
import type { LinkStatus } from './broker-link.ts';
import { XtsAccountLink } from './xts-account-link.ts';

/**
 * XTS logins that must not go wrong quietly: two "Reconnect"s at once (every XTS login ends the
 * app key's other session, so the first login's adapter hears "logged out" and must not take the
 * second one down with it), and a dealer login without the client id its orders need.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Running = { link: XtsAccountLink; interactive: RunningFakeXtsInteractive; statuses: LinkStatus[] };

async function startLink(options: { dealerClientId?: string; clientId?: string | null } = {}): Promise<Running> {
  const interactive = await startFakeXtsInteractive({
    instruments: FAKE_XTS_MD_INSTRUMENTS.map(({ segment, exchangeInstrumentId, tradingSymbol }) => ({ segment, exchangeInstrumentId, tradingSymbol })),
    ...(options.dealerClientId ? { dealerClientId: options.dealerClientId } : {}),
  });
  const marketData = await startFakeXtsMarketData({ instruments: FAKE_XTS_MD_INSTRUMENTS, indices: [] });
  cleanups.push(() => interactive.close(), () => marketData.close());
  const account = {
    id: BrokerAccountIdSchema.parse(crypto.randomUUID()),
    name: 'XTS on fakes',
    broker: 'XTS',
    rootUrl: interactive.url,
    marketDataUrl: marketData.url,
    clientId: options.clientId ?? null,
    interactiveAppKey: interactive.appKey,
    marketDataAppKey: marketData.appKey,
  } as BrokerAccount;
  const statuses: LinkStatus[] = [];
  const link = new XtsAccountLink({
    brokerAccountId: account.id,
    accountId: asAccountId(crypto.randomUUID()),
    credentials: async () => ({ account, apiSecret: null, interactiveSecret: new Secret(interactive.secretKey), marketDataSecret: new Secret(marketData.secretKey), accessToken: null }),
    simulated: null,
    logger: { info: () => undefined, warn: () => undefined },
    onStatus: (status) => statuses.push(status),
    pollMs: 50,
  });
  cleanups.push(() => link.close());
  await link.start();
  return { link, interactive, statuses };
}

const logins = (interactive: RunningFakeXtsInteractive) => interactive.requests.filter((request) => request.method === 'POST' && request.path === '/interactive/user/session').length;

describe('XtsAccountLink connects', () => {
  it('a double-clicked Reconnect logs in once and only reports the connect: no session ended by its own other login', async () => {
    const { link, interactive, statuses } = await startLink();
    expect(link.status().connection).toBe('CONNECTED');
    const before = logins(interactive);
    const reported = statuses.length;
    await Promise.all([link.reconnect(), link.reconnect()]);
    // Give a let-go adapter's "logged out" event time to arrive, as it would over the socket.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logins(interactive) - before).toBe(1);
    // Nothing but the one connect: two overlapping logins used to end each other's sessions (the
    // market-data login's too), flashing ERROR "XTS refused the login" or SESSION_EXPIRED.
    expect(statuses.slice(reported)).toEqual([{ connection: 'CONNECTED', message: null }]);
    expect(link.status()).toEqual({ connection: 'CONNECTED', message: null });
    expect(link.venue()).not.toBeNull();
  });

  it('a dealer login without a client id is refused at connect, saying to set the client id, and logs its session out', async () => {
    const { link, interactive } = await startLink({ dealerClientId: 'CL01', clientId: null });
    expect(link.status().connection).toBe('ERROR');
    expect(link.status().message).toContain('client id');
    expect(link.status().message).toContain('BROKER_CLIENT_ID_REQUIRED');
    expect(link.venue()).toBeNull();
    expect(interactive.requests.some((request) => request.method === 'DELETE' && request.path === '/interactive/user/session')).toBe(true);
    expect(interactive.requests.some((request) => request.path === '/interactive/orders')).toBe(false);

    // "Reconnect" tells the admin the same, with the stable code.
    const refused = await link.reconnect().then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('BROKER_CLIENT_ID_REQUIRED');
    expect(link.status().connection).toBe('ERROR');
  });
});
