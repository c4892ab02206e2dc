import pino from 'pino';
import { createNotificationSettingsStore, createPool, createPriceAlertStore, listenForNotifications, PRICE_ALERT_TRIGGERED_CHANNEL } from '@strikedesk/db/client';
import { PriceAlertSchema, type AccountId, type PriceAlert } from '@strikedesk/domain';
import { startPriceAlerts } from '../alerts/start-price-alerts.ts';
import type { PlaceGttOrderDeps } from '../alerts/place-gtt-order.ts';
import type { PriceAlertWatch } from '../alerts/price-alert-watch.ts';
import { orderRateRoom } from '../risk/order-rate-room.ts';
import { TelegramNotifier } from '../strategies/telegram-notifier.ts';
import { startFakeTelegram } from './fake-telegram.ts';
import { createTrader } from './portfolio-fixtures.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from './test-engine.ts';

const BOT_TOKEN = '123456:test-bot-token-abcdefghijklmnop';

/**
 * A test engine on a manual clock, a trader with a Telegram chat (a fake Telegram), and the
 * price-alert watch wired as engine.ts wires it (background work is off in test engines, so tests
 * start it, or several, themselves). `told` is what the gateways hear: each fired alert, a GTT once
 * with its order's outcome.
 */
export async function startPriceAlertFixtures(cleanups: (() => Promise<unknown>)[]) {
  const telegram = await startFakeTelegram(cleanups);
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const pool = createPool(database.url, { max: 4 });
  cleanups.push(() => pool.end());
  const trader = await createTrader(database);
  await createNotificationSettingsStore(pool).set(trader.userId, { telegramChatId: '4242', notifyStatuses: ['FAILED'] });
  const clock = new ManualClock(TEST_START);
  const engine = await startTestEngine(database, clock);
  cleanups.push(() => engine.close());
  const notifier = new TelegramNotifier({
    botToken: BOT_TOKEN,
    apiUrl: telegram.url,
    databaseUrl: database.url,
    store: createNotificationSettingsStore(pool),
    instrumentName: (id) => engine.services.catalog.get(id)?.displayName ?? id,
    logger: pino({ level: 'silent' }),
  });
  notifier.start();
  cleanups.push(() => notifier.close());
  const told: PriceAlert[] = [];
  const listener = listenForNotifications({ url: database.url, channels: [PRICE_ALERT_TRIGGERED_CHANNEL], onNotification: (_channel, payload) => told.push(PriceAlertSchema.parse(JSON.parse(payload))) });
  cleanups.push(() => listener.close());
  const placeDeps: PlaceGttOrderDeps = {
    orders: engine.services.orders,
    findOrder: (accountId: AccountId, clientOrderId: string) => engine.services.state.findByClientOrderId(accountId, clientOrderId),
    now: clock.now,
    instrument: (id) => engine.services.catalog.get(id),
    orderRateRoom: orderRateRoom({ state: engine.services.state, riskLimits: engine.services.riskLimits, clock }),
  };
  const startWatch = async (): Promise<PriceAlertWatch> => {
    const watch = await startPriceAlerts({
      pool,
      databaseUrl: database.url,
      ticks: engine.services.market.ticks,
      latest: (id) => engine.services.market.latest(id),
      ...placeDeps,
      takesOrderNow: (order) => {
        const session = engine.services.session();
        return session.closed === null && (order.product !== 'MIS' || !session.intradaySquareOff?.passed);
      },
      // In-process, as engine.ts hands fired alerts to its notifier.
      onFired: (alert) => notifier.priceAlertFired(alert),
      logger: pino({ level: 'silent' }),
    });
    cleanups.push(() => watch.close());
    return watch;
  };
  return { engine, clock, pool, trader, telegram, told, store: createPriceAlertStore(pool), startWatch, placeDeps };
}
