import {
  DomainError,
  ERROR_CODES,
  istDayOf,
  istMinuteOfDay,
  type AccountId,
  type BrokerAccountId,
  type BrokerAccountRef,
  type BrokerRoute,
  type CompleteKiteLoginInput,
  type Instrument,
  type KitePostbackInput,
  type StartKiteLoginInput,
  type Tick,
} from '@strikedesk/domain';
import type { AdoptableOrder } from './adoptable-orders.ts';
import { BROKER_ACCOUNT_CHANGE_CHANNEL, listenForNotifications, type BrokerBinding, type BrokerCredentialsReader, type BrokerRoutingStore, type NotificationListener } from '@strikedesk/db/client';
import type { AccountReconciliation } from '../../reconciliation/reconciler.ts';
import type { Denial } from '../../risk/account-risk-check.ts';
import type { HaltBook } from '../../risk/halt-book.ts';
import type { BrokerConnectionsService } from './broker-connections-service.ts';
import type { BrokerLink, LinkStatus } from './broker-link.ts';
import type { BrokerRouter } from './broker-router.ts';
import { KiteAccountLink } from './kite-account-link.ts';
import { startSimulatedKite } from './simulated-kite-venue.ts';
import { startSimulatedXts } from './simulated-xts-venue.ts';
import { XtsAccountLink } from './xts-account-link.ts';

export type ConnectionsLogger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
};

export type BrokerAccountConnectionsDeps = {
  store: BrokerRoutingStore;
  /** Null when the engine has no master key: bound accounts then stay "not connected", saying why. */
  credentials: BrokerCredentialsReader | null;
  router: BrokerRouter;
  halts: HaltBook;
  /** What a simulated broker lists and how it prices (the engine's own market). */
  market: { instruments: readonly Instrument[]; latest(id: string): Tick | undefined; ticks: { listen(listener: (ticks: Tick[]) => void): () => void } };
  /** LISTENs for admins' changes (null in tests that call refresh() themselves). */
  databaseUrl: string | null;
  logger: ConnectionsLogger;
  now: () => number;
  /** Minute of the IST day at which every Kite session is logged out; null = never. */
  dailyLogoutMinute: number | null;
  link?: { healthCheckMs?: number; pollMs?: number };
  /** The market-data account's feed, told of its link's every change (ADR 0021); null = the simulated market. */
  marketData?: MarketDataFollower | null;
  /** The account's orders working at its broker as the journal has them, for an adapter taking over (Broker.adopt). */
  workingOrders?(accountId: AccountId): readonly AdoptableOrder[];
};

/** What BrokerMarketFeed needs to hear from the connections. */
export type MarketDataFollower = {
  readonly brokerAccountId: BrokerAccountId;
  follow(link: BrokerLink, status: LinkStatus): void;
  unlinked(reason: string): void;
};

const NOT_CONNECTED = (message: string): Denial => ({ code: 'BROKER_NOT_CONNECTED', message: `${ERROR_CODES.BROKER_NOT_CONNECTED} ${message}` });

/**
 * The engine's broker accounts (docs/adr/0020-broker-account-routing.md): one link per trading
 * account bound to a broker account, kept in step with the admin's changes (NOTIFY), each link's
 * state written back for the admin screen and reflected in routing — a connected link's adapter
 * takes the account's orders; otherwise they are refused (never sent to paper instead). An ended
 * session halts the account (BROKER_SESSION: automation stops) until it is connected again.
 */
export class BrokerAccountConnections implements BrokerConnectionsService {
  private readonly links = new Map<BrokerAccountId, BrokerLink>();
  private bindings = new Map<AccountId, BrokerBinding>();
  private detached = new Set<AccountId>();
  private listener: NotificationListener | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private logoutTimer: NodeJS.Timeout | null = null;
  private lastLogoutDay = -1;
  private readonly statusWrites = new Map<BrokerAccountId, Promise<void>>();
  private closed = false;

  constructor(private readonly deps: BrokerAccountConnectionsDeps) {}

