import { brokerAccountsRouter } from './broker-accounts.ts';
import { chainRouter } from './chain.ts';
import { eventsRouter } from './events.ts';
import { greeksRouter } from './greeks.ts';
import { haltsRouter } from './halts.ts';
import { healthRouter } from './health.ts';
import { instrumentsRouter } from './instruments.ts';
import { marketRouter } from './market.ts';
import { ordersRouter } from './orders.ts';
import { portfoliosRouter } from './portfolios.ts';
import { positionsRouter } from './positions.ts';
import { riskRouter } from './risk.ts';
import { strategiesRouter } from './strategies.ts';
import { router } from './trpc.ts';

export const engineRouter = router({
  orders: ordersRouter,
  positions: positionsRouter,
  instruments: instrumentsRouter,
  market: marketRouter,
  events: eventsRouter,
  health: healthRouter,
  chain: chainRouter,
  greeks: greeksRouter,
  risk: riskRouter,
  halts: haltsRouter,
  strategies: strategiesRouter,
  portfolios: portfoliosRouter,
  brokerAccounts: brokerAccountsRouter,
});

export type EngineRouter = typeof engineRouter;
