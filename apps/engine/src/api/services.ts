import type { EventStream } from '../events/event-stream.ts';
import type { InstrumentCatalog } from '../instruments/instrument-catalog.ts';
import type { MarketData } from '../market/market-data.ts';
import type { OrderManager } from '../orders/order-manager.ts';

/** Everything the routers may use; state lives here, never in router modules. */
export type EngineServices = {
  orders: OrderManager;
  catalog: InstrumentCatalog;
  market: MarketData;
  events: EventStream;
  startedAt: number;
  lastSeq(): number;
};
