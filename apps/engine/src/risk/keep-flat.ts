import { ENGINE_USER_ID, type AccountId, type OrderOrigin, type TradingHalt } from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import type { ExitScope, OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { HaltBook } from './halt-book.ts';

/** Least time between two closing attempts on one account (an exit refused, or its fill still on the way). */
const RETRY_AFTER_MS = 10_000;
/** Closing attempts per halt and position before the engine gives up and says so. */
const MAX_ATTEMPTS = 3;

export type KeepFlatDeps = {
  halts: HaltBook;
  orders: OrderManager;
  state: TradingState;
  clock: Clock;
  isMarketOpen(now: number): boolean;
  /** Why an account must be left alone now (not routable, or its positions are in doubt), or null. */
  holdReason(accountId: AccountId): string | null;
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
 * short option. So every few seconds a position still open under such a halt, with no order working
 * on it, gets a MARKET exit of the halt's origin, recorded in the halt's details (`keptFlat`).
 *
 * Left alone, with a warning: accounts the engine cannot route or whose positions reconciliation
 * disputes (an exit sized from a doubtful position could open one), accounts being flattened right
 * now (the halt's own flatten), the market closed — and a position after MAX_ATTEMPTS exits, which
 * a person has to look at.
 */
export class KeepFlat {
  private readonly lastAttempt = new Map<AccountId, number>();
  /** `haltId|account|instrument|product` → exits sent for it. */
  private readonly attempts = new Map<string, number>();
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
      for (const [accountId, halt] of this.accountsToKeepFlat()) {
        const last = this.lastAttempt.get(accountId);
        if (last !== undefined && now - last < RETRY_AFTER_MS) continue;
        sent += await this.closeWhatIsLeft(accountId, halt, now);
      }
      return sent;
    } finally {
      this.checking = false;
    }
  }

  /** Each account with a position under an active flattening halt, with the halt (its own before a global one). */
  private accountsToKeepFlat(): Map<AccountId, TradingHalt & { origin: OrderOrigin }> {
    const accounts = new Map<AccountId, TradingHalt & { origin: OrderOrigin }>();
    const halts = this.deps.halts.active().filter((halt) => flattenOrigin(halt) !== null);
    if (halts.length === 0) return accounts;
    const withPositions = new Set(this.deps.state.accountsWithOpenPositions());
    for (const halt of [...halts].sort((a, b) => (a.scope === b.scope ? 0 : a.scope === 'ACCOUNT' ? -1 : 1))) {
      const origin = flattenOrigin(halt) as OrderOrigin;
      const covered = halt.accountId === null ? [...withPositions] : withPositions.has(halt.accountId) ? [halt.accountId] : [];
      for (const accountId of covered) if (!accounts.has(accountId)) accounts.set(accountId, { ...halt, origin });
    }
    return accounts;
  }

  private async closeWhatIsLeft(accountId: AccountId, halt: TradingHalt & { origin: OrderOrigin }, now: number): Promise<number> {
    const { orders, logger } = this.deps;
    if (orders.isFlattening(accountId)) return 0;
    const scope = this.uncovered(accountId);
    if (scope.length === 0) return 0;
    const hold = this.deps.isMarketOpen(now) ? this.deps.holdReason(accountId) : 'the market is closed';
    if (hold !== null) {
      this.warnOnce(`${halt.id}|${accountId}|hold`, { accountId, haltId: halt.id, reason: hold, positions: scope }, 'positions still open under a flattening halt are left alone for now');
      return 0;
    }
    const due = scope.filter((position) => (this.attempts.get(this.key(halt, accountId, position)) ?? 0) < MAX_ATTEMPTS);
    for (const position of scope.filter((each) => !due.includes(each))) {
      this.warnOnce(`${this.key(halt, accountId, position)}|gave-up`, { accountId, haltId: halt.id, ...position }, `a position is still open under a flattening halt after ${MAX_ATTEMPTS} exits: close it by hand`);
    }
    if (due.length === 0) return 0;
    this.lastAttempt.set(accountId, now);
    for (const position of due) this.attempts.set(this.key(halt, accountId, position), (this.attempts.get(this.key(halt, accountId, position)) ?? 0) + 1);
    // Asked again under the account's lock: the halt may have been released while this pass waited.
    const stillHalted = (): boolean => this.deps.halts.active(accountId).some((each) => each.id === halt.id);
    const { exits } = await orders.flatten({ accountId, userId: ENGINE_USER_ID, origin: halt.origin, scope: due, keepExit: () => true, onlyIf: stillHalted });
    if (exits.length === 0) return 0;
    logger.warn(
      { accountId, haltId: halt.id, positions: due, exits: exits.map((order) => [order.orderId, order.status, order.reasonCode]) },
      'a position was open under a flattening halt (an exit that could not be cancelled filled, a late fill, a refused exit): closing it',
    );
    // The halt as it is now (its details may have grown since this pass began).
    const current = this.deps.halts.active(accountId).find((each) => each.id === halt.id) ?? halt;
    const recorded = Array.isArray(current.details['keptFlat']) ? (current.details['keptFlat'] as unknown[]) : [];
    await this.deps.halts.addDetails(halt.id, { keptFlat: [...recorded, { at: now, exitOrderIds: exits.map((order) => order.orderId) }] });
    return exits.length;
  }

  /** The account's open positions with no order working or in flight on them (those are left to finish). */
  private uncovered(accountId: AccountId): NonNullable<ExitScope> {
    const { state } = this.deps;
    const working = new Set(state.openOrdersOf(accountId).map((order) => `${order.instrumentId}|${order.product}`));
    return state
      .netPositions(accountId)
      .filter((position) => position.netQuantity !== 0 && !working.has(`${position.instrumentId}|${position.product}`))
      .map(({ instrumentId, product }) => ({ instrumentId, product }));
  }

  private key(halt: TradingHalt, accountId: AccountId, position: { instrumentId: string; product: string }): string {
    return `${halt.id}|${accountId}|${position.instrumentId}|${position.product}`;
  }

  private warnOnce(key: string, details: object, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.deps.logger.warn(details, message);
  }
}
