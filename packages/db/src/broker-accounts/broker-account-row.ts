import { BrokerAccountSchema, ReconciliationSummarySchema, type BrokerAccount } from '@strikedesk/domain';

/** A broker_accounts row with which secrets it has and its traders, as SELECT_ACCOUNTS reads it. */
export type BrokerAccountRow = {
  id: string;
  name: string;
  broker: string;
  enabled: boolean;
  api_key: string | null;
  api_url: string | null;
  login_url: string | null;
  ticker_url: string | null;
  root_url: string | null;
  market_data_url: string | null;
  client_id: string | null;
  interactive_app_key: string | null;
  market_data_app_key: string | null;
  connection: string;
  status_message: string | null;
  last_tick_at: Date | null;
  last_reconciled_at: Date | null;
  last_reconciliation: unknown;
  market_data: boolean;
  market_data_status: string | null;
  created_at: Date;
  updated_at: Date;
  secret_fields: string[];
  trader_ids: string[];
};

/** Which secrets exist, never their bytes: listings do not read the ciphertext columns at all. */
export const SELECT_ACCOUNTS = `SELECT a.id, a.name, a.broker, a.enabled, a.api_key, a.api_url, a.login_url, a.ticker_url,
    a.root_url, a.market_data_url, a.client_id, a.interactive_app_key, a.market_data_app_key,
    a.connection, a.status_message, a.last_tick_at, a.last_reconciled_at, a.last_reconciliation, a.market_data, a.market_data_status, a.created_at, a.updated_at,
    coalesce((SELECT array_agg(s.field ORDER BY s.field) FROM broker_account_secrets s WHERE s.account_id = a.id), '{}') AS secret_fields,
    coalesce((SELECT array_agg(x.user_id::text ORDER BY x.assigned_at, x.user_id) FROM broker_account_assignments x WHERE x.account_id = a.id), '{}') AS trader_ids
  FROM broker_accounts a`;

const time = (value: Date | null): number | null => (value ? value.getTime() : null);

/** A summary the engine wrote in an older shape reads as "none" rather than breaking the listing. */
const reconciliation = (value: unknown) => {
  if (value === null || value === undefined) return null;
  const parsed = ReconciliationSummarySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export function toBrokerAccount(row: BrokerAccountRow): BrokerAccount {
  const has = (field: string) => row.secret_fields.includes(field);
  return BrokerAccountSchema.parse({
    id: row.id,
    name: row.name,
    broker: row.broker,
    enabled: row.enabled,
    apiKey: row.api_key,
    hasApiSecret: has('api_secret'),
    apiUrl: row.api_url,
    loginUrl: row.login_url,
    tickerUrl: row.ticker_url,
    rootUrl: row.root_url,
    marketDataUrl: row.market_data_url,
    clientId: row.client_id,
    interactiveAppKey: row.interactive_app_key,
    hasInteractiveSecret: has('interactive_secret'),
    marketDataAppKey: row.market_data_app_key,
    hasMarketDataSecret: has('market_data_secret'),
    traderIds: row.trader_ids,
    connection: row.connection,
    statusMessage: row.status_message,
    lastTickAt: time(row.last_tick_at),
    lastReconciledAt: time(row.last_reconciled_at),
    lastReconciliation: reconciliation(row.last_reconciliation),
    marketData: row.market_data,
    marketDataStatus: row.market_data ? row.market_data_status : null,
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  });
}
