import { createMarketDataStore, createPool } from '@strikedesk/db/client';

/**
 * What `npm start` says about the market: the simulator, or the broker account an admin chose
 * (ADR 0021; the engine reads the same row at its start). Never fails the start: a database
 * hiccup here only makes the line vaguer.
 */
export async function marketLine(databaseUrl: string): Promise<string> {
  const pool = createPool(databaseUrl, { max: 1, applicationName: 'strikedesk-start' });
  try {
    const source = await createMarketDataStore(pool).source();
    return source ? `market: ${source.name}'s feed once it is connected (Admin → Broker accounts)` : 'market: simulated';
  } catch {
    return 'market: see Admin → Broker accounts';
  } finally {
    await pool.end();
  }
}
