import type { AccountId, EngageKillSwitchCommand, ReleaseHaltCommand, TradingHalt } from '@strikedesk/domain';
import { KeyedMutex } from '../orders/keyed-mutex.ts';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { HaltBook } from './halt-book.ts';

/**
 * Halts under which no entry order may keep working: the kill switch (it refuses every new one but
 * exits). Not a daily-loss stop: it lets a trader's risk-reducing orders through.
 */
const cancelsOrders = (halt: TradingHalt): boolean => halt.kind === 'KILL_SWITCH';

/**
 * The kill switch, per account or global: records who engaged it, when and why (a halt), which
 * blocks every new order of its scope — terminal, API, webhook or strategy alike — until an admin
 * releases it; then cancels every open order but the exits and, if asked, flattens every position
 * with MARKET orders (sliced above the freeze quantity; the flatten replaces a trader's exits, and
 * leaves those of another halt's flatten working — OrderManager.flatten). What it cancelled and sent is added to the halt's
 * details. Engaging it again (e.g. to flatten after all) reuses the active halt and records the
 * new request beside the first; engages of one scope run one at a time, so two clicks at once
 * cannot create two halts.
 */
export class KillSwitch {
  private readonly engaging = new KeyedMutex();
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly deps: {
      halts: HaltBook;
      orders: OrderManager;
      state: TradingState;
      logger: { warn(details: object, message: string): void; info(details: object, message: string): void; error(details: object, message: string): void };
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
    const accounts = this.accountsUnder(accountId);
    const results = await Promise.all(
      accounts.map(async (account) => {
        if (flatten) return this.deps.orders.flatten({ accountId: account, userId: command.userId, origin: 'KILL_SWITCH', ...(this.deps.settleMs ? { settleMs: this.deps.settleMs } : {}) });
        // Exits keep working (a trader's square-off, an earlier flatten's): they take the account out.
        const stillEngaged = (): boolean => this.deps.halts.active(account).some((each) => each.id === halt.id);
        return { canceled: await this.deps.orders.cancelWorkingEntries(account, stillEngaged), exits: [] };
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

  /** Sweeps every `intervalMs` while the engine runs (see `sweep`). */
  startSweeping(intervalMs = 2_000): void {
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.deps.logger.error({ err: error }, 'kill switch sweep failed; the next one retries'));
    }, intervalMs);
    this.sweepTimer.unref();
  }

  stopSweeping(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  /**
   * Cancels again whatever an engaged kill switch still leaves working: an order whose cancel the
   * broker refused ("being processed") works on, and after a restart nothing else would ask again.
   * Exits are left alone (they take the account out), and so are orders already pending cancel
   * (reconciliation re-sends a cancel whose answer was lost). Returns the cancels it requested.
   */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const halts = this.deps.halts.active().filter(cancelsOrders);
      if (halts.length === 0) return 0;
      let requested = 0;
      for (const account of new Set(halts.flatMap((halt) => this.accountsUnder(halt.accountId)))) {
        try {
          // Asked again under the account's lock: the halt may have been released meanwhile.
          const canceled = await this.deps.orders.cancelWorkingEntries(account, () => this.deps.halts.active(account).some(cancelsOrders));
          if (canceled.length > 0) this.deps.logger.warn({ accountId: account, orderIds: canceled.map((order) => order.orderId) }, 'kill switch engaged: cancelling orders still working');
          requested += canceled.length;
        } catch (error) {
          this.deps.logger.error({ err: error, accountId: account }, 'kill switch engaged: could not cancel the orders still working; the next sweep retries');
        }
      }
      return requested;
    } finally {
      this.sweeping = false;
    }
  }

  /** The accounts a halt covers: one, or every account the engine knows (GLOBAL). */
  private accountsUnder(accountId: AccountId | null): AccountId[] {
    return accountId === null ? this.deps.state.accounts() : [accountId];
  }

  release(command: ReleaseHaltCommand): Promise<TradingHalt> {
    return this.deps.halts.release(command.release.haltId, command.userId, command.release.note);
  }
}
