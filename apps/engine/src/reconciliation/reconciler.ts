import type { AccountId, EngineEvent, Order, OrderId, TradingHalt } from '@strikedesk/domain';
import type { Broker, BrokerBooks } from '../brokers/broker.ts';
import type { Clock } from '../market/simulator-runner.ts';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { HaltBook } from '../risk/halt-book.ts';
import { inFlightSince, notResent, reconcileAccount, type Mismatch, type ReconcilePolicy, type ReconcileState } from './reconcile-account.ts';

export type ReconcilerLogger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
};

/** A routed read (brokers/accounts/broker-router.ts) names the accounts whose venue could not be read. */
const unreachableIn = (books: BrokerBooks & { unreachableAccounts?: readonly AccountId[] }): readonly AccountId[] => books.unreachableAccounts ?? [];

export type AccountReconciliation = { eventsRecovered: number; mismatches: number; blocked: boolean };

export type ReconcileReport = { events: number; resent: number; recanceled: number; blockedAccounts: AccountId[] };

export type ReconcilerOptions = ReconcilePolicy & {
  /** A mismatch must still be there this long after it was first seen (a second look at the books). */
  confirmAfterMs: number;
  /** How often the books are compared in full while running. */
  intervalMs: number;
};

/**
 * A mismatch an admin acknowledged, by account: the keys name no account (a position difference is
 * the instrument and the amount), and releasing one account's block must not silence another's.
 */
const acknowledgedKey = (accountId: string, key: string): string => `${accountId}|${key}`;
/** A start-up resend held for the second look, by account and client order id. */
const holdKey = (accountId: string, clientOrderId: string): string => `${accountId}|${clientOrderId}`;
/** Why a held resend is rejected when the account's books could not be read again. */
const UNCONFIRMED = "The broker's books disagreed with the journal at start-up and could not be read a second time to confirm it: place it again if it is still wanted.";

/** The trading state as reconciliation reads it (and when it last resent an order, if it did). */
export const reconcileStateOf = (
  state: TradingState,
  resentAt?: ReadonlyMap<OrderId, number>,
  broker?: Pick<Broker, 'sending'>,
  orders?: Pick<OrderManager, 'resendDenial'>,
  expiryCloseOf?: ReconcileState['expiryCloseOf'],
  settlementDueOf?: ReconcileState['settlementDueOf'],
): ReconcileState => ({
  resendDenial: (order) => orders?.resendDenial(order) ?? null,
  expiryCloseOf: (instrumentId) => expiryCloseOf?.(instrumentId),
  settlementDueOf: (instrumentId) => settlementDueOf?.(instrumentId),
  resentAt: (orderId) => resentAt?.get(orderId),
  sending: (accountId, clientOrderId) => broker?.sending?.(accountId, clientOrderId) ?? false,
  openOrders: (accountId) => state.openOrdersOf(accountId),
  findByClientOrderId: (accountId, clientOrderId) => state.findByClientOrderId(accountId, clientOrderId),
  findByBrokerOrderId: (accountId, brokerOrderId) => state.findByBrokerOrderId(accountId, brokerOrderId),
  hasTrade: (order, tradeId) => state.hasTrade(order, tradeId),
  pendingModify: (orderId) => state.pendingModify(orderId),
  netPositions: (accountId) => state.positionsOf(accountId),
});

export const DEFAULT_RECONCILER_OPTIONS: ReconcilerOptions = { inFlightGraceMs: 5_000, resendWithinMs: 60_000, confirmAfterMs: 1_000, intervalMs: 30_000 };

/**
 * Runs reconciliation against the broker's books: at start-up (before the engine takes commands),
 * whenever the broker connection comes back, when an order has been in flight past its grace, and
 * every `intervalMs`. Each account is settled under its lock, so reconciliation never interleaves
 * with that account's commands or live broker events.
 *
 * A mismatch blocks the account (a RECONCILIATION halt, with the mismatches in its details) only if
 * a second look at the books `confirmAfterMs` later still shows it: books fetched a moment before a
 * live update would otherwise look wrong. Mismatches an admin acknowledged by releasing the halt
 * are not raised again.
 */
