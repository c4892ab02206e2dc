import type { AccountId, BrokerAccountId, BrokerConnection, Broker as BrokerKind, Exchange, StartKiteLoginInput } from '@strikedesk/domain';
import type { ListedContract } from '../../instruments/listed-contract.ts';
import type { Broker } from '../broker.ts';

export type LinkStatus = { connection: BrokerConnection; message: string | null };

/** How to open a connected account's market data stream. */
export type MarketDataSession =
  | { protocol: 'KITE'; apiKey: string; accessToken: string; tickerUrl: string }
  | { protocol: 'XTS'; rootUrl: string; appKey: string; secretKey: string };

/** A connected account's stream credentials and the broker's instrument master (ADR 0021). */
export type LinkMarketData = { session: MarketDataSession; contracts: ListedContract[] };

/**
 * One broker account's live connection, owned by BrokerAccountConnections: it logs in with the
 * account's credentials, offers a Broker (the adapter) while connected, and says every change of
 * state through `onStatus`. Implemented per protocol (kite-account-link.ts, xts-account-link.ts).
 */
export interface BrokerLink {
  readonly brokerAccountId: BrokerAccountId;
  readonly broker: BrokerKind;
  readonly accountId: AccountId;
  status(): LinkStatus;
  /** The adapter while connected; null otherwise. */
  venue(): Broker | null;
  /** Connects with what is stored (an access token, app keys); resolves once it knows how that went. */
  start(): Promise<void>;
  startKiteLogin?(input: StartKiteLoginInput): Promise<{ url: string }>;
  completeKiteLogin?(requestToken: string): Promise<void>;
  /** Throws BROKER_POSTBACK_FORGED unless the body is a postback signed for this account. */
  acceptPostback?(body: string): Promise<void>;
  /** XTS: logs in again with the stored keys (after a session ended, which is never retried by itself). */
  reconnect?(): Promise<void>;
  /**
   * While connected: what the market-data feed needs (its session, the day's instrument master of
   * these exchanges). Throws BROKER_NOT_CONNECTED otherwise.
   */
  marketData(exchanges: readonly Exchange[]): Promise<LinkMarketData>;
  /** Ends the session at the broker where possible and forgets it here. */
  disconnect(message: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * What every link keeps the same way: whose it is, its state (each change said through
 * `onStatus`), and the adapter while connected.
 */
export abstract class BrokerLinkBase<Adapter extends Broker> {
  readonly brokerAccountId: BrokerAccountId;
  readonly accountId: AccountId;
  protected adapter: Adapter | null = null;
  /** Set by close(): nothing is installed or reported after it. */
  protected closed = false;
  private current: LinkStatus;
  /**
   * Bumped whenever the session is dropped (disconnect, expiry, a new login): a client, health
   * check or login of an older generation may still answer afterwards, and must not end (or
   * revive) the state that replaced it — e.g. an old request's session expiry arriving while
   * "Disconnect" runs halted the account as expired although it ended DISCONNECTED.
   */
  private generation = 0;
  private readonly onStatus: (status: LinkStatus) => void;

  protected constructor(
    owner: { brokerAccountId: BrokerAccountId; accountId: AccountId; onStatus: (status: LinkStatus) => void },
    initial: LinkStatus,
  ) {
    this.brokerAccountId = owner.brokerAccountId;
    this.accountId = owner.accountId;
    this.onStatus = owner.onStatus;
    this.current = initial;
  }

  status(): LinkStatus {
    return this.current;
  }

  venue(): Adapter | null {
    return this.adapter;
  }

  /** Ends the current session generation (see `generation`); called where a link drops its session. */
  protected endGeneration(): void {
    this.generation += 1;
  }

  /** Whether the generation current now is still current (and the link open) when asked later. */
  protected generationCheck(): () => boolean {
    const generation = this.generation;
    return () => generation === this.generation && !this.closed;
  }

  protected setStatus(status: LinkStatus): void {
    this.current = status;
    this.onStatus(status);
  }
}
