import { describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, asOrderId, asTradeId, asUserId, paise, type EngineEvent } from '@strikedesk/domain';
import { historyText } from './order-history-text.ts';

const base = { accountId: asAccountId('0d6c1a52-4f0e-4c59-9a51-2f9d1d3c7b10'), orderId: asOrderId('261209-7'), at: Date.UTC(2026, 11, 9, 5, 30) };
const spec = { instrumentId: asInstrumentId('NFO:NIFTY26D1524500CE'), side: 'BUY', type: 'SL', product: 'NRML', quantity: 150, price: paise(24_550), triggerPrice: paise(24_000) } as const;

describe('order history text', () => {
  it('describes a placed slice, and a refused order with its reason', () => {
    const placed: EngineEvent = { type: 'OrderSubmitted', ...base, clientOrderId: asClientOrderId('c1'), userId: asUserId('5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f'), spec, slice: { parentClientOrderId: asClientOrderId('c0'), index: 2, count: 3, parentQuantity: 4_500 } };
    expect(historyText(placed)).toEqual({ title: 'Placed', detail: 'BUY SL 150 @ ₹245.50, trigger ₹240 NRML (slice 2 of 3 of 4,500)' });
    const refused: EngineEvent = { ...placed, type: 'OrderDenied', slice: undefined, reasonCode: 'RISK_PRICE_BAND', reasonMessage: 'The price ₹245.50 is more than 20% from the last price ₹150.' };
    expect(historyText(refused)).toEqual({ title: 'Refused, not sent', detail: 'BUY SL 150 @ ₹245.50, trigger ₹240 NRML. The price ₹245.50 is more than 20% from the last price ₹150.' });
  });

  it('names the engine\'s settlement of a position held to expiry', () => {
    const settled: EngineEvent = { type: 'OrderSubmitted', ...base, clientOrderId: asClientOrderId('sd-261215-9'), userId: asUserId('00000000-0000-4000-8000-000000000000'), spec: { ...spec, side: 'SELL', type: 'MARKET', price: null, triggerPrice: null }, origin: 'EXPIRY' };
    expect(historyText(settled)).toEqual({ title: 'Settled at expiry', detail: 'SELL 150 NRML, not sent to the broker' });
  });

  it('tells a modify our checks refused from one the broker rejected', () => {
    const denied: EngineEvent = { type: 'OrderModifyDenied', ...base, quantity: 300, orderType: 'LIMIT', price: paise(30_000), triggerPrice: null, reasonCode: 'RISK_PRICE_BAND', reasonMessage: 'Too far from the last price.' };
    expect(historyText(denied)).toEqual({ title: 'Modify refused, not sent', detail: 'LIMIT 300 @ ₹300. Too far from the last price.' });
    const rejected: EngineEvent = { type: 'OrderModifyRejected', ...base, reasonCode: 'BROKER_REJECTED', reasonMessage: 'Order cannot be modified.' };
    expect(historyText(rejected)).toEqual({ title: 'Modify rejected by the broker', detail: 'Order cannot be modified.' });
  });

  it('shows a fill with its price and trade, and marks what reconciliation found in the broker\'s books', () => {
    const fill: EngineEvent = { type: 'OrderFilled', ...base, tradeId: asTradeId('T-42'), quantity: 75, price: paise(24_525) };
    expect(historyText(fill)).toEqual({ title: 'Filled', detail: '75 @ ₹245.25 (trade T-42)' });
    // Units grouped as the orderbook's Qty column shows them.
    expect(historyText({ ...fill, quantity: 1_755 }).detail).toBe('1,755 @ ₹245.25 (trade T-42)');
    expect(historyText({ ...fill, reconciled: true }).title).toBe("Filled (from the broker's books)");
    expect(historyText({ type: 'OrderAccepted', ...base, brokerOrderId: '2612090001' })).toEqual({ title: 'Accepted by the broker', detail: 'Broker order id 2612090001' });
  });
});
