import {
  AUTOMATED_STATUSES,
  DomainError,
  emptyRuntime,
  PortfolioActionSchema,
  PortfolioDefinitionSchema,
  PortfolioRuntimeSchema,
  PortfolioSchema,
  type AccountId,
  type Portfolio,
  type PortfolioAction,
  type PortfolioDefinition,
  type PortfolioId,
  type PortfolioRuntime,
  type PortfolioStatus,
  type UserId,
} from '@strikedesk/domain';
import type pg from 'pg';

/** A trader keeps at most this many portfolios (saved layouts included). */
export const MAX_PORTFOLIOS_PER_USER = 200;

/** The running statuses as an SQL list (the engine's AUTOMATED_STATUSES). */
const RUNNING = `(${[...AUTOMATED_STATUSES].map((status) => `'${status}'`).join(', ')})`;

/**
 * Multi-leg portfolios and their action journal (tables portfolios, portfolio_actions, migration
 * 0007). The engine is the only writer: the gateway forwards a trader's edits to it, so a
 * definition can never change under a running monitor. Reads that name a user see only that
 * user's portfolios (another's is PORTFOLIO_NOT_FOUND).
 */
export type PortfolioStore = {
  create(input: { id: PortfolioId; userId: UserId; accountId: AccountId; definition: PortfolioDefinition }): Promise<Portfolio>;
  get(id: PortfolioId, userId?: UserId): Promise<Portfolio>;
  list(userId: UserId): Promise<Portfolio[]>;
  /** Portfolios the engine must resume after a restart. */
  running(): Promise<Portfolio[]>;
  /** A new definition; PORTFOLIO_BUSY while running, PORTFOLIO_VERSION_CONFLICT when edited meanwhile. */
  updateDefinition(change: { id: PortfolioId; userId: UserId; expectedVersion: number; definition: PortfolioDefinition }): Promise<Portfolio>;
  /** PORTFOLIO_BUSY while running. */
  remove(id: PortfolioId, userId: UserId): Promise<void>;
  saveState(id: PortfolioId, state: { status: PortfolioStatus; statusReason: string | null; runtime: PortfolioRuntime }): Promise<Portfolio>;
  addAction(action: Omit<PortfolioAction, 'id'>): Promise<PortfolioAction>;
  /** Newest first. */
  actions(id: PortfolioId, limit: number): Promise<PortfolioAction[]>;
};

type Row = {
  id: string;
  user_id: string;
  account_id: string;
  definition: unknown;
  status: string;
  status_reason: string | null;
  runtime: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
};
const COLUMNS = 'id, user_id, account_id, definition, status, status_reason, runtime, version, created_at, updated_at';

const toPortfolio = (row: Row): Portfolio =>
  PortfolioSchema.parse({
    id: row.id,
    userId: row.user_id,
    accountId: row.account_id,
    // Parsed, so a definition saved before a field existed reads with today's default for it.
    definition: PortfolioDefinitionSchema.parse(row.definition),
    status: row.status,
    statusReason: row.status_reason,
    runtime: PortfolioRuntimeSchema.parse(row.runtime),
    version: row.version,
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  });

type ActionRow = { id: string; portfolio_id: string; at: Date; kind: string; message: string; snapshot: unknown; detail: unknown };
const toAction = (row: ActionRow): PortfolioAction =>
  PortfolioActionSchema.parse({
    id: Number(row.id),
    portfolioId: row.portfolio_id,
    at: row.at.getTime(),
    kind: row.kind,
    message: row.message,
    snapshot: row.snapshot,
    detail: row.detail,
  });

const notFound = (): DomainError => new DomainError('PORTFOLIO_NOT_FOUND');

