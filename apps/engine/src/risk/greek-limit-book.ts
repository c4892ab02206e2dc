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
   * By account, then underlying: `get` runs for every order, and a `${account}|${underlying}` key
   * built per call would be hashed afresh each time.
   */
  private readonly byAccount = new Map<string, Map<string, GreekLimitRecord>>();

  private constructor(
    private readonly store: GreekLimitStore,
    records: readonly GreekLimitRecord[],
    private readonly options: GreekLimitBookOptions,
  ) {
    for (const record of records) this.remember(record);
  }

  private remember(record: GreekLimitRecord): void {
    let underlyings = this.byAccount.get(record.accountId);
    if (!underlyings) this.byAccount.set(record.accountId, (underlyings = new Map()));
    underlyings.set(record.underlying, record);
  }

  static async load(store: GreekLimitStore, options: GreekLimitBookOptions = {}): Promise<GreekLimitBook> {
    return new GreekLimitBook(store, await store.list(), options);
  }

  get(accountId: AccountId, underlying: string): GreekLimitRecord | undefined {
    return this.byAccount.get(accountId)?.get(underlying);
  }

  list(accountId?: AccountId): GreekLimitRecord[] {
    const accounts = accountId === undefined ? [...this.byAccount.values()] : [this.byAccount.get(accountId) ?? new Map<string, GreekLimitRecord>()];
    return accounts
      .flatMap((underlyings) => [...underlyings.values()])
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.underlying.localeCompare(b.underlying));
  }

  /** Both maxima null removes the limit (the returned record then shows nulls). INSTRUMENT_NOT_FOUND for an unknown underlying. */
  set(limit: GreekLimit, userId: UserId): Promise<GreekLimitRecord> {
    if (this.options.knownUnderlying && !this.options.knownUnderlying(limit.underlying)) {
      return Promise.reject(new DomainError('INSTRUMENT_NOT_FOUND', `Unknown underlying ${limit.underlying}.`));
    }
    return this.writes.run(keyOf(limit.accountId, limit.underlying), async () => {
      const record = await this.store.set(limit, userId);
      if (record.maxAbsDeltaLots === null && record.maxAbsVegaRupees === null) this.byAccount.get(limit.accountId)?.delete(limit.underlying);
      else this.remember(record);
      return record;
    });
  }
}
