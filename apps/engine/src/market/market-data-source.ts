import { z } from 'zod';
import { isSimulatedBroker, paise, type Paise, type UnderlyingSpec } from '@strikedesk/domain';
import { lastRecordedPrices, type MarketDataAccount, type MarketDataStore, type Pool } from '@strikedesk/db/client';
import { ListedContractSchema, type ListedContract } from '../instruments/listed-contract.ts';

type SourceLogger = { info(details: object, message: string): void; warn(details: object, message: string): void };

/** The market-data broker account chosen by an admin, with its cached instrument master if any. */
export type MarketDataSource = { account: MarketDataAccount; contracts: ListedContract[] | null };

const ContractsSchema = z.array(ListedContractSchema);

/**
 * Read at start (ADR 0021): which account supplies the market, and the master it listed last. A
 * cached master that no longer parses (an older shape) is ignored — the next connect replaces it.
 * A simulated XTS has no market-data server, so it is refused here too, not only in the admin store.
 */
export async function loadMarketDataSource(store: Pick<MarketDataStore, 'source' | 'loadMaster'>, logger: SourceLogger): Promise<MarketDataSource | null> {
  const account = await store.source();
  if (!account) return null;
  if (account.broker === 'SIMULATED_XTS') {
    logger.warn({ brokerAccountId: account.brokerAccountId }, 'a simulated XTS account cannot supply market data; using the simulated market');
    return null;
  }
  if (!account.enabled) {
    logger.warn({ brokerAccountId: account.brokerAccountId }, 'market data: the chosen broker account is disabled, so there will be no quotes; enable it or choose the simulated market in Admin');
  }
  // A simulated broker lists the engine's own instruments: its cached list would only carry an
  // old listing (minus what expired) forward, so the simulated listing is built afresh.
  if (isSimulatedBroker(account.broker)) return { account, contracts: null };
  const stored = await store.loadMaster(account.brokerAccountId);
  if (!stored) {
    logger.info({ brokerAccountId: account.brokerAccountId }, 'market data: no instrument list cached yet; the simulated listing is used until the account connects and the engine restarts');
    return { account, contracts: null };
  }
  const parsed = ContractsSchema.safeParse(stored.contracts);
  if (!parsed.success) {
    logger.warn({ brokerAccountId: account.brokerAccountId, issue: parsed.error.issues[0] }, 'market data: the cached instrument list is unreadable; ignored');
    return { account, contracts: null };
  }
  return { account, contracts: parsed.data };
}

/** Each underlying's index price as last recorded (ticks are recorded from the live feed too). */
export async function recordedIndexPrices(pool: Pool, specs: readonly UnderlyingSpec[]): Promise<Map<string, Paise>> {
  const indexIds = new Map(specs.map((spec) => [`${spec.indexExchange}:${spec.indexTradingSymbol}`, spec.underlying]));
  const recorded = await lastRecordedPrices(pool, [...indexIds.keys()]);
  const prices = new Map<string, Paise>();
  for (const [indexId, price] of recorded) {
    const underlying = indexIds.get(indexId);
    if (underlying !== undefined && Number.isSafeInteger(price) && price > 0) prices.set(underlying, paise(price));
  }
  return prices;
}
