import { DomainError, ERROR_CODES, type AccountId, type BrokerAccountId, type Exchange } from '@strikedesk/domain';
import type { BrokerCredentials } from '@strikedesk/db/client';
import { XtsInteractiveClient } from '../xts/interactive/xts-interactive-client.ts';
import { XtsMarketDataClient } from '../xts/marketdata/xts-market-data-client.ts';
import type { ListedContract } from '../../instruments/listed-contract.ts';
import { xtsIndexContracts, xtsListedContracts } from '../xts/marketdata/xts-listed-contracts.ts';
import type { XtsMasterInstrument } from '../xts/marketdata/xts-instrument-master.ts';
import { XtsBroker } from '../xts/xts-broker.ts';
import { XtsInstrumentDirectory } from '../xts/xts-instrument-directory.ts';
import { BrokerLinkBase, type BrokerLink, type LinkMarketData, type LinkStatus, type MarketDataSession } from './broker-link.ts';
import type { SimulatedXts } from './simulated-xts-venue.ts';

export type XtsLinkLogger = { info(details: object, message: string): void; warn(details: object, message: string): void };

export type XtsAccountLinkDeps = {
  brokerAccountId: BrokerAccountId;
  accountId: AccountId;
  credentials: () => Promise<BrokerCredentials>;
  /** A simulated account's fake XTS (null for a real broker's XTS). */
  simulated: SimulatedXts | null;
  logger: XtsLinkLogger;
  onStatus: (status: LinkStatus) => void;
  pollMs?: number;
  /** Pause before trying again after the broker could not be reached (never after a session end). */
  retryMs?: number;
};

/** What a login needs: the Interactive endpoint and keys, a dealer's client id, the instrument directory. */
type XtsLoginSettings = { rootUrl: string; appKey: string; secretKey: string; clientId: string | null; directory: XtsInstrumentDirectory };

/**
 * An XTS (Symphony) account, real or simulated: logs in with the interactive app key and secret (no
 * browser step), translates instruments through the broker's instrument master (market-data API)
 * or the simulated directory, and trades through an XtsBroker while the session lives. A login
 * elsewhere or an expired token ends the session; it is not retried by itself (every XTS login
 * ends the other session of the app key, so a blind retry would fight the other login): the
 * account waits for "Reconnect".
 */
export class XtsAccountLink extends BrokerLinkBase<XtsBroker> implements BrokerLink {
  readonly broker;
  private client: XtsInteractiveClient | null = null;
  /**
   * The market-data app's keys, the day's F&O master and the cash segments' indices (which that
   * master lacks), read at login; a simulated XTS has none of them.
   */
  private marketDataSource: { session: MarketDataSession; master: readonly XtsMasterInstrument[]; indices: readonly ListedContract[] } | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** Why the last login was refused for something only an admin can fix (thrown by `reconnect`). */
  private refusal: DomainError | null = null;
  /** A login under way: a second "Reconnect" (a double click) joins it instead of logging in again. */
  private connecting: Promise<void> | null = null;

  constructor(private readonly deps: XtsAccountLinkDeps) {
    super(deps, { connection: 'DISCONNECTED', message: 'Connecting…' });
    this.broker = deps.simulated ? ('SIMULATED_XTS' as const) : ('XTS' as const);
  }

  start(): Promise<void> {
    return this.connect();
  }

  /**
   * "Reconnect": a new login (which ends any other session of this app key). Throws the refusal an
   * admin must act on (BROKER_CLIENT_ID_REQUIRED), which the status also says.
   */
  async reconnect(): Promise<void> {
    await this.connect();
    if (this.refusal) throw this.refusal;
  }

  async marketData(exchanges: readonly Exchange[]): Promise<LinkMarketData> {
    if (!this.client) throw new DomainError('BROKER_NOT_CONNECTED', 'This XTS account is not connected.');
    if (!this.marketDataSource) throw new DomainError('VALIDATION_FAILED', 'A simulated XTS account has no market-data server.');
    const wanted = new Set(exchanges);
    const { session, master, indices } = this.marketDataSource;
    const contracts = xtsListedContracts(master.filter((instrument) => wanted.has(instrument.exchange)));
    return { session, contracts: [...contracts, ...indices.filter((index) => wanted.has(index.exchange))] };
  }