export class Reconciler {
  /** Mismatches admins acknowledged (`acknowledgedKey`: per account). */
  private readonly acknowledged = new Set<string>();
  /** Orders sent again, and when: their in-flight grace counts from the resend (it journals nothing). */
  private readonly resentAt = new Map<OrderId, number>();
  /** Start-up resends held for the second look (`account|client order id`): in flight, whatever the grace. */
  private readonly holding = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReconcileReport> | null = null;
  private rerun = false;
  private lastFull = 0;
  private lastAttempt = 0;
  /** Per account: when (performance.now()) the newest run that compared it with the broker's books (and settled it) began. */
  private readonly looked = new Map<AccountId, number>();
  private stopped = false;
  private unsubscribe: (() => void)[] = [];
  private readonly options: ReconcilerOptions;

  constructor(
    private readonly deps: {
      broker: Broker;
      orders: OrderManager;
      state: TradingState;
      halts: HaltBook;
      clock: Clock;
      logger: ReconcilerLogger;
      options?: Partial<ReconcilerOptions>;
      /** A contract's expiry close (epoch ms), if it has one: positions in it are settled by ExpirySettlement. */
      expiryCloseOf?: (instrumentId: string) => number | undefined;
      /** By when such a position must be settled here (ReconcileState.settlementDueOf). */
      settlementDueOf?: (instrumentId: string) => number | undefined;
      /** After each full run, per account compared: what it recovered and whether it is blocked (broker account status). */
      onAccountReconciled?: (accountId: AccountId, outcome: AccountReconciliation) => void;
    },
  ) {
    this.options = { ...DEFAULT_RECONCILER_OPTIONS, ...deps.options };
    // An admin releasing a reconciliation halt acknowledges its mismatches.
    this.unsubscribe.push(
      this.deps.halts.onChange((halt) => {
        if (halt.releasedAt !== null) this.acknowledge(halt);
      }),
    );
  }

  /**
   * Mismatches released halts already acknowledged (read at start so a restart does not re-raise
   * them): every released reconciliation halt, however many halts of other kinds came since (a
   * Kite account gets a broker-session halt a day; the newest 1,000 of all kinds lost old ones).
   */
  async loadAcknowledged(): Promise<void> {
    for (const halt of await this.deps.halts.released('RECONCILIATION')) this.acknowledge(halt);
  }

  /** Starts the periodic checks and follows broker reconnects. */
  startPeriodic(checkEveryMs = 1_000): void {
    const reconnect = this.deps.broker.onConnectionChange?.((connected) => {
      if (connected) this.runInBackground();
    });
    if (reconnect) this.unsubscribe.push(reconnect);
    this.timer = setInterval(() => {
      const now = this.deps.clock.now();
      const sinceAttempt = Date.now() - this.lastAttempt;
      const due = Date.now() - this.lastFull >= this.options.intervalMs || (sinceAttempt >= 2 * checkEveryMs && this.hasStaleInFlight(now));
      if (due) this.runInBackground();
    }, checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
  }

  /**
   * When (performance.now()) the newest completed run that compared the account with the broker's
   * books began, or undefined: what those books showed then is at least as new as that moment. A run
   * whose first look found news its second look could not settle (books unreadable, or news again)
   * does not count: it vouches for nothing.
   */
  lookedAt(accountId: AccountId): number | undefined {
    return this.looked.get(accountId);
  }

  /** Asks for a run now (shared with one in progress, which then runs once more), without waiting for it. */
  request(): void {
    if (!this.stopped) this.runInBackground();
  }

  /**
   * A run nobody awaits (periodic, on reconnect, the rerun after one): a failure — the journal
   * unwritable for a moment, a halt that could not be stored — is logged and the next run tries
   * again; left unhandled it would end the process.
   */
  private runInBackground(): void {
    this.run(false).catch((error: unknown) => this.deps.logger.error({ err: error }, 'reconciliation failed; the next run tries again'));
  }

  /** One reconciliation; concurrent calls share the run in progress (and ask for one more after it). */
  run(startup: boolean): Promise<ReconcileReport> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.runOnce(startup).finally(() => {
      this.running = null;
      if (this.rerun && !this.stopped) {
        this.rerun = false;
        this.runInBackground();
      }
    });
    return this.running;
  }

