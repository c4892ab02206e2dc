import { DomainError, type AccountId, type GreekLimit, type GreekLimitRecord, type UserId } from '@strikedesk/domain';
import type { GreekLimitStore } from '@strikedesk/db/client';
import { KeyedMutex } from '../orders/keyed-mutex.ts';

const keyOf = (accountId: string, underlying: string): string => `${accountId}|${underlying}`;

export type GreekLimitBookOptions = {
  /** Whether the instrument catalog lists this underlying; a limit on anything else is refused. */
  knownUnderlying?(underlying: string): boolean;
};

/**
 * The accounts' Greek limits in memory (the pre-trade check runs synchronously inside the OMS),
 * loaded once at start and written through to PostgreSQL before memory changes, so a restart
 * finds exactly what was acknowledged. Writes of one (account, underlying) are serialised: two
 * concurrent sets would otherwise reach the database in one order and memory in the other (the
 * later answer wins in memory), leaving the check enforcing a limit the database does not hold.
 */
export class GreekLimitBook {
  private readonly writes = new KeyedMutex();
  /**
   * The same records by account, then underlying, for `get`: it runs for every order, and a
   * `${account}|${underlying}` key built per call must be hashed afresh each time.
   */
  private readonly byAccount = new Map<string, Map<string, GreekLimitRecord>>();

  private constructor(
    private readonly store: GreekLimitStore,
    private readonly limits: Map<string, GreekLimitRecord>,
    private readonly options: GreekLimitBookOptions,
  ) {
    for (const record of limits.values()) this.index(record);
  }

  private index(record: GreekLimitRecord): void {
    let underlyings = this.byAccount.get(record.accountId);
    if (!underlyings) this.byAccount.set(record.accountId, (underlyings = new Map()));
    underlyings.set(record.underlying, record);
  }

  static async load(store: GreekLimitStore, options: GreekLimitBookOptions = {}): Promise<GreekLimitBook> {
    const records = await store.list();
    return new GreekLimitBook(store, new Map(records.map((record) => [keyOf(record.accountId, record.underlying), record])), options);
  }

  get(accountId: AccountId, underlying: string): GreekLimitRecord | undefined {
    return this.byAccount.get(accountId)?.get(underlying);
  }

  list(accountId?: AccountId): GreekLimitRecord[] {
    return [...this.limits.values()]
      .filter((record) => accountId === undefined || record.accountId === accountId)
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.underlying.localeCompare(b.underlying));
  }

  /** Both maxima null removes the limit (the returned record then shows nulls). INSTRUMENT_NOT_FOUND for an unknown underlying. */
  set(limit: GreekLimit, userId: UserId): Promise<GreekLimitRecord> {
    if (this.options.knownUnderlying && !this.options.knownUnderlying(limit.underlying)) {
      return Promise.reject(new DomainError('INSTRUMENT_NOT_FOUND', `Unknown underlying ${limit.underlying}.`));
    }
    const key = keyOf(limit.accountId, limit.underlying);
    return this.writes.run(key, async () => {
      const record = await this.store.set(limit, userId);
      if (record.maxAbsDeltaLots === null && record.maxAbsVegaRupees === null) {
        this.limits.delete(key);
        this.byAccount.get(limit.accountId)?.delete(limit.underlying);
      } else {
        this.limits.set(key, record);
        this.index(record);
      }
      return record;
    });
  }
}
