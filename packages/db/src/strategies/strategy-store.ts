import { randomUUID } from 'node:crypto';
import {
  DomainError,
  StrategyConfigSchema,
  StrategySchema,
  type AccountId,
  type Strategy,
  type StrategyConfig,
  type StrategyId,
  type StrategyMode,
  type StrategyTemplate,
  type StrategyVersion,
  type UserId,
} from '@strikedesk/domain';
import type pg from 'pg';
import { inTransaction } from '../transaction.ts';

/** A strategy as the webhook intake needs it: its secrets' hashes, the config in force, whether its owner may trade. */
export type WebhookStrategy = { strategy: Strategy; passphraseHash: string | null; ownerCanTrade: boolean };

/** An owner disabled, or no longer in a trading role, trades nothing through their strategies. */
const OWNER_CAN_TRADE = `(SELECT u.disabled_at IS NULL AND u.role IN ('admin', 'trader') FROM users u WHERE u.id = s.user_id)`;

/**
 * Strategies and their versioned configuration (tables strategies, strategy_versions, migration
 * 0006). Every read and write of a trader's strategy names the owner: another user's strategy is
 * STRATEGY_NOT_FOUND, never someone else's data.
 */
export type StrategyStore = {
  create(input: {
    userId: UserId;
    accountId: AccountId;
    name: string;
    template: StrategyTemplate;
    mode: StrategyMode;
    config: StrategyConfig;
    passphraseHash: string | null;
    tokenHash: string;
    tokenHint: string;
  }): Promise<Strategy>;
  list(userId: UserId): Promise<Strategy[]>;
  get(strategyId: StrategyId, userId: UserId): Promise<Strategy>;
  versions(strategyId: StrategyId, userId: UserId): Promise<StrategyVersion[]>;
  /** A new version; STRATEGY_VERSION_CONFLICT when `expectedVersion` is no longer current. */
  updateConfig(change: { strategyId: StrategyId; userId: UserId; expectedVersion: number; config: StrategyConfig; comment: string }): Promise<Strategy>;
  /** Name, enabled, mode and passphrase are settings, not versions of the trading logic. */
  updateSettings(change: { strategyId: StrategyId; userId: UserId; name?: string; enabled?: boolean; mode?: StrategyMode; passphraseHash?: string | null }): Promise<Strategy>;
  rotateToken(change: { strategyId: StrategyId; userId: UserId; tokenHash: string; tokenHint: string }): Promise<Strategy>;
  remove(strategyId: StrategyId, userId: UserId): Promise<void>;
  byTokenHash(tokenHash: string): Promise<WebhookStrategy | null>;
  /** The strategy as the webhook intake sees it, by id and owner (the alert dry run); STRATEGY_NOT_FOUND otherwise. */
  webhookStrategy(strategyId: StrategyId, userId: UserId): Promise<WebhookStrategy>;
  /**
   * What the engine needs to process a signal, in one query: the strategy as it is now (mode,
   * account), the configuration of the version the signal arrived under, and the owner's paper account.
   */
  forSignal(strategyId: StrategyId, version: number): Promise<{ strategy: Strategy; config: StrategyConfig; paperAccountId: AccountId | null; ownerCanTrade: boolean } | null>;
  /** Enabled scheduled-portfolio strategies, with the configuration in force (the engine's scheduler). */
  scheduled(): Promise<Strategy[]>;
};

type Row = {
  id: string;
  user_id: string;
  account_id: string;
  name: string;
  template: string;
  enabled: boolean;
  mode: string;
  version: number;
  token_hint: string;
  passphrase_hash: string | null;
  created_at: Date;
  updated_at: Date;
  config: unknown;
};
const COLUMNS = `s.id, s.user_id, s.account_id, s.name, s.template, s.enabled, s.mode, s.version, s.token_hint,
  s.passphrase_hash, s.created_at, s.updated_at, v.config`;