  private async runOnce(startup: boolean): Promise<ReconcileReport> {
    const report: ReconcileReport = { events: 0, resent: 0, recanceled: 0, blockedAccounts: [] };
    const began = performance.now();
    this.lastAttempt = Date.now();
    let books: BrokerBooks;
    const booksReadAt = this.deps.clock.now();
    try {
      books = await this.deps.broker.books();
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'broker books unavailable; reconciliation will retry');
      return report;
    }
    this.lastFull = Date.now();
    const suspected = new Map<AccountId, Mismatch[]>();
    const compared = new Map<AccountId, { events: number; mismatches: number }>();
    // Start-up resends of an account with news in its books wait for the second look: it may block
    // the account, and an order sent meanwhile would go out past that block.
    const held = new Map<AccountId, Order[]>();
    for (const accountId of this.accountsIn(books)) {
      const eventsBefore = report.events;
      const mismatches = await this.settleAccount(accountId, books, booksReadAt, startup, report, (found, resend) => {
        if (this.fresh(accountId, found).length === 0) return false;
        held.set(accountId, resend);
        // In flight until released: the second look must not settle them as never received, however long it takes.
        for (const order of resend) this.holding.add(holdKey(order.accountId, order.clientOrderId));
        return true;
      });
      const fresh = this.fresh(accountId, mismatches);
      if (fresh.length > 0) suspected.set(accountId, fresh);
      compared.set(accountId, { events: report.events - eventsBefore, mismatches: fresh.length });
    }
    const { lookedAgain, vouched } = suspected.size > 0 && !this.stopped ? await this.confirm(suspected, report) : { lookedAgain: new Set<AccountId>(), vouched: new Set<AccountId>() };
    if (held.size > 0) await this.resendHeld(held, lookedAgain, report);
    // Not an account whose books disagreed and could not be settled by the second look (unreadable
    // then, or disagreeing anew): KeepFlat would size an exit from a position the broker may no longer hold.
    for (const accountId of compared.keys()) if (!suspected.has(accountId) || vouched.has(accountId)) this.looked.set(accountId, began);
    if (this.deps.onAccountReconciled) {
      for (const [accountId, { events, mismatches }] of compared) {
        const blocked = this.deps.halts.find('ACCOUNT', accountId, 'RECONCILIATION') !== undefined;
        this.deps.onAccountReconciled(accountId, { eventsRecovered: events, mismatches: blocked ? Math.max(mismatches, this.knownOnHalt(accountId).size) : mismatches, blocked });
      }
    }

