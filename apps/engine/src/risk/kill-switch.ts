import type { AccountId, EngageKillSwitchCommand, ReleaseHaltCommand, TradingHalt } from '@strikedesk/domain';
import { KeyedMutex } from '../orders/keyed-mutex.ts';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { HaltBook } from './halt-book.ts';

/**
 * The kill switch, per account or global: records who engaged it, when and why (a halt), which
 * blocks every new order of its scope — terminal, API, webhook or strategy alike — until an admin
 * releases it; then cancels every open order and, if asked, flattens every position with MARKET
 * orders (sliced above the freeze quantity). What it cancelled and sent is added to the halt's
 * details. Engaging it again (e.g. to flatten after all) reuses the active halt and records the
 * new request beside the first; engages of one scope run one at a time, so two clicks at once
 * cannot create two halts.
 */
export class KillSwitch {
  private readonly engaging = new KeyedMutex();

  constructor(
    private readonly deps: {
      halts: HaltBook;
      orders: OrderManager;
      state: TradingState;
      logger: { warn(details: object, message: string): void; info(details: object, message: string): void };
      settleMs?: number;
    },
  ) {}

  engage(command: EngageKillSwitchCommand): Promise<TradingHalt> {
    const scopeKey = command.halt.scope === 'GLOBAL' ? 'GLOBAL' : command.accountId;
    return this.engaging.run(scopeKey, () => this.engageLocked(command));
  }

  private async engageLocked(command: EngageKillSwitchCommand): Promise<TradingHalt> {
    const { scope, reason, flatten } = command.halt;
    const accountId = scope === 'GLOBAL' ? null : command.accountId;
    // The halt is written first: from here on no new order of the scope passes, so nothing can
    // slip in between the cancels.
    const existing = this.deps.halts.find(scope, accountId, 'KILL_SWITCH');
    const halt = existing ?? (await this.deps.halts.engage({ scope, accountId, kind: 'KILL_SWITCH', reason, flatten, engagedBy: command.userId }));
    const accounts: AccountId[] = accountId === null ? this.deps.state.accounts() : [accountId];
    const results = await Promise.all(
      accounts.map(async (account) => {
        if (flatten) return this.deps.orders.flatten({ accountId: account, userId: command.userId, origin: 'KILL_SWITCH', ...(this.deps.settleMs ? { settleMs: this.deps.settleMs } : {}) });
        return { canceled: await this.deps.orders.cancelOpenOrders(account), exits: [] };
      }),
    );
    const canceledOrderIds = results.flatMap((result) => result.canceled.map((order) => order.orderId));
    const exitOrderIds = results.flatMap((result) => result.exits.map((order) => order.orderId));
    this.deps.logger.info({ haltId: halt.id, scope, accountId, canceled: canceledOrderIds.length, exits: exitOrderIds.length }, 'kill switch engaged');
    const previous = (key: string): unknown[] => (Array.isArray(halt.details[key]) ? (halt.details[key] as unknown[]) : []);
    return this.deps.halts.addDetails(halt.id, {
      canceledOrderIds: [...previous('canceledOrderIds'), ...canceledOrderIds],
      exitOrderIds: [...previous('exitOrderIds'), ...exitOrderIds],
      // Engaged again while active: who asked, why, and whether it flattened this time.
      ...(existing ? { reengaged: [...previous('reengaged'), { by: command.userId, at: Date.now(), reason, flatten }] } : {}),
    });
  }

  release(command: ReleaseHaltCommand): Promise<TradingHalt> {
    return this.deps.halts.release(command.release.haltId, command.userId, command.release.note);
  }
}
