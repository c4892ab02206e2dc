import type { AccountId } from '@strikedesk/domain';
import type {
  Broker,
  BrokerBooks,
  BrokerCancelRequest,
  BrokerEvent,
  BrokerModifyRequest,
  BrokerOrderRequest,
  BrokerResumeState,
} from '../broker.ts';
import { BrokerListeners } from '../broker-listeners.ts';

/**
 * Books as the router reads them: what every reachable venue said, plus the accounts whose venue
 * could not be read this time — reconciliation must not take their silence for "no orders".
 */
export type RoutedBooks = BrokerBooks & { unreachableAccounts: AccountId[] };

/**
 * One Broker in front of many: the default venue (paper) for every trading account that is not
 * bound to a broker account, and each bound account's own adapter (Kite, XTS) for its orders
 * (docs/adr/0020-broker-account-routing.md). The OMS, reconciliation and the paper market keep
 * talking to one Broker; events of every venue arrive through the one `onEvent`.
 *
 * A bound account whose adapter is down has no venue here: the OMS refuses its orders before they
 * reach the router (BrokerAccountConnections.denial), so nothing is ever sent to paper by mistake.
 */
export class BrokerRouter extends BrokerListeners implements Broker {
  readonly name: Broker['name'];
  readonly capabilities: Broker['capabilities'];
  private readonly venues = new Map<AccountId, Broker>();
  private readonly detachers = new Map<Broker, (() => void)[]>();
  /** Accounts bound to a broker account whose venue is not attached now (their books are unknown). */
  private readonly unattached = new Set<AccountId>();

  constructor(
    private readonly fallback: Broker,
    private readonly logger: { warn(details: object, message: string): void },
  ) {
    super();
    this.name = fallback.name;
    this.capabilities = fallback.capabilities;
    this.listen(fallback);
  }

  /** Routes an account's orders to `venue` (a connected adapter), replacing any earlier one. */
  attach(accountId: AccountId, venue: Broker): void {
    this.unattached.delete(accountId);
    if (this.venues.get(accountId) === venue) return;
    this.venues.set(accountId, venue);
    if (!this.detachers.has(venue)) this.listen(venue);
    for (const listener of this.connectionListeners) listener(true);
  }

  /** The account is bound but its venue is gone (disconnected, expired, disabled). */
  detach(accountId: AccountId): void {
    this.unattached.add(accountId);
    const venue = this.venues.get(accountId);
    this.venues.delete(accountId);
    if (venue && ![...this.venues.values()].includes(venue)) {
      for (const stop of this.detachers.get(venue) ?? []) stop();
      this.detachers.delete(venue);
    }
  }

  /** The account is no longer bound to anything routed here. */
  forget(accountId: AccountId): void {
    this.detach(accountId);
    this.unattached.delete(accountId);
  }

  venueOf(accountId: AccountId): Broker | null {
    if (this.unattached.has(accountId)) return null;
    return this.venues.get(accountId) ?? this.fallback;
  }

  async ready(timeoutMs: number): Promise<void> {
    await Promise.all(this.allVenues().map((venue) => venue.ready?.(timeoutMs)));
  }

  sending(accountId: AccountId, clientOrderId: string): boolean {
    return this.venueOf(accountId)?.sending?.(accountId, clientOrderId) ?? false;
  }

  placeOrder(request: BrokerOrderRequest): void {
    this.venueFor(request)?.placeOrder(request);
  }

  modifyOrder(request: BrokerModifyRequest): void {
    this.venueFor(request)?.modifyOrder(request);
  }

  cancelOrder(request: BrokerCancelRequest): void {
    this.venueFor(request)?.cancelOrder(request);
  }

  async books(): Promise<RoutedBooks> {
    const books: RoutedBooks = { orders: [], trades: [], positions: [], unreachableAccounts: [...this.unattached] };
    // The default venue serves every account without one of its own; its failure fails the read.
    const fallbackBooks = await this.fallback.books();
    const own = new Set(this.venues.keys());
    const keep = <T extends { accountId: AccountId }>(rows: readonly T[], of: (accountId: AccountId) => boolean): T[] => rows.filter((row) => of(row.accountId));
    books.orders.push(...keep(fallbackBooks.orders, (id) => !own.has(id)));
    books.trades.push(...keep(fallbackBooks.trades, (id) => !own.has(id)));
    books.positions.push(...keep(fallbackBooks.positions, (id) => !own.has(id)));
    const byVenue = new Map<Broker, AccountId[]>();
    for (const [accountId, venue] of this.venues) byVenue.set(venue, [...(byVenue.get(venue) ?? []), accountId]);
    await Promise.all(
      [...byVenue].map(async ([venue, accounts]) => {
        const mine = new Set(accounts);
        try {
          const read = await venue.books();
          books.orders.push(...keep(read.orders, (id) => mine.has(id)));
          books.trades.push(...keep(read.trades, (id) => mine.has(id)));
          books.positions.push(...keep(read.positions, (id) => mine.has(id)));
        } catch {
          books.unreachableAccounts.push(...accounts);
        }
      }),
    );
    return books;
  }

  /** The default venue keeps the journal's view; an attached broker's books outlive us anyway. */
  resume(state: BrokerResumeState): void {
    this.fallback.resume(state);
  }

  onTicks(ticks: Parameters<NonNullable<Broker['onTicks']>>[0]): void {
    for (const venue of this.allVenues()) venue.onTicks?.(ticks);
  }

  onSessionEnd(): void {
    for (const venue of this.allVenues()) venue.onSessionEnd?.();
  }

  close(): void {
    for (const venue of this.allVenues()) venue.close();
  }

  private allVenues(): Broker[] {
    return [...new Set([this.fallback, ...this.venues.values()])];
  }

  /**
   * New orders of an account without a venue are refused before they are journaled; a request
   * that still gets here (the venue went down in between, or a cancel of a working order) stays in
   * flight, as after any lost connection (ADR 0013): reconciliation resends or settles it once the
   * account is connected again.
   */
  private venueFor(request: { accountId: AccountId; clientOrderId: string }): Broker | null {
    const venue = this.venueOf(request.accountId);
    if (!venue) this.logger.warn({ accountId: request.accountId, clientOrderId: request.clientOrderId }, 'broker account not connected; the request stays in flight for reconciliation');
    return venue;
  }

  private listen(venue: Broker): void {
    const stops = [venue.onEvent((event) => this.emit(event))];
    const connection = venue.onConnectionChange?.((connected) => {
      for (const listener of this.connectionListeners) listener(connected);
    });
    if (connection) stops.push(connection);
    this.detachers.set(venue, stops);
  }

  private emit(event: BrokerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
