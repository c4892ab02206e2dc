import { ENGINE_USER_ID, type AccountId, type OrderOrigin, type TradingHalt } from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import type { ExitScope, OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import { EXIT_ORIGINS } from './exit-origins.ts';
import type { HaltBook } from './halt-book.ts';

/** Least time between two closing attempts on one account (an exit refused, or its fill still on the way). */
const RETRY_AFTER_MS = 10_000;
/** Exits sent per halt and position before the engine gives up and says so. */
const MAX_ATTEMPTS = 3;

type Position = NonNullable<ExitScope>[number];

export type KeepFlatDeps = {
  halts: HaltBook;
  orders: OrderManager;
  state: TradingState;
  clock: Clock;
  isMarketOpen(now: number): boolean;
  /** Why an account must be left alone now (not routable, or its positions are in doubt), or null. */
  holdReason(accountId: AccountId): string | null;
  /**
   * Reconciliation's looks at the broker's books: when (performance.now()) the newest completed one
   * that compared the account began, and asking for one now.
   */
  reconciliation: { lookedAt(accountId: AccountId): number | undefined; request(): void };
  logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
};

/** The origin of a flattening halt's exits, or null for a halt that does not flatten. */
export function flattenOrigin(halt: TradingHalt): OrderOrigin | null {
  if (halt.kind === 'DAILY_LOSS') return halt.flatten ? 'RISK' : null;
  if (halt.kind !== 'KILL_SWITCH') return null;
  // Engaged without flatten and engaged again with it: the halt row keeps its first request.
  const again = Array.isArray(halt.details['reengaged']) ? (halt.details['reengaged'] as unknown[]) : [];
  const flattens = halt.flatten || again.some((request) => typeof request === 'object' && request !== null && (request as { flatten?: unknown }).flatten === true);
  return flattens ? 'KILL_SWITCH' : null;
}

/**
 * Keeps an account flat while a halt that flattened it is engaged (a kill switch with flatten, a
 * daily-loss stop with square-off). The halt's flatten runs once: an exit the broker could not
 * cancel in time fills beside the flatten's own (ADR 0011: the flatten does not count it, or the
 * position could stay open), an order in flight at the engage fills late, the flatten's exit is
 * refused, or the engine stopped between recording the halt and sending the exits. Each leaves a
 * position the halt promised to close — after an over-close, one the trader never had: a naked
 * short option. So every few seconds a position still open under such a halt, with no exit working
 * on it, gets a MARKET exit of the halt's origin (the trader's own orders on it are cancelled
 * first, as the halt's flatten did), recorded in the halt's details (`keptFlat`).
 *
 * Only once the broker's books confirm it: a reconciliation that began after the position was
 * seen open here must have compared the account (and not blocked it). The engine's position is
 * what its journal says; a trader who closed it in the broker's own terminal meanwhile (or while
 * the session was down) would get a second close — a position the other way — sized from a stale
 * one. Such a trade makes reconciliation block the account instead, and a blocked account is left
 * alone. Left alone too, with a warning: accounts the engine cannot route, accounts being
 * flattened right now (the halt's own flatten), the market closed — and, with an error, a position
 * after MAX_ATTEMPTS exits, which a person has to look at.
 */
export class KeepFlat {
  private readonly lastAttempt = new Map<AccountId, number>();
  /** `haltId|account|instrument|product` → exits sent for it. */
  private readonly attempts = new Map<string, number>();
  /** `account|instrument|product` → when (performance.now()) it was first seen open with no exit working. */
  private readonly openSince = new Map<string, number>();
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(private readonly deps: KeepFlatDeps) {}

  start(intervalMs = 2_000): void {
    this.timer = setInterval(() => {
      this.check().catch((error: unknown) => this.deps.logger.error({ err: error }, 'keeping halted accounts flat failed; the next pass retries'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over the accounts under a flattening halt; returns the exits it sent. */
  async check(): Promise<number> {
    if (this.checking) return 0;
    this.checking = true;
    try {
      const now = this.deps.clock.now();
      let sent = 0;
      let unconfirmed = false;
      for (const [accountId, halt] of this.accountsToKeepFlat()) {
        try {
          const outcome = await this.closeWhatIsLeft(accountId, halt, now);
          sent += outcome.sent;
          unconfirmed ||= outcome.unconfirmed;
        } catch (error) {
          // One account's failure (its journal write, its halt's details) must not keep the others open.
          this.deps.logger.error({ err: error, accountId, haltId: halt.id }, 'could not close a position left open under a flattening halt; the next pass retries');
        }
      }
      if (unconfirmed) this.deps.reconciliation.request();
      return sent;
    } finally {
      this.checking = false;
    }
  }

  /** Each account with a position under an active flattening halt, with the halt (its own before a global one). */
  private accountsToKeepFlat(): Map<AccountId, TradingHalt & { origin: OrderOrigin }> {
    const accounts = new Map<AccountId, TradingHalt & { origin: OrderOrigin }>();
    const halts = this.deps.halts.active().filter((halt) => flattenOrigin(halt) !== null);
    if (halts.length === 0) {
      this.openSince.clear();
      return accounts;
    }
    const withPositions = new Set(this.deps.state.accountsWithOpenPositions());
    for (const halt of [...halts].sort((a, b) => (a.scope === b.scope ? 0 : a.scope === 'ACCOUNT' ? -1 : 1))) {
      const origin = flattenOrigin(halt) as OrderOrigin;
      const covered = halt.accountId === null ? [...withPositions] : withPositions.has(halt.accountId) ? [halt.accountId] : [];
      for (const accountId of covered) if (!accounts.has(accountId)) accounts.set(accountId, { ...halt, origin });
    }
    // An account that went flat (or out of the halt) starts afresh: its next open position must be confirmed anew.
    for (const key of this.openSince.keys()) if (!accounts.has(key.slice(0, key.indexOf('|')) as AccountId)) this.openSince.delete(key);
    return accounts;
  }

  private async closeWhatIsLeft(accountId: AccountId, halt: TradingHalt & { origin: OrderOrigin }, now: number): Promise<{ sent: number; unconfirmed: boolean }> {
    const { orders, logger } = this.deps;
    const nothing = { sent: 0, unconfirmed: false };
    const open = this.openWithoutExit(accountId);
    if (open.length === 0 || orders.isFlattening(accountId)) return nothing;
    const hold = this.deps.isMarketOpen(now) ? this.deps.holdReason(accountId) : 'the market is closed';
    if (hold !== null) {
      this.warnOnce(`${halt.id}|${accountId}|hold|${hold}`, { accountId, haltId: halt.id, reason: hold, positions: open }, 'positions still open under a flattening halt are left alone for now');
      return nothing;
    }
    const lookedAt = this.deps.reconciliation.lookedAt(accountId) ?? Number.NEGATIVE_INFINITY;
    const confirmed = open.filter((position) => lookedAt > (this.openSince.get(this.positionKey(accountId, position)) ?? Number.POSITIVE_INFINITY));
    const unconfirmed = confirmed.length < open.length;
    const due = confirmed.filter((position) => (this.attempts.get(this.attemptKey(halt, accountId, position)) ?? 0) < MAX_ATTEMPTS);
    for (const position of confirmed.filter((each) => !due.includes(each))) {
      if (this.warned.has(`${this.attemptKey(halt, accountId, position)}|gave-up`)) continue;
      this.warned.add(`${this.attemptKey(halt, accountId, position)}|gave-up`);
      logger.error({ accountId, haltId: halt.id, ...position }, `a position is still open under a flattening halt after ${MAX_ATTEMPTS} exits: close it by hand`);
    }
    const last = this.lastAttempt.get(accountId);
    if (due.length === 0 || (last !== undefined && now - last < RETRY_AFTER_MS)) return { sent: 0, unconfirmed };
    // Asked again under the account's lock: the halt may have been released while this pass waited.
    const stillHalted = (): boolean => this.deps.halts.active(accountId).some((each) => each.id === halt.id);
    const { exits } = await orders.flatten({ accountId, userId: ENGINE_USER_ID, origin: halt.origin, scope: due, keepExit: () => true, onlyIf: stillHalted });
    if (exits.length === 0) return { sent: 0, unconfirmed };
    this.lastAttempt.set(accountId, now);
    for (const position of due) {
      if (!exits.some((exit) => exit.instrumentId === position.instrumentId && exit.product === position.product)) continue;
      const key = this.attemptKey(halt, accountId, position);
      this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
    }
    logger.warn(
      { accountId, haltId: halt.id, positions: due, exits: exits.map((order) => [order.orderId, order.status, order.reasonCode]) },
      'a position was open under a flattening halt (an exit that could not be cancelled filled, a late fill, a refused exit): closing it',
    );
    // The halt as it is now (its details may have grown since this pass began).
    const current = this.deps.halts.active(accountId).find((each) => each.id === halt.id) ?? halt;
    const recorded = Array.isArray(current.details['keptFlat']) ? (current.details['keptFlat'] as unknown[]) : [];
    await this.deps.halts.addDetails(halt.id, { keptFlat: [...recorded, { at: now, exitOrderIds: exits.map((order) => order.orderId) }] });
    return { sent: exits.length, unconfirmed };
  }

  /**
   * The account's open positions with no exit working or in flight on them (those are left to
   * finish), each remembered from when it was first seen so; the others are forgotten.
   */
  private openWithoutExit(accountId: AccountId): Position[] {
    const { state } = this.deps;
    const exiting = new Set(state.openOrdersOf(accountId).flatMap((order) => (EXIT_ORIGINS.has(order.origin) ? [`${order.instrumentId}|${order.product}`] : [])));
    const open = state
      .netPositions(accountId)
      .filter((position) => position.netQuantity !== 0 && !exiting.has(`${position.instrumentId}|${position.product}`))
      .map(({ instrumentId, product }) => ({ instrumentId, product }));
    const keys = new Set(open.map((position) => this.positionKey(accountId, position)));
    for (const key of this.openSince.keys()) if (key.startsWith(`${accountId}|`) && !keys.has(key)) this.openSince.delete(key);
    const seen = performance.now();
    for (const key of keys) if (!this.openSince.has(key)) this.openSince.set(key, seen);
    return open;
  }

  private positionKey(accountId: AccountId, position: Position): string {
    return `${accountId}|${position.instrumentId}|${position.product}`;
  }

  private attemptKey(halt: TradingHalt, accountId: AccountId, position: Position): string {
    return `${halt.id}|${this.positionKey(accountId, position)}`;
  }

  private warnOnce(key: string, details: object, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.deps.logger.warn(details, message);
  }
}