export function createPortfolioStore(pool: pg.Pool): PortfolioStore {
  const get = async (id: PortfolioId, userId?: UserId): Promise<Portfolio> => {
    const result =
      userId === undefined
        ? await pool.query<Row>(`SELECT ${COLUMNS} FROM portfolios WHERE id = $1`, [id])
        : await pool.query<Row>(`SELECT ${COLUMNS} FROM portfolios WHERE id = $1 AND user_id = $2`, [id, userId]);
    const row = result.rows[0];
    if (!row) throw notFound();
    return toPortfolio(row);
  };
  /** Why a guarded write touched no row: missing, running, or edited meanwhile. */
  const explainMiss = async (id: PortfolioId, userId: UserId): Promise<never> => {
    const current = await get(id, userId);
    if (AUTOMATED_STATUSES.has(current.status)) throw new DomainError('PORTFOLIO_BUSY');
    throw new DomainError('PORTFOLIO_VERSION_CONFLICT');
  };

  return {
    async create(input) {
      // The count and the insert in one statement: concurrent creates cannot pass the cap together
      // by more than the in-flight few, which is what a cap against runaway clients needs.
      const result = await pool.query<Row>(
        `INSERT INTO portfolios (id, user_id, account_id, name, definition, status, runtime)
         SELECT $1, $2, $3, $4, $5, 'DRAFT', $6
         WHERE (SELECT count(*) FROM portfolios WHERE user_id = $2) < $7
         RETURNING ${COLUMNS}`,
        [
          input.id,
          input.userId,
          input.accountId,
          input.definition.settings.name,
          JSON.stringify(input.definition),
          JSON.stringify(emptyRuntime()),
          MAX_PORTFOLIOS_PER_USER,
        ],
      );
      const row = result.rows[0];
      if (!row) throw new DomainError('PORTFOLIO_LIMIT', `You have ${MAX_PORTFOLIOS_PER_USER} portfolios, the most one trader can keep: delete some first.`);
      return toPortfolio(row);
    },
    get,
    async list(userId) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM portfolios WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
      return result.rows.map(toPortfolio);
    },
    async running() {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM portfolios WHERE status IN ${RUNNING} ORDER BY created_at, id`);
      return result.rows.map(toPortfolio);
    },
    async updateDefinition(change) {
      const result = await pool.query<Row>(
        `UPDATE portfolios SET definition = $4, name = $5, version = version + 1, updated_at = now()
         WHERE id = $1 AND user_id = $2 AND version = $3 AND status NOT IN ${RUNNING}
         RETURNING ${COLUMNS}`,
        [change.id, change.userId, change.expectedVersion, JSON.stringify(change.definition), change.definition.settings.name],
      );
      const row = result.rows[0];
      return row ? toPortfolio(row) : explainMiss(change.id, change.userId);
    },
    async remove(id, userId) {
      const result = await pool.query(`DELETE FROM portfolios WHERE id = $1 AND user_id = $2 AND status NOT IN ${RUNNING}`, [id, userId]);
      if (result.rowCount === 0) await explainMiss(id, userId);
    },
    async saveState(id, state) {
      const result = await pool.query<Row>(
        `UPDATE portfolios SET status = $2, status_reason = $3, runtime = $4, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, state.status, state.statusReason, JSON.stringify(state.runtime)],
      );
      const row = result.rows[0];
      if (!row) throw notFound();
      return toPortfolio(row);
    },
    async addAction(action) {
      const result = await pool.query<ActionRow>(
        `INSERT INTO portfolio_actions (portfolio_id, at, kind, message, snapshot, detail) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, portfolio_id, at, kind, message, snapshot, detail`,
        [action.portfolioId, new Date(action.at), action.kind, action.message, action.snapshot === null ? null : JSON.stringify(action.snapshot), JSON.stringify(action.detail)],
      );
      return toAction(result.rows[0]!);
    },
    async actions(id, limit) {
      const result = await pool.query<ActionRow>(
        `SELECT id, portfolio_id, at, kind, message, snapshot, detail FROM portfolio_actions WHERE portfolio_id = $1 ORDER BY id DESC LIMIT $2`,
        [id, limit],
      );
      return result.rows.map(toAction);
    },
  };
}