  async start(): Promise<void> {
    await this.refresh();
    if (this.deps.databaseUrl) {
      this.listener = listenForNotifications({
        url: this.deps.databaseUrl,
        channels: [BROKER_ACCOUNT_CHANGE_CHANNEL],
        onNotification: () => void this.refresh(),
        onReconnect: () => void this.refresh(),
        onError: (error) => this.deps.logger.warn({ err: error }, 'broker account change listener lost its connection; reconnecting'),
      });
    }
    if (this.deps.dailyLogoutMinute !== null) {
      // Started after today's logout time: today's is past; the next one is tomorrow's.
      const now = this.deps.now();
      if (istMinuteOfDay(now) >= this.deps.dailyLogoutMinute) this.lastLogoutDay = istDayOf(now);
      this.logoutTimer = setInterval(() => void this.checkDailyLogout(), 20_000);
      this.logoutTimer.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.logoutTimer) clearInterval(this.logoutTimer);
    await this.listener?.close();
    await this.refreshing;
    await Promise.all([...this.links.values()].map((link) => link.close()));
    this.links.clear();
    await Promise.all(this.statusWrites.values());
  }

  /** Why an order of this account cannot go anywhere now, or null (unbound accounts trade on paper). */
  denial(accountId: AccountId): Denial | null {
    if (this.detached.has(accountId)) return NOT_CONNECTED('This account is no longer linked to a broker account; an admin unassigned or removed it.');
    const binding = this.bindings.get(accountId);
    if (!binding) return null;
    if (!binding.enabled) return NOT_CONNECTED('An admin disabled its broker account.');
    const link = this.links.get(binding.brokerAccountId);
    if (!link) return NOT_CONNECTED(this.deps.credentials ? 'It is starting up.' : 'The server has no master key to open its credentials.');
    const { connection, message } = link.status();
    if (connection === 'CONNECTED' && link.venue()) return null;
    if (connection === 'SESSION_EXPIRED') return { code: 'BROKER_SESSION_EXPIRED', message: ERROR_CODES.BROKER_SESSION_EXPIRED };
    return NOT_CONNECTED(message ?? '');
  }

  routes(): BrokerRoute[] {
    return [...this.bindings.values()].map((binding) => {
      const status = this.links.get(binding.brokerAccountId)?.status() ?? { connection: 'DISCONNECTED' as const, message: binding.enabled ? null : 'Disabled by an admin.' };
      return { accountId: binding.accountId, brokerAccountId: binding.brokerAccountId, broker: binding.broker, connection: status.connection, statusMessage: status.message };
    });
  }

  async startKiteLogin(input: StartKiteLoginInput): Promise<{ url: string }> {
    const link = this.kiteLink(input.brokerAccountId);
    return link.startKiteLogin!(input);
  }

  async completeKiteLogin(input: CompleteKiteLoginInput): Promise<BrokerRoute | null> {
    const link = this.kiteLink(input.brokerAccountId);
    await link.completeKiteLogin!(input.requestToken);
    this.deps.logger.info({ brokerAccountId: link.brokerAccountId, accountId: link.accountId }, 'kite session connected');
    return this.routes().find((route) => route.brokerAccountId === input.brokerAccountId) ?? null;
  }

  async kitePostback(input: KitePostbackInput): Promise<void> {
    const link = this.links.get(input.brokerAccountId);
    if (!link?.acceptPostback) throw new DomainError('BROKER_ACCOUNT_NOT_FOUND', 'No connected Zerodha account takes postbacks here.');
    await link.acceptPostback(input.body);
  }

  async reconnect(input: BrokerAccountRef): Promise<void> {
    const link = this.links.get(input.id);
    if (!link) throw new DomainError('BROKER_NOT_CONNECTED', 'This broker account is not assigned to a trader or is disabled, so it cannot be connected.');
    if (!link.reconnect) throw new DomainError('VALIDATION_FAILED', 'Zerodha accounts connect through the Kite login ("Connect Zerodha").');
    await link.reconnect();
  }

  async disconnect(input: BrokerAccountRef): Promise<void> {
    const link = this.links.get(input.id);
    if (!link) throw new DomainError('BROKER_ACCOUNT_NOT_FOUND', 'That broker account trades for no one, so it has no connection.');
    await link.disconnect('Disconnected by hand.');
  }

