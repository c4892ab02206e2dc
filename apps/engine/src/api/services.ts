import type { ChainService } from '../analytics/chain-service.ts';
import type { GreeksService } from '../analytics/greeks-service.ts';
import type { EventStream } from '../events/event-stream.ts';
import type { InstrumentCatalog } from '../instruments/instrument-catalog.ts';
import type { MarketData } from '../market/market-data.ts';
import type { OrderManager } from '../orders/order-manager.ts';
import type { GreekLimitBook } from '../risk/greek-limit-book.ts';

/** Everything the routers may use; state lives here, never in router modules. */
export type EngineServices = {
  orders: OrderManager;
  catalog: InstrumentCatalog;
  market: MarketData;
  events: EventStream;
  chains: ChainService;
  greeks: GreeksService;
  greekLimits: GreekLimitBook;
  startedAt: number;
  lastSeq(): number;
};
