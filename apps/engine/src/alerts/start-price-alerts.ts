import type { PriceAlert, PriceAlertOrder, Tick } from '@strikedesk/domain';
import { createPriceAlertStore, type Pool } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import type { Topic } from '../events/topic.ts';
import { GttOrders } from './gtt-orders.ts';
import { placeGttOrder, type PlaceGttOrderDeps } from './place-gtt-order.ts';
import { PriceAlertWatch } from './price-alert-watch.ts';

/** The price-alert watch on the engine's pool and live ticks, with GTT orders placed through the OMS, started (ADR 0027, 0028). */
export async function startPriceAlerts(deps: PlaceGttOrderDeps & {
  pool: Pool;
  databaseUrl: string;
  ticks: Topic<Tick[]>;
  latest(instrumentId: string): Tick | undefined;
  /** Whether the engine takes such an order at this hour: a GTT waits for it (PriceAlertWatch). */
  takesOrderNow(order: PriceAlertOrder): boolean;
  /** Each alert fired — a GTT once its order's outcome is recorded — after its commit (the Telegram notifier). */
  onFired?(alert: PriceAlert): void;
  logger: Logger;
}): Promise<PriceAlertWatch> {
  const store = createPriceAlertStore(deps.pool);
  const logger = deps.logger.child({ component: 'price-alerts' });
  const gtt = new GttOrders({ store, place: (alert) => placeGttOrder(alert, deps), onFinished: deps.onFired, logger });
  const watch = new PriceAlertWatch({
    store,
    gtt,
    ticks: deps.ticks,
    latest: deps.latest,
    databaseUrl: deps.databaseUrl,
    now: deps.now,
    takesOrderNow: deps.takesOrderNow,
    onFired: deps.onFired,
    logger,
  });
  await watch.start();
  return watch;
}
