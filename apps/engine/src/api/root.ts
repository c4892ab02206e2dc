import { eventsRouter } from './events.ts';
import { healthRouter } from './health.ts';
import { instrumentsRouter } from './instruments.ts';
import { marketRouter } from './market.ts';
import { ordersRouter } from './orders.ts';
import { positionsRouter } from './positions.ts';
import { router } from './trpc.ts';

export const engineRouter = router({
  orders: ordersRouter,
  positions: positionsRouter,
  instruments: instrumentsRouter,
  market: marketRouter,
  events: eventsRouter,
  health: healthRouter,
});

export type EngineRouter = typeof engineRouter;