    // A resent order the broker answered, or that was settled, no longer needs its resend time.
    for (const orderId of this.resentAt.keys()) if (this.deps.state.order(orderId)?.status !== 'SUBMITTED') this.resentAt.delete(orderId);
    if (report.events > 0 || report.resent > 0 || report.blockedAccounts.length > 0) this.deps.logger.info({ ...report, startup }, 'reconciled with the broker');
    return report;
  }

  /** The broker adapter is still sending the order, or a start-up resend of it is held (not settled yet either way). */
  private readonly sendingOrHeld: Pick<Broker, 'sending'> = {
    sending: (accountId, clientOrderId) => this.holding.has(holdKey(accountId, clientOrderId)) || (this.deps.broker.sending?.(accountId, clientOrderId) ?? false),
  };

  /** Mismatches that are news: not acknowledged by an admin, not already on the account's active halt. */
  private fresh(accountId: AccountId, mismatches: Mismatch[]): Mismatch[] {
    const onHalt = this.knownOnHalt(accountId);
    return mismatches.filter((mismatch) => !this.acknowledged.has(acknowledgedKey(accountId, mismatch.key)) && !onHalt.has(mismatch.key));
  }

  /**
   * Sends the start-up resends held for the second look — or, the account now blocked (or another
   * halt engaged meanwhile), rejects them with the halt's reason, as a start-up run does for an
   * order past a halt (ADR 0013). An account whose books could not be read again is not known to be
   * fine: its held orders are rejected as never received. Rejections are journaled before anything
   * is sent (a failed commit must not leave orders on the wire that the next start sends again).
   */
  private async resendHeld(held: Map<AccountId, Order[]>, lookedAgain: ReadonlySet<AccountId>, report: ReconcileReport): Promise<void> {
    const { orders, state, clock } = this.deps;
    try {
      for (const [accountId, resend] of held) {
        if (this.stopped) return;
        await orders.withAccount(accountId, async () => {
          const rejected: EngineEvent[] = [];
          const send: Order[] = [];
          for (const order of resend) {
            const current = state.order(order.orderId);
            if (current?.status !== 'SUBMITTED') continue;
            const halted = lookedAgain.has(accountId) ? orders.resendDenial(current) : { code: 'BROKER_NOT_RECEIVED', message: UNCONFIRMED };
            if (halted) rejected.push(notResent(current, halted, clock.now()));
            else send.push(current);
          }
          if (rejected.length > 0) {
            await orders.commit(rejected);
            report.events += rejected.length;
          }
          for (const order of send) {
            this.holding.delete(holdKey(order.accountId, order.clientOrderId));
            this.resentAt.set(order.orderId, clock.now());
            orders.resend(order);
          }
          report.resent += send.length;
        });
      }
    } finally {
      for (const resend of held.values()) for (const order of resend) this.holding.delete(holdKey(order.accountId, order.clientOrderId));
    }
  }

  /**
   * Looks at the books again and blocks the accounts whose mismatches are still there. Returns the
   * accounts it could look at again, and of those the ones now known to agree with the books or
   * blocked (`vouched`): not one that shows a mismatch only this second look has seen.
   */
  private async confirm(suspected: Map<AccountId, Mismatch[]>, report: ReconcileReport): Promise<{ lookedAgain: Set<AccountId>; vouched: Set<AccountId> }> {
    const lookedAgain = new Set<AccountId>();
    const vouched = new Set<AccountId>();
    await new Promise((resolve) => setTimeout(resolve, this.options.confirmAfterMs));
    let books: BrokerBooks;
    const booksReadAt = this.deps.clock.now();
    try {
      books = await this.deps.broker.books();
    } catch {
      return { lookedAgain, vouched }; // unconfirmed; the next run looks again
    }
    const unreachable = new Set(unreachableIn(books));
    for (const [accountId, first] of suspected) {
      if (unreachable.has(accountId)) continue; // unconfirmed: its venue could not be read this time
      const second = await this.settleAccount(accountId, books, booksReadAt, false, report);
      const again = new Set(second.map((mismatch) => mismatch.key));
      lookedAgain.add(accountId);
      const confirmed = first.filter((mismatch) => again.has(mismatch.key));
      if (confirmed.length > 0) {
        await this.block(accountId, confirmed);
        report.blockedAccounts.push(accountId);
      }
      // Once blocked, the confirmed ones are on its halt and no longer news.
      if (this.fresh(accountId, second).length === 0) vouched.add(accountId);
    }
    return { lookedAgain, vouched };
  }

  /** `hold`: whether to keep this run's resends back (given its mismatches and the resends; the caller keeps them). */
  private async settleAccount(
    accountId: AccountId,
    books: BrokerBooks,
    booksReadAt: number,
    startup: boolean,
    report: ReconcileReport,
    hold: (mismatches: Mismatch[], resend: Order[]) => boolean = () => false,
  ): Promise<Mismatch[]> {
    const { orders, state, clock } = this.deps;
    return orders.withAccount(accountId, async () => {
      const compare = (brokerBooks: BrokerBooks, readAt: number) =>
        reconcileAccount({ accountId, books: brokerBooks, booksReadAt: readAt, state: reconcileStateOf(state, this.resentAt, this.sendingOrHeld, orders, this.deps.expiryCloseOf, this.deps.settlementDueOf), now: clock.now(), startup, policy: this.options });
      let outcome = compare(books, booksReadAt);
      if (this.fresh(accountId, outcome.mismatches).length > 0) {
        // These books were read before this account's lock was taken: what it traded since is in
        // the journal but not in them (a busy account would look wrong at every run). Read them
        // again now that nothing here can move, and judge by those. Only for news: the read holds
        // the account's commands back, and an acknowledged mismatch (or one already on its halt)
        // blocks nothing.
        const freshReadAt = clock.now();
        const fresh = await this.deps.broker.books().catch(() => null);
        if (fresh && !unreachableIn(fresh).includes(accountId)) outcome = compare(fresh, freshReadAt);
      }
      if (outcome.events.length > 0) {
        await orders.commit(outcome.events);
        report.events += outcome.events.length;
      }
      const resend = outcome.resend.length > 0 && hold(outcome.mismatches, outcome.resend) ? [] : outcome.resend;
      for (const order of resend) {
        this.resentAt.set(order.orderId, clock.now());
        orders.resend(order);
      }
      for (const order of outcome.recancel) orders.sendCancel(order);
      report.resent += resend.length;
      report.recanceled += outcome.recancel.length;
      return outcome.mismatches;
    });
  }

  private async block(accountId: AccountId, mismatches: Mismatch[]): Promise<void> {
    const details = { mismatches: mismatches.map(({ kind, key, message, clientOrderId, instrumentId }) => ({ kind, key, message, clientOrderId, instrumentId })) };
    const existing = this.deps.halts.find('ACCOUNT', accountId, 'RECONCILIATION');
    if (existing) {
      // Already blocked: add only what is new (said once, not at every run while it stays blocked).
      const known = new Set(((existing.details['mismatches'] as { key: string }[] | undefined) ?? []).map((mismatch) => mismatch.key));
      const added = details.mismatches.filter((mismatch) => !known.has(mismatch.key));
      if (added.length === 0) return;
      this.deps.logger.error({ accountId, mismatches: added, haltId: existing.id }, 'more broker books disagree with the journal on a blocked account');
      await this.deps.halts.addDetails(existing.id, { mismatches: [...((existing.details['mismatches'] as unknown[]) ?? []), ...added] });
      return;
    }
    this.deps.logger.error({ accountId, mismatches: details.mismatches }, 'broker books disagree with the journal; account blocked until an admin reviews it');
    const first = mismatches[0] as Mismatch;
    await this.deps.halts.engage({
      scope: 'ACCOUNT',
      accountId,
      kind: 'RECONCILIATION',
      reason: mismatches.length === 1 ? first.message : `${first.message} (and ${mismatches.length - 1} more)`,
      flatten: false,
      engagedBy: null,
      details,
    });
  }

  private knownOnHalt(accountId: AccountId): ReadonlySet<string> {
    const halt = this.deps.halts.find('ACCOUNT', accountId, 'RECONCILIATION');
    return new Set(((halt?.details['mismatches'] as { key?: unknown }[] | undefined) ?? []).flatMap((mismatch) => (typeof mismatch.key === 'string' ? [mismatch.key] : [])));
  }

  private acknowledge(halt: TradingHalt): void {
    if (halt.kind !== 'RECONCILIATION' || halt.releasedAt === null || halt.accountId === null) return;
    for (const mismatch of (halt.details['mismatches'] as { key?: unknown }[] | undefined) ?? []) {
      if (typeof mismatch.key === 'string') this.acknowledged.add(acknowledgedKey(halt.accountId, mismatch.key));
    }
  }

  /**
   * Accounts to compare: every one the journal or the books know, except those whose venue could
   * not be read this time (a disconnected broker account): their silence is not "no orders".
   */
  private accountsIn(books: BrokerBooks): AccountId[] {
    const accounts = new Set<AccountId>(this.deps.state.accounts());
    for (const order of books.orders) accounts.add(order.accountId);
    for (const trade of books.trades) accounts.add(trade.accountId);
    for (const position of books.positions) accounts.add(position.accountId);
    for (const unreachable of unreachableIn(books)) accounts.delete(unreachable);
    return [...accounts];
  }

  private hasStaleInFlight(now: number): boolean {
    for (const order of this.deps.state.openOrders()) {
      const waiting = order.status === 'SUBMITTED' || order.status === 'PENDING_CANCEL' || order.status === 'PENDING_MODIFY';
      if (!waiting || now - inFlightSince(order, this.resentAt.get(order.orderId)) < this.options.inFlightGraceMs) continue;
      // Still on its way through the broker adapter: nothing to settle yet.
      if (!(this.deps.broker.sending?.(order.accountId, order.clientOrderId) ?? false)) return true;
    }
    return false;
  }
}