  /** Reconciliation's verdict on a bound account, for the admin screen. */
  reconciled(accountId: AccountId, outcome: AccountReconciliation): void {
    const binding = this.bindings.get(accountId);
    if (!binding) return;
    const message = outcome.blocked
      ? 'Broker books disagree with the journal: new orders wait until an admin reviews it.'
      : outcome.eventsRecovered > 0
        ? `${outcome.eventsRecovered} missed event(s) recovered from the broker's books.`
        : 'Matches the broker.';
    this.deps.store
      .setReconciliation(binding.brokerAccountId, this.deps.now(), { ...outcome, message })
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not store the reconciliation result'));
  }

  /** Brings links in line with the bindings in the database (admins' changes). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = this.refreshOnce()
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'broker accounts could not be loaded; retrying at the next change'))
      .finally(() => {
        this.refreshing = null;
        if (this.refreshAgain && !this.closed) {
          this.refreshAgain = false;
          void this.refresh();
        }
      });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    if (this.closed) return;
    // Bindings first, then the detached accounts — not both at once: an unassign committed between
    // two concurrent reads could show an account as neither (its orders then went to paper). Read in
    // this order, the worst case is one seen both bound and detached, which refuses its orders.
    const bindings = await this.deps.store.bindings();
    const detached = await this.deps.store.detachedAccounts();
    this.detached = new Set(detached);
    this.bindings = new Map(bindings.map((binding) => [binding.accountId, binding]));
    const wanted = new Map(bindings.filter((binding) => binding.enabled).map((binding) => [binding.brokerAccountId, binding]));
    for (const [brokerAccountId, link] of this.links) {
      const binding = wanted.get(brokerAccountId);
      if (binding && binding.accountId === link.accountId) continue;
      this.links.delete(brokerAccountId);
      this.deps.router.forget(link.accountId);
      await link.close();
      if (!binding) this.writeStatus(brokerAccountId, { connection: 'DISCONNECTED', message: 'Not trading: disabled or unassigned.' });
    }
    for (const accountId of [...this.bindings.keys(), ...this.detached]) {
      if (!this.links.has(this.bindings.get(accountId)?.brokerAccountId as BrokerAccountId)) this.deps.router.detach(accountId);
    }
    for (const binding of wanted.values()) {
      if (this.links.has(binding.brokerAccountId) || this.closed) continue;
      const link = await this.createLink(binding);
      if (!link) continue;
      this.links.set(binding.brokerAccountId, link);
      await link.start().catch((error: unknown) => {
        this.deps.logger.error({ err: error, brokerAccountId: binding.brokerAccountId }, 'broker account could not start');
        this.onStatus(link, { connection: 'ERROR', message: 'Its credentials could not be read (see the engine log).' });
      });
    }
    const feed = this.deps.marketData;
    if (feed && !this.links.has(feed.brokerAccountId)) {
      const binding = bindings.find((candidate) => candidate.brokerAccountId === feed.brokerAccountId);
      feed.unlinked(
        !binding
          ? 'Assign this account to a trader and connect it: the market data streams with their broker login.'
          : !binding.enabled
            ? 'The account is disabled.'
            : 'The account could not be opened (see its connection status).',
      );
    }
  }

  private async createLink(binding: BrokerBinding): Promise<BrokerLink | null> {
    const { credentials } = this.deps;
    if (!credentials) {
      this.writeStatus(binding.brokerAccountId, { connection: 'ERROR', message: 'The engine has no master key (STRIKEDESK_MASTER_KEYS / _FILE).' });
      return null;
    }
    if (binding.broker === 'XTS' || binding.broker === 'SIMULATED_XTS') {
      const simulatedXts = binding.broker === 'SIMULATED_XTS' ? await startSimulatedXts(this.deps.market) : null;
      const xts: BrokerLink = new XtsAccountLink({
        brokerAccountId: binding.brokerAccountId,
        accountId: binding.accountId,
        credentials: () => credentials.credentialsFor(binding.brokerAccountId),
        simulated: simulatedXts,
        logger: this.deps.logger,
        onStatus: (status) => this.onStatus(xts, status),
        ...(this.deps.link?.pollMs ? { pollMs: this.deps.link.pollMs } : {}),
      });
      return xts;
    }
    const simulated = binding.broker === 'SIMULATED_KITE' ? await startSimulatedKite(this.deps.market) : null;
    const link: BrokerLink = new KiteAccountLink({
      brokerAccountId: binding.brokerAccountId,
      accountId: binding.accountId,
      credentials: () => credentials.credentialsFor(binding.brokerAccountId),
      store: this.deps.store,
      simulated,
      logger: this.deps.logger,
      onStatus: (status) => this.onStatus(link, status),
      ...this.deps.link,
    });
    return link;
  }

  private onStatus(link: BrokerLink, status: LinkStatus): void {
    // A link closed meanwhile (disabled, unassigned) may still finish a login it had started: it
    // must neither route orders nor start the market stream on a session nobody manages any more.
    if (this.links.get(link.brokerAccountId) !== link) return;
    const venue = link.venue();
    if (status.connection === 'CONNECTED' && venue) {
      this.deps.router.attach(link.accountId, venue);
      venue.adopt?.(this.deps.workingOrders?.(link.accountId) ?? []);
    } else this.deps.router.detach(link.accountId);
    this.writeStatus(link.brokerAccountId, status);
    this.deps.marketData?.follow(link, status);
    void this.followSessionHalt(link, status).catch((error: unknown) => this.deps.logger.error({ err: error }, 'broker session halt could not be updated'));
  }

  /** In the order they happened: two writes on different pool connections could land the other way round. */
  private writeStatus(id: BrokerAccountId, status: LinkStatus): void {
    const previous = this.statusWrites.get(id) ?? Promise.resolve();
    const next = previous
      .then(() => this.deps.store.setConnection(id, status.connection, status.message))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not store a broker account status'));
    this.statusWrites.set(id, next);
    void next.finally(() => {
      if (this.statusWrites.get(id) === next) this.statusWrites.delete(id);
    });
  }

