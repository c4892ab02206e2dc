import type { PriceAlert, Tick } from '@strikedesk/domain';
import { createPriceAlertStore, type Pool } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import type { Topic } from '../events/topic.ts';
import { PriceAlertWatch } from './price-alert-watch.ts';

/** The price-alert watch on the engine's pool and live ticks, started (ADR 0027). */
export async function startPriceAlerts(deps: {
  pool: Pool;
  databaseUrl: string;
  ticks: Topic<Tick[]>;
  latest(instrumentId: string): Tick | undefined;
  now(): number;
  /** Each alert fired, after its commit (the Telegram notifier). */
  onFired?(alert: PriceAlert): void;
  logger: Logger;
}): Promise<PriceAlertWatch> {
  const watch = new PriceAlertWatch({
    store: createPriceAlertStore(deps.pool),
    ticks: deps.ticks,
    latest: deps.latest,
    databaseUrl: deps.databaseUrl,
    now: deps.now,
    onFired: deps.onFired,
    logger: deps.logger.child({ component: 'price-alerts' }),
  });
  await watch.start();
  return watch;
}
