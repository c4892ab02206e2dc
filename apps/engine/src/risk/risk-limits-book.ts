import {
  DEFAULT_RISK_LIMITS,
  DomainError,
  type AccountId,
  type RiskLimits,
  type RiskLimitsVersion,
  type SetRiskLimitsInput,
  type UserId,
} from '@strikedesk/domain';
import { RiskLimitsVersionConflictError, type RiskLimitsStore } from '@strikedesk/db/client';
import { KeyedMutex } from '../orders/keyed-mutex.ts';

/**
 * Every account's current risk limits in memory (the pre-trade check runs synchronously inside the
 * OMS), loaded at start and written through to PostgreSQL before memory changes. Versioned: a
 * change is a new version based on the one the admin was looking at; a stale base is refused with
 * RISK_LIMITS_VERSION_CONFLICT instead of overwriting a colleague's change. Version 0 is the
 * engine's defaults, which every account has until an admin sets something.
 */
export class RiskLimitsBook {
  private readonly writes = new KeyedMutex();

  private constructor(
    private readonly store: RiskLimitsStore,
    private readonly current: Map<string, RiskLimitsVersion>,
    private readonly defaults: RiskLimits,
  ) {}

  static async load(store: RiskLimitsStore, defaults: RiskLimits = DEFAULT_RISK_LIMITS): Promise<RiskLimitsBook> {
    const latest = await store.latest();
    return new RiskLimitsBook(store, new Map(latest.map((version) => [version.accountId, version])), defaults);
  }

  /** The version an order is checked against now. */
  get(accountId: AccountId): RiskLimitsVersion {
    return this.current.get(accountId) ?? this.defaultVersion(accountId);
  }

  /** Accounts with an admin-set version (others run on the defaults, version 0). */
  list(): RiskLimitsVersion[] {
    return [...this.current.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  /** Every version of an account, newest first, ending with the defaults (version 0). */
  async history(accountId: AccountId): Promise<RiskLimitsVersion[]> {
    return [...(await this.store.history(accountId)), this.defaultVersion(accountId)];
  }

  set(change: SetRiskLimitsInput, userId: UserId): Promise<RiskLimitsVersion> {
    return this.writes.run(change.accountId, async () => {
      const current = this.get(change.accountId);
      if (change.baseVersion !== current.version) throw conflict(current.version);
      try {
        const written = await this.store.append({ ...change, changedBy: userId });
        this.current.set(written.accountId, written);
        return written;
      } catch (error) {
        if (error instanceof RiskLimitsVersionConflictError) throw conflict(current.version);
        throw error;
      }
    });
  }

  private defaultVersion(accountId: AccountId): RiskLimitsVersion {
    return { accountId, version: 0, limits: this.defaults, changedBy: null, changedAt: 0, comment: 'Engine defaults' };
  }
}

const conflict = (current: number): DomainError =>
  new DomainError('RISK_LIMITS_VERSION_CONFLICT', `These limits are now at version ${current}. Reload and apply your change again.`);
