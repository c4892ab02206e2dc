import type { BrokerCapabilities } from '../broker.ts';

/** The paper venue does everything an NSE broker does for F&O, itself; it has no margin system. */
export const PAPER_CAPABILITIES: BrokerCapabilities = {
  modifyOrder: 'NATIVE',
  cancelOrder: 'NATIVE',
  stopLossLimit: 'NATIVE',
  stopLossMarket: 'NATIVE',
  afterMarketOrders: 'UNSUPPORTED',
  basketMargins: 'UNSUPPORTED',
  orderUpdateStream: 'NATIVE',
};