const FROM = 'strategies s JOIN strategy_versions v ON v.strategy_id = s.id AND v.version = s.version';
const SELECT = `SELECT ${COLUMNS} FROM ${FROM}`;

const toStrategy = (row: Row): Strategy =>
  StrategySchema.parse({
    id: row.id,
    userId: row.user_id,
    accountId: row.account_id,
    name: row.name,
    template: row.template,
    enabled: row.enabled,
    mode: row.mode,
    version: row.version,
    // Parsed, so a version written before a field existed reads with today's default for it.
    config: StrategyConfigSchema.parse(row.config),
    tokenHint: row.token_hint,
    hasPassphrase: row.passphrase_hash !== null,
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  });

const notFound = () => new DomainError('STRATEGY_NOT_FOUND');

/** NOTIFY'd (payload: the strategy id) after any change, so gateways drop what they cached. */
export const STRATEGY_CHANGE_CHANNEL = 'strikedesk_strategy_changes';

type WebhookRow = Row & { owner_can_trade: boolean | null };
const toWebhookStrategy = (row: WebhookRow): WebhookStrategy => ({ strategy: toStrategy(row), passphraseHash: row.passphrase_hash, ownerCanTrade: row.owner_can_trade === true });

export function createStrategyStore(pool: pg.Pool): StrategyStore {
  const changed = async (strategyId: string): Promise<void> => {
    await pool.query(`SELECT pg_notify($1, $2)`, [STRATEGY_CHANGE_CHANNEL, strategyId]);
  };
  const get = async (strategyId: StrategyId, userId: UserId): Promise<Strategy> => {
    const result = await pool.query<Row>(`${SELECT} WHERE s.id = $1 AND s.user_id = $2`, [strategyId, userId]);
    const row = result.rows[0];
    if (!row) throw notFound();
    return toStrategy(row);
  };

  return {
    async create(input) {
      const id = randomUUID();
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO strategies (id, user_id, account_id, name, template, mode, version, token_hash, token_hint, passphrase_hash)
           VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9)`,
          [id, input.userId, input.accountId, input.name, input.template, input.mode, input.tokenHash, input.tokenHint, input.passphraseHash],
        );
        await client.query(`INSERT INTO strategy_versions (strategy_id, version, config, changed_by, comment) VALUES ($1, 1, $2, $3, 'created')`, [
          id,
          JSON.stringify(input.config),
          input.userId,
        ]);
      });
      await changed(id);
      return get(id as StrategyId, input.userId);
    },
    async list(userId) {
      const result = await pool.query<Row>(`${SELECT} WHERE s.user_id = $1 ORDER BY s.created_at`, [userId]);
      return result.rows.map(toStrategy);
    },
    get,
    async versions(strategyId, userId) {
      await get(strategyId, userId);
      const result = await pool.query<{ version: number; config: unknown; changed_by: string; changed_at: Date; comment: string }>(
        `SELECT version, config, changed_by, changed_at, comment FROM strategy_versions WHERE strategy_id = $1 ORDER BY version DESC`,
        [strategyId],
      );
      return result.rows.map((row) => ({
        version: row.version,
        config: StrategyConfigSchema.parse(row.config),
        changedBy: row.changed_by as UserId,
        changedAt: row.changed_at.getTime(),
        comment: row.comment,
      }));
    },
    async updateConfig(change) {
      await inTransaction(pool, async (client) => {
        const bumped = await client.query(
          `UPDATE strategies SET version = version + 1, updated_at = now() WHERE id = $1 AND user_id = $2 AND version = $3 RETURNING version`,
          [change.strategyId, change.userId, change.expectedVersion],
        );
        if (bumped.rowCount === 0) {
          const exists = await client.query(`SELECT 1 FROM strategies WHERE id = $1 AND user_id = $2`, [change.strategyId, change.userId]);
          throw exists.rowCount === 0 ? notFound() : new DomainError('STRATEGY_VERSION_CONFLICT');
        }
        await client.query(`INSERT INTO strategy_versions (strategy_id, version, config, changed_by, comment) VALUES ($1, $2, $3, $4, $5)`, [
          change.strategyId,
          change.expectedVersion + 1,
          JSON.stringify(change.config),
          change.userId,
          change.comment,
        ]);
      });
      await changed(change.strategyId);
      return get(change.strategyId, change.userId);
    },
    async updateSettings(change) {
      const result = await pool.query(
        `UPDATE strategies SET
           name = coalesce($3, name),
           enabled = coalesce($4, enabled),
           mode = coalesce($5, mode),
           passphrase_hash = CASE WHEN $6 THEN $7 ELSE passphrase_hash END,
           updated_at = now()
         WHERE id = $1 AND user_id = $2`,
        [
          change.strategyId,
          change.userId,
          change.name ?? null,
          change.enabled ?? null,
          change.mode ?? null,
          change.passphraseHash !== undefined,
          change.passphraseHash ?? null,
        ],
      );
      if (result.rowCount === 0) throw notFound();
      await changed(change.strategyId);
      return get(change.strategyId, change.userId);
    },
    async rotateToken(change) {
      const result = await pool.query(`UPDATE strategies SET token_hash = $3, token_hint = $4, updated_at = now() WHERE id = $1 AND user_id = $2`, [
        change.strategyId,
        change.userId,
        change.tokenHash,
        change.tokenHint,
      ]);
      if (result.rowCount === 0) throw notFound();
      await changed(change.strategyId);
      return get(change.strategyId, change.userId);
    },
    async remove(strategyId, userId) {
      const result = await pool.query(`DELETE FROM strategies WHERE id = $1 AND user_id = $2`, [strategyId, userId]);
      if (result.rowCount === 0) throw notFound();
      await changed(strategyId);
    },
    async byTokenHash(tokenHash) {
      const result = await pool.query<WebhookRow>(`SELECT ${COLUMNS}, ${OWNER_CAN_TRADE} AS owner_can_trade FROM ${FROM} WHERE s.token_hash = $1`, [tokenHash]);
      const row = result.rows[0];
      return row ? toWebhookStrategy(row) : null;
    },
    async webhookStrategy(strategyId, userId) {
      const result = await pool.query<WebhookRow>(`SELECT ${COLUMNS}, ${OWNER_CAN_TRADE} AS owner_can_trade FROM ${FROM} WHERE s.id = $1 AND s.user_id = $2`, [strategyId, userId]);
      const row = result.rows[0];
      if (!row) throw notFound();
      return toWebhookStrategy(row);
    },
    async scheduled() {
      const result = await pool.query<Row>(`${SELECT} WHERE s.template = 'SCHEDULED_PORTFOLIO' AND s.enabled ORDER BY s.created_at`);
      return result.rows.map(toStrategy);
    },
    async forSignal(strategyId, version) {
      const result = await pool.query<Row & { signal_config: unknown; paper_account_id: string | null; owner_can_trade: boolean | null }>(
        `SELECT ${COLUMNS}, sv.config AS signal_config, pa.id AS paper_account_id, ${OWNER_CAN_TRADE} AS owner_can_trade
         FROM ${FROM}
         JOIN strategy_versions sv ON sv.strategy_id = s.id AND sv.version = $2
         LEFT JOIN LATERAL (SELECT a.id FROM accounts a WHERE a.user_id = s.user_id AND a.broker = 'paper' ORDER BY a.created_at, a.id LIMIT 1) pa ON true
         WHERE s.id = $1`,
        [strategyId, version],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        strategy: toStrategy(row),
        config: StrategyConfigSchema.parse(row.signal_config),
        paperAccountId: (row.paper_account_id as AccountId | null) ?? null,
        ownerCanTrade: row.owner_can_trade === true,
      };
    },
  };
}
