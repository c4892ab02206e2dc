import { createHash, randomUUID } from 'node:crypto';
import { createPool, createSignalStore, createStrategyStore, type SignalStore, type StrategyStore } from '@strikedesk/db/client';
import { createIdentityStore } from '@strikedesk/db/identity';
import type { TestDatabase } from '@strikedesk/db/testing';
import { StrategyConfigSchema, type AccountId, type Strategy, type StrategyTemplate, type UserId } from '@strikedesk/domain';

/**
 * The rows the gateway writes before the engine sees a signal — a user with a paper account, an
 * enabled strategy, alerts through the same intake transaction the webhook uses — written with
 * the real stores, so the engine is tested against exactly what production hands it.
 */
export async function createSignalFixtures(database: TestDatabase) {
  const pool = createPool(database.url, { max: 4 });
  const strategies: StrategyStore = createStrategyStore(pool);
  const signals: SignalStore = createSignalStore(pool);
  const identity = createIdentityStore(database.url);
  const user = await identity.users.create({ username: `tv-${randomUUID().slice(0, 8)}`, passwordHash: 'not-used', role: 'trader' });
  await identity.close();

  const createStrategy = async (config: Record<string, unknown> = {}, template: StrategyTemplate = 'TV_INSTRUMENT'): Promise<Strategy> => {
    const strategy = await strategies.create({
      userId: user.userId,
      accountId: user.accountId,
      name: 'NIFTY trend',
      template,
      mode: 'PAPER',
      config: StrategyConfigSchema.parse({ target: { kind: 'CONTINUOUS_FUTURE', underlying: 'NIFTY', nth: 1 }, ...config }),
      passphraseHash: null,
      tokenHash: randomUUID(),
      tokenHint: 'test',
    });
    return strategies.updateSettings({ strategyId: strategy.id, userId: user.userId, enabled: true });
  };

  /** An accepted alert, as the webhook stores it. */
  const receive = async (strategy: Strategy, message: Record<string, unknown>): Promise<string> => {
    const body = JSON.stringify(message);
    const result = await signals.intake({
      strategyId: strategy.id,
      strategyName: strategy.name,
      strategyVersion: strategy.version,
      userId: strategy.userId,
      contentType: 'application/json',
      body,
      sourceIp: '52.89.214.238',
      dedupeKey: `body:${createHash('sha256').update(body).digest('hex')}`,
      alertId: null,
      action: message['action'] as never,
      parsed: { contracts: null, positionSize: null, marketPosition: null, ticker: null, alertId: null, price: null, time: null, comment: null, ...message },
      rejection: null,
      limits: { perMinute: 600, perDay: 10_000, dayStartMs: 0 },
    });
    if (result.kind !== 'ACCEPTED') throw new Error(`alert not accepted: ${JSON.stringify(result)}`);
    return result.signalId;
  };

  return {
    pool,
    strategies,
    signals,
    userId: user.userId as UserId,
    accountId: user.accountId as AccountId,
    createStrategy,
    receive,
    close: () => pool.end(),
  };
}