  async disconnect(message: string): Promise<void> {
    const client = this.client;
    this.drop();
    // A login still under way is now stale (it logs its own session out): a later Reconnect starts afresh.
    this.connecting = null;
    await client?.logout().catch((error: unknown) => this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId }, 'xts logout failed'));
    this.setStatus({ connection: 'DISCONNECTED', message });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.drop();
    await this.deps.simulated?.close();
  }

  /** One login at a time: connects asked for while one runs share it. */
  private connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    const connecting = this.login().finally(() => {
      if (this.connecting === connecting) this.connecting = null;
    });
    this.connecting = connecting;
    return connecting;
  }

  private async login(): Promise<void> {
    this.drop();
    this.refusal = null;
    if (this.closed) return;
    // A login that finishes after a disconnect (or a newer login) must not install its adapter.
    const current = this.generationCheck();
    let settings: XtsLoginSettings;
    try {
      settings = await this.settings();
    } catch (error) {
      if (current()) this.failed(error);
      return;
    }
    // A dealer login (isInvestorClient=false) must name its client on every order and book read:
    // without the admin's client id, XTS refuses them all.
    const client = new XtsInteractiveClient({
      rootUrl: settings.rootUrl,
      appKey: settings.appKey,
      secretKey: settings.secretKey,
      directory: settings.directory,
      ...(settings.clientId ? { clientId: settings.clientId } : {}),
    });
    try {
      await client.login();
    } catch (error) {
      if (current()) this.failed(error);
      return;
    }
    if (!current()) return void client.logout().catch(() => undefined); // disconnected meanwhile: end the session just opened
    if (client.dealerLogin && !settings.clientId) {
      // XTS would answer every order and book read with a bare "Bad Request": say what is missing instead.
      await client.logout().catch((error: unknown) => this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId }, 'xts logout failed'));
      if (!current()) return;
      this.refusal = new DomainError('BROKER_CLIENT_ID_REQUIRED');
      this.setStatus({ connection: 'ERROR', message: `${ERROR_CODES.BROKER_CLIENT_ID_REQUIRED} (BROKER_CLIENT_ID_REQUIRED)` });
      return;
    }
    const adapter = new XtsBroker({
      client,
      rootUrl: settings.rootUrl,
      accountId: this.accountId,
      directory: settings.directory,
      logger: this.deps.logger,
      ...(this.deps.pollMs ? { pollMs: this.deps.pollMs } : {}),
      // Only the adapter in use may end the session: a let-go one hears the logout our next login causes.
      onSessionEnded: (error) => {
        if (this.adapter === adapter) this.ended(error);
      },
    });
    this.client = client;
    this.adapter = adapter;
    await adapter.ready(5_000);
    if (this.adapter === adapter && current()) this.setStatus({ connection: 'CONNECTED', message: null });
  }

  private async settings(): Promise<XtsLoginSettings> {
    const simulated = this.deps.simulated;
    if (simulated) return { rootUrl: simulated.fake.url, appKey: simulated.fake.appKey, secretKey: simulated.fake.secretKey, clientId: null, directory: simulated.directory };
    const credentials = await this.deps.credentials();
    const { account } = credentials;
    const secretKey = credentials.interactiveSecret?.reveal();
    if (!account.rootUrl || !account.interactiveAppKey || !secretKey) throw new DomainError('BROKER_LOGIN_FAILED', 'This XTS account lacks its root URL, interactive app key or secret.');
    const marketDataSecret = credentials.marketDataSecret?.reveal();
    if (!account.marketDataAppKey || !marketDataSecret) throw new DomainError('BROKER_LOGIN_FAILED', 'This XTS account lacks its market data app key or secret (the instrument master comes from there).');
    // Instruments are named by XTS ids: the day's master translates them (ids are reused after expiry).
    const marketData = new XtsMarketDataClient({ rootUrl: account.marketDataUrl ?? account.rootUrl, appKey: account.marketDataAppKey, secretKey: marketDataSecret });
    await marketData.login();
    try {
      const master = await marketData.master(['NSEFO', 'BSEFO']);
      const indices = [...(await this.indices(marketData, 'NSECM')), ...(await this.indices(marketData, 'BSECM'))];
      this.marketDataSource = {
        session: { protocol: 'XTS', rootUrl: account.marketDataUrl ?? account.rootUrl, appKey: account.marketDataAppKey, secretKey: marketDataSecret },
        master: master.instruments,
        indices,
      };
      return { rootUrl: account.rootUrl, appKey: account.interactiveAppKey, secretKey, clientId: account.clientId, directory: new XtsInstrumentDirectory(master.instruments) };
    } finally {
      await marketData.logout().catch(() => undefined);
    }
  }

  /**
   * A segment's indices, or none: they only give the market its spots (the catalog then keeps the
   * configured index, unstreamed), so a broker without the index list must not stop trading.
   */
  private async indices(client: XtsMarketDataClient, segment: 'NSECM' | 'BSECM'): Promise<ListedContract[]> {
    try {
      return xtsIndexContracts(segment, await client.indexList(segment));
    } catch (error) {
      this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId, segment }, 'xts index list could not be read; its indices get no quotes from this account');
      return [];
    }
  }

  private failed(error: unknown): void {
    const code = error instanceof DomainError ? error.code : null;
    if (code === 'BROKER_SESSION_EXPIRED' || code === 'BROKER_PERMISSION_DENIED' || code === 'BROKER_LOGIN_FAILED' || code === 'BROKER_INPUT_REJECTED') {
      this.setStatus({ connection: 'ERROR', message: `XTS refused the login: ${error instanceof Error ? error.message : String(error)}` });
      return; // wrong keys stay wrong: an admin must fix them
    }
    this.deps.logger.warn({ err: error, brokerAccountId: this.brokerAccountId }, 'xts unreachable; retrying');
    this.setStatus({ connection: 'DISCONNECTED', message: 'XTS could not be reached; retrying.' });
    this.retry = setTimeout(() => void this.connect(), this.deps.retryMs ?? 30_000);
    this.retry.unref();
  }

  private ended(error: DomainError): void {
    if (this.status().connection === 'SESSION_EXPIRED') return;
    this.drop();
    this.setStatus({ connection: 'SESSION_EXPIRED', message: `Session ended — reconnect XTS (${error.message})` });
  }

  private drop(): void {
    this.endGeneration();
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.adapter?.close();
    this.adapter = null;
    this.client = null;
  }
}
