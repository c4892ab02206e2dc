import { DomainError, KITE_DEFAULT_URLS, type AccountId, type BrokerAccountId, type Exchange, type StartKiteLoginInput } from '@strikedesk/domain';
import { Secret, type BrokerCredentials, type BrokerRoutingStore } from '@strikedesk/db/client';
import { KiteBroker } from '../kite/kite-broker.ts';
import { KiteClient } from '../kite/rest/kite-client.ts';
import { kiteListedContracts } from '../kite/rest/kite-listed-contracts.ts';
import { KITE_LOGIN_URL } from '../kite/rest/kite-session.ts';
import { BrokerLinkBase, type BrokerLink, type LinkMarketData, type LinkStatus } from './broker-link.ts';
import { verifyKitePostback } from './kite-postback.ts';
import type { SimulatedKite } from './simulated-kite-venue.ts';

export type KiteLinkLogger = { info(details: object, message: string): void; warn(details: object, message: string): void };

export type KiteAccountLinkDeps = {
  brokerAccountId: BrokerAccountId;
  accountId: AccountId;
  /** Read at every login step: an admin may have replaced the API secret since. */
  credentials: () => Promise<BrokerCredentials>;
  store: Pick<BrokerRoutingStore, 'saveAccessToken' | 'forgetAccessToken'>;
  /** A simulated account's fake Kite (null for a real Zerodha account). */
  simulated: SimulatedKite | null;
  logger: KiteLinkLogger;
  onStatus: (status: LinkStatus) => void;
  /** How often the session is checked with a profile read (Kite ends sessions without telling). */
  healthCheckMs?: number;
  /** How often the adapter reads working orders back. */
  pollMs?: number;
};

const CONNECT_ZERODHA = 'Connect Zerodha to trade through this account.';

type Endpoints = { apiUrl: string; loginUrl: string; tickerUrl: string; apiKey: string; apiSecret: string | null };

/**
 * A Zerodha Kite Connect account (real or simulated): the browser login exchanged for an access
 * token (stored encrypted), a KiteBroker while the session lives, a profile read every minute to
 * notice a session Kite ended (daily expiry, a login elsewhere), and postbacks checked against
 * the API secret. An ended session is never retried: the account waits for "Connect" again.
 */
export class KiteAccountLink extends BrokerLinkBase<KiteBroker> implements BrokerLink {
  readonly broker;
  private client: KiteClient | null = null;
  /** The live session's token and endpoints (what the market-data feed streams with). */
  private session: { accessToken: string; endpoints: Endpoints } | null = null;
  private health: NodeJS.Timeout | null = null;

  constructor(private readonly deps: KiteAccountLinkDeps) {
    super(deps, { connection: 'NEVER_CONNECTED', message: CONNECT_ZERODHA });
    this.broker = deps.simulated ? ('SIMULATED_KITE' as const) : ('KITE' as const);
  }

  async start(): Promise<void> {
    const credentials = await this.deps.credentials();
    const token = credentials.accessToken?.reveal() ?? null;
    if (token && this.deps.simulated) {
      // The simulated broker started afresh with this engine: yesterday's token means nothing to it.
      await this.deps.store.forgetAccessToken(this.brokerAccountId);
      return this.setStatus({ connection: 'DISCONNECTED', message: 'The simulated broker restarted with the engine: connect again.' });
    }
    if (!token) return this.setStatus({ connection: credentials.account.connection === 'NEVER_CONNECTED' ? 'NEVER_CONNECTED' : 'DISCONNECTED', message: CONNECT_ZERODHA });
    await this.connect(token, this.endpoints(credentials));
  }

  async startKiteLogin(input: StartKiteLoginInput): Promise<{ url: string }> {
    const endpoints = this.endpoints(await this.deps.credentials());
    if (!endpoints.apiKey) throw new DomainError('BROKER_LOGIN_FAILED', 'This Zerodha account has no API key: an admin must add it first.');
    // Real Kite sends the browser to the redirect URL registered with the Kite app; the fake is told.
    this.deps.simulated?.fake.setAppUrls({ redirectUrl: input.redirectUrl, ...(input.postbackUrl ? { postbackUrl: input.postbackUrl } : {}) });
    const params = new URLSearchParams({ v: '3', api_key: endpoints.apiKey, redirect_params: input.redirectParams });
    return { url: `${endpoints.loginUrl}?${params.toString()}` };
  }

