import { adminRouter } from './routers/admin.ts';
import { alertsRouter } from './routers/alerts.ts';
import { apiKeysRouter } from './routers/api-keys.ts';
import { authRouter } from './routers/auth.ts';
import { brokersRouter } from './routers/brokers.ts';
import { chainRouter } from './routers/chain.ts';
import { haltsRouter } from './routers/halts.ts';
import { instrumentsRouter } from './routers/instruments.ts';
import { killSwitchRouter } from './routers/kill-switch.ts';
import { marketRouter } from './routers/market.ts';
import { ordersRouter } from './routers/orders.ts';
import { portfoliosRouter } from './routers/portfolios.ts';
import { positionsRouter } from './routers/positions.ts';
import { riskRouter } from './routers/risk.ts';
import { systemRouter } from './routers/system.ts';
import { watchlistRouter } from './routers/watchlist.ts';
import { signalsRouter } from './routers/signals.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { strategiesRouter } from './routers/strategies.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  system: systemRouter,
  instruments: instrumentsRouter,
  market: marketRouter,
  watchlist: watchlistRouter,
  alerts: alertsRouter,
  orders: ordersRouter,
  positions: positionsRouter,
  chain: chainRouter,
  risk: riskRouter,
  killSwitch: killSwitchRouter,
  halts: haltsRouter,
  admin: adminRouter,
  strategies: strategiesRouter,
  signals: signalsRouter,
  notifications: notificationsRouter,
  apiKeys: apiKeysRouter,
  portfolios: portfoliosRouter,
  brokers: brokersRouter,
});

export type AppRouter = typeof appRouter;
