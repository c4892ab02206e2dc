import { asAccountId, asInstrumentId, asTradeId, paise, type EngineEvent, type Instrument, type PortfolioId, type Product, type Side } from '@strikedesk/domain';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';

export const FILL_ACCOUNT = asAccountId('11111111-1111-4111-8111-111111111111');
export const FILL_INSTRUMENT = asInstrumentId('NFO:NIFTY26DEC24000CE');
const USER = '5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f';

/** FILL_INSTRUMENT as an instrument: a NIFTY monthly call, lot 75, tick ₹0.05. */
export const FILL_CALL: Instrument = {
  id: FILL_INSTRUMENT,
  exchange: 'NFO',
  tradingSymbol: 'NIFTY26DEC24000CE',
  underlying: 'NIFTY',
  displayName: 'NIFTY 24000 CE',
  kind: 'CALL',
  expiry: '2026-12-29',
  expiryType: 'MONTHLY',
  strike: paise(2_400_000),
  lotSize: 75,
  tickSize: paise(5),
  freezeQuantity: 75 * 24,
  tradable: true,
};

/**
 * The journal records of one order filled at once (submitted, accepted, filled) on one option of
 * FILL_ACCOUNT: a portfolio's (`portfolio`) or, without one, the trader's from the ticket. `n`
 * numbers the order (its id `261209-<n>`, client order id and trade id).
 */
export function filledOrderEvents(n: number, order: { side: Side; quantity: number; price: number; portfolio?: string; product?: Product }): EngineEvent[] {
  const submitted = {
    ...stubOrderSubmitted({ accountId: FILL_ACCOUNT, userId: USER, orderId: `261209-${n}`, clientOrderId: `c${n}`, spec: { instrumentId: FILL_INSTRUMENT, side: order.side, quantity: order.quantity, product: order.product ?? 'NRML' } }),
    ...(order.portfolio ? { portfolioId: order.portfolio as PortfolioId } : {}),
  };
  const base = { accountId: FILL_ACCOUNT, orderId: submitted.orderId, at: 2 };
  return [submitted, { type: 'OrderAccepted', ...base, brokerOrderId: `B-${n}` }, { type: 'OrderFilled', ...base, tradeId: asTradeId(`T-${n}`), quantity: order.quantity, price: paise(order.price) }];
}