  async completeKiteLogin(requestToken: string): Promise<void> {
    const endpoints = this.endpoints(await this.deps.credentials());
    if (!endpoints.apiSecret) throw new DomainError('BROKER_LOGIN_FAILED', 'This Zerodha account has no API secret: an admin must add it first.');
    const client = new KiteClient({ baseUrl: endpoints.apiUrl, apiKey: endpoints.apiKey });
    let accessToken: string;
    try {
      accessToken = (await client.generateSession(requestToken, endpoints.apiSecret)).accessToken;
    } catch (error) {
      this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId }, 'kite login exchange refused');
      throw new DomainError('BROKER_LOGIN_FAILED', error instanceof DomainError ? error.message : undefined);
    }
    await this.deps.store.saveAccessToken(this.brokerAccountId, new Secret(accessToken));
    await this.connect(accessToken, endpoints);
    if (this.status().connection !== 'CONNECTED') throw new DomainError('BROKER_LOGIN_FAILED', this.status().message ?? undefined);
  }

  async acceptPostback(body: string): Promise<void> {
    const { apiSecret } = this.endpoints(await this.deps.credentials());
    if (!apiSecret) throw new DomainError('BROKER_POSTBACK_FORGED', 'This account has no API secret to check postbacks with.');
    verifyKitePostback(body, apiSecret);
    await this.adapter?.poll(); // the book, not the postback, says what happened
  }

  async marketData(exchanges: readonly Exchange[]): Promise<LinkMarketData> {
    const { client, session } = this;
    if (!client || !session) throw new DomainError('BROKER_NOT_CONNECTED', 'Connect Zerodha first: its market data streams with the day\'s login.');
    // One file per exchange: the whole master is every equity, currency and commodity besides.
    const imports = await Promise.all([...new Set(exchanges)].map((exchange) => client.instruments(exchange)));
    const { apiKey, tickerUrl } = session.endpoints;
    return { session: { protocol: 'KITE', apiKey, accessToken: session.accessToken, tickerUrl }, contracts: kiteListedContracts(imports.flatMap((result) => result.instruments)) };
  }

  async disconnect(message: string): Promise<void> {
    const client = this.client;
    this.drop();
    await client?.invalidateSession().catch((error: unknown) => this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId }, 'kite logout failed; the token is forgotten anyway'));
    await this.deps.store.forgetAccessToken(this.brokerAccountId);
    this.setStatus({ connection: 'DISCONNECTED', message });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.drop();
    await this.deps.simulated?.close();
  }

  private endpoints(credentials: BrokerCredentials): Endpoints {
    const { account } = credentials;
    const fake = this.deps.simulated?.fake;
    const simulated = this.deps.simulated;
    if (fake && simulated) return { apiUrl: fake.url, loginUrl: `${fake.url}/connect/login`, tickerUrl: simulated.ticker.url, apiKey: fake.apiKey, apiSecret: fake.apiSecret };
    return {
      apiUrl: account.apiUrl ?? KITE_DEFAULT_URLS.apiUrl,
      loginUrl: account.loginUrl ? `${account.loginUrl.replace(/\/$/, '')}/connect/login` : KITE_LOGIN_URL,
      tickerUrl: account.tickerUrl ?? KITE_DEFAULT_URLS.tickerUrl,
      apiKey: account.apiKey ?? '',
      apiSecret: credentials.apiSecret?.reveal() ?? null,
    };
  }

  private async connect(accessToken: string, endpoints: Endpoints): Promise<void> {
    this.drop();
    const current = this.generationCheck();
    const client = new KiteClient({
      baseUrl: endpoints.apiUrl,
      apiKey: endpoints.apiKey,
      accessToken,
      onSessionExpired: () => {
        if (current()) this.expired();
      },
      logger: this.deps.logger,
    });
    try {
      await client.profile();
    } catch (error) {
      if (!current()) return; // disconnected (or connected anew) meanwhile: this attempt says nothing
      if (error instanceof DomainError && error.code === 'BROKER_SESSION_EXPIRED') return this.expired();
      this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId }, 'kite unreachable; retrying');
      this.setStatus({ connection: 'DISCONNECTED', message: 'Zerodha could not be reached; retrying.' });
      this.scheduleHealth(client, accessToken, endpoints, current);
      return;
    }
    if (!current()) return;
    this.client = client;
    this.session = { accessToken, endpoints };
    // The simulated ticker accepts the session its fake Kite issued, as Kite's does.
    this.deps.simulated?.ticker.setAccessToken(accessToken);
    this.adapter = new KiteBroker({ client, accountId: this.accountId, logger: this.deps.logger, ...(this.deps.pollMs ? { pollMs: this.deps.pollMs } : {}) });
    this.setStatus({ connection: 'CONNECTED', message: null });
    this.scheduleHealth(client, accessToken, endpoints, current);
  }

  /**
   * A profile read now and then: Kite ends sessions (daily, or on a login elsewhere) without a word.
   * A read still on its way when its generation ended is ignored (`current`).
   */
  private scheduleHealth(client: KiteClient, accessToken: string, endpoints: Endpoints, current: () => boolean): void {
    if (this.closed) return;
    this.health = setInterval(() => {
      client.profile().then(
        () => {
          if (current() && this.status().connection === 'DISCONNECTED' && !this.adapter) void this.connect(accessToken, endpoints);
        },
        (error: unknown) => {
          if (!current()) return;
          if (error instanceof DomainError && error.code === 'BROKER_SESSION_EXPIRED') this.expired();
          else if (this.status().connection === 'CONNECTED') this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId }, 'kite profile check failed');
        },
      );
    }, this.deps.healthCheckMs ?? 60_000);
    this.health.unref();
  }

  private expired(): void {
    if (this.status().connection === 'SESSION_EXPIRED') return;
    this.drop();
    this.setStatus({ connection: 'SESSION_EXPIRED', message: 'Session expired — reconnect Zerodha.' });
  }

  private drop(): void {
    this.endGeneration();
    if (this.health) clearInterval(this.health);
    this.health = null;
    this.adapter?.close();
    this.adapter = null;
    this.client = null;
    this.session = null;
  }
}
