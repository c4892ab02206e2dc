import type { AccountId, GreekLimit, GreekLimitRecord, UserId } from '@strikedesk/domain';
import type { GreekLimitStore } from '@strikedesk/db/client';

const keyOf = (accountId: string, underlying: string): string => `${accountId}|${underlying}`;

/**
 * The accounts' Greek limits in memory (the pre-trade check runs synchronously inside the OMS),
 * loaded once at start and written through to PostgreSQL before memory changes, so a restart
 * finds exactly what was acknowledged.
 */
export class GreekLimitBook {
  private constructor(
    private readonly store: GreekLimitStore,
    private readonly limits: Map<string, GreekLimitRecord>,
  ) {}

  static async load(store: GreekLimitStore): Promise<GreekLimitBook> {
    const records = await store.list();
    return new GreekLimitBook(store, new Map(records.map((record) => [keyOf(record.accountId, record.underlying), record])));
  }

  get(accountId: AccountId, underlying: string): GreekLimitRecord | undefined {
    return this.limits.get(keyOf(accountId, underlying));
  }

  list(accountId?: AccountId): GreekLimitRecord[] {
    return [...this.limits.values()]
      .filter((record) => accountId === undefined || record.accountId === accountId)
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.underlying.localeCompare(b.underlying));
  }

  /** Both maxima null removes the limit (the returned record then shows nulls). */
  async set(limit: GreekLimit, userId: UserId): Promise<GreekLimitRecord> {
    const record = await this.store.set(limit, userId);
    const key = keyOf(limit.accountId, limit.underlying);
    if (record.maxAbsDeltaLots === null && record.maxAbsVegaRupees === null) this.limits.delete(key);
    else this.limits.set(key, record);
    return record;
  }
}