  /** An ended session halts the account (automation stops with it); connecting again releases that halt. */
  private async followSessionHalt(link: BrokerLink, status: LinkStatus): Promise<void> {
    const halt = this.deps.halts.find('ACCOUNT', link.accountId, 'BROKER_SESSION');
    if (status.connection === 'SESSION_EXPIRED' && !halt) {
      this.deps.logger.warn({ brokerAccountId: link.brokerAccountId, accountId: link.accountId }, 'broker session ended; account halted until reconnected');
      await this.deps.halts.engage({
        scope: 'ACCOUNT',
        accountId: link.accountId,
        kind: 'BROKER_SESSION',
        reason: status.message ?? 'The broker session ended.',
        flatten: false,
        engagedBy: null,
        details: { brokerAccountId: link.brokerAccountId },
      });
    } else if (status.connection === 'CONNECTED' && halt) {
      await this.deps.halts.release(halt.id, null, 'Broker session connected again.');
    }
  }

  /** Logs every connected Kite session out once the IST day passes the configured minute (a 20 s timer calls it). */
  async checkDailyLogout(): Promise<void> {
    const now = this.deps.now();
    const day = istDayOf(now);
    if (this.deps.dailyLogoutMinute === null || istMinuteOfDay(now) < this.deps.dailyLogoutMinute || this.lastLogoutDay === day) return;
    this.lastLogoutDay = day;
    for (const link of this.links.values()) {
      if (link.startKiteLogin && link.status().connection === 'CONNECTED') {
        this.deps.logger.info({ brokerAccountId: link.brokerAccountId }, 'daily broker logout');
        await link.disconnect('Logged out for the day; connect again before trading.').catch((error: unknown) => this.deps.logger.warn({ err: error }, 'daily logout failed'));
      }
    }
  }

  private kiteLink(id: BrokerAccountId): BrokerLink {
    const link = this.links.get(id);
    if (!link) throw new DomainError('BROKER_NOT_CONNECTED', 'This broker account is not assigned to a trader or is disabled, so it cannot be connected.');
    if (!link.startKiteLogin || !link.completeKiteLogin) throw new DomainError('VALIDATION_FAILED', 'Only Zerodha accounts log in through Kite.');
    return link;
  }
}
