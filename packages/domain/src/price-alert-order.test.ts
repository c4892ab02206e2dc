import { describe, expect, it } from 'vitest';
import { PRICE_ALERT_CLIENT_ORDER_ID, RequestedClientOrderIdSchema, type InstrumentId, type OrderId } from './ids.ts';
import type { Instrument } from './instrument.ts';
import { paise } from './money.ts';
import {
  priceAlertClientOrderId,
  priceAlertOrderOutcomeText,
  priceAlertOrderText,
  validatePriceAlertOrder,
  type PriceAlertOrder,
} from './price-alert-order.ts';
import { priceAlertTriggeredText } from './price-alerts.ts';

const future: Instrument = {
  id: 'NFO:NIFTY26DECFUT' as InstrumentId,
  exchange: 'NFO',
  tradingSymbol: 'NIFTY26DECFUT',
  underlying: 'NIFTY',
  displayName: 'NIFTY DEC FUT',
  kind: 'FUTURE',
  expiry: '2026-12-29',
  expiryType: 'MONTHLY',
  strike: null,
  lotSize: 65,
  tickSize: paise(10),
  freezeQuantity: 1_755,
  tradable: true,
};
const buyAtLimit: PriceAlertOrder = { side: 'BUY', product: 'NRML', type: 'LIMIT', quantity: 130, price: paise(2_621_050) };
const refusal = (order: PriceAlertOrder, instrument = future) => {
  try {
    validatePriceAlertOrder(order, instrument);
    return null;
  } catch (error) {
    return error;
  }
};

describe("a GTT's order", () => {
  it("is checked as the ticket checks an order: lots, tick, a price for LIMIT and none for MARKET, an index or expired contract", () => {
    expect(refusal(buyAtLimit)).toBeNull();
    expect(refusal({ ...buyAtLimit, type: 'MARKET', price: null })).toBeNull();
    expect(refusal({ ...buyAtLimit, quantity: 100 })).toMatchObject({ code: 'QUANTITY_NOT_LOT_MULTIPLE' });
    expect(refusal({ ...buyAtLimit, price: paise(2_621_055) })).toMatchObject({ code: 'PRICE_NOT_ON_TICK' });
    expect(refusal({ ...buyAtLimit, price: null })).toMatchObject({ code: 'PRICE_REQUIRED' });
    expect(refusal({ ...buyAtLimit, type: 'MARKET' })).toMatchObject({ code: 'PRICE_NOT_ALLOWED' });
    expect(refusal(buyAtLimit, { ...future, kind: 'INDEX', expiry: null, tradable: false })).toMatchObject({ code: 'INSTRUMENT_NOT_TRADABLE' });
    expect(refusal(buyAtLimit, { ...future, tradable: false })).toMatchObject({ code: 'CONTRACT_EXPIRED' });
  });

  it("has a client order id of the alert's own, which no client may claim", () => {
    const id = priceAlertClientOrderId('0f8e2c1a-7b3d-4e5f-9a6b-1c2d3e4f5a6b');
    expect(id).toBe('gtt0f8e2c1a7b3d4e5f9');
    expect(id).toMatch(PRICE_ALERT_CLIENT_ORDER_ID);
    expect(RequestedClientOrderIdSchema.safeParse(id).success).toBe(false);
    expect(RequestedClientOrderIdSchema.safeParse('gtt-my-own').success).toBe(true);
  });

  it('reads as a trader would say it, and so does what became of it', () => {
    expect(priceAlertOrderText(buyAtLimit)).toBe('BUY 130 NRML at ₹26,210.50 limit');
    expect(priceAlertOrderText({ side: 'SELL', product: 'MIS', type: 'MARKET', quantity: 65, price: null })).toBe('SELL 65 MIS at market');
    const order = { kind: 'ORDER', orderId: '261209-7' as OrderId, clientOrderId: 'gtt0f8e2c1a7b3d4e5f9' as never, reasonCode: null, reasonMessage: null } as const;
    expect(priceAlertOrderOutcomeText({ ...order, status: 'PARTIALLY_FILLED' })).toBe('order 261209-7 placed (PARTIALLY FILLED)');
    expect(priceAlertOrderOutcomeText({ ...order, status: 'DENIED', reasonCode: 'RISK_PRICE_BAND', reasonMessage: 'Too far from the last price.' })).toBe('order 261209-7 denied: Too far from the last price.');
    expect(priceAlertOrderOutcomeText({ kind: 'NOT_PLACED', code: 'GTT_ORDER_TOO_LATE', message: 'The engine was not running.' })).toBe('order not placed: The engine was not running.');
    const fired = { condition: 'ABOVE', price: paise(2_620_000), note: 'breakout', triggeredPrice: paise(2_620_050), order: buyAtLimit } as const;
    expect(priceAlertTriggeredText({ ...fired, orderOutcome: { ...order, status: 'OPEN' } }, 'NIFTY DEC FUT')).toBe(
      'NIFTY DEC FUT traded at ₹26,200.50: your alert at or above ₹26,200 (breakout). GTT BUY 130 NRML at ₹26,210.50 limit: order 261209-7 placed (OPEN).',
    );
    expect(priceAlertTriggeredText({ ...fired, order: null }, 'NIFTY DEC FUT')).toBe('NIFTY DEC FUT traded at ₹26,200.50: your alert at or above ₹26,200 (breakout).');
  });
});
