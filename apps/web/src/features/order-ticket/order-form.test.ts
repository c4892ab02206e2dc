import { describe, expect, it } from 'vitest';
import { asInstrumentId, asOrderId, paise } from '@strikedesk/domain';
import { buildModifyOrderInput, buildPlaceOrderInput, newClientOrderId, parseLots, type OrderFormValues } from './order-form.ts';

const instrument = { id: asInstrumentId('NFO:NIFTY26NOV24000CE'), lotSize: 75, tickSize: paise(5) };
const clientOrderId = newClientOrderId();
const form = (overrides: Partial<OrderFormValues>): OrderFormValues => ({
  side: 'BUY',
  type: 'LIMIT',
  product: 'MIS',
  lots: '2',
  price: '245.35',
  triggerPrice: '',
  ...overrides,
});

describe('buildPlaceOrderInput', () => {
  it('converts lots to units and rupee text to exact paise', () => {
    const result = buildPlaceOrderInput(form({}), instrument, clientOrderId);
    expect(result).toEqual({
      ok: true,
      value: {
        instrumentId: instrument.id,
        side: 'BUY',
        type: 'LIMIT',
        product: 'MIS',
        clientOrderId,
        quantity: 150,
        price: 24535,
        triggerPrice: null,
      },
    });
  });

  it('parses Indian-grouped rupee text exactly', () => {
    const result = buildPlaceOrderInput(form({ price: '1,00,000.30' }), instrument, clientOrderId);
    expect(result.ok && result.value.price).toBe(10_000_030);
  });

  it('sends no price or trigger for MARKET even if fields hold text', () => {
    const result = buildPlaceOrderInput(form({ type: 'MARKET', price: '12', triggerPrice: '11' }), instrument, clientOrderId);
    expect(result.ok && [result.value.price, result.value.triggerPrice]).toEqual([null, null]);
  });

  it('needs both prices for SL and only the trigger for SL-M', () => {
    const sl = buildPlaceOrderInput(form({ type: 'SL', triggerPrice: '' }), instrument, clientOrderId);
    expect(sl.ok).toBe(false);
    expect(!sl.ok && sl.errors.triggerPrice).toMatch(/required/);
    const slm = buildPlaceOrderInput(form({ type: 'SL_M', price: 'junk', triggerPrice: '240' }), instrument, clientOrderId);
    expect(slm.ok && [slm.value.price, slm.value.triggerPrice]).toEqual([null, 24000]);
  });

  it('refuses a price off the tick before sending, naming the nearest valid prices', () => {
    const result = buildPlaceOrderInput(form({ price: '100.03' }), instrument, clientOrderId);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.price).toBe('Price must be a multiple of the tick size ₹0.05: try 100.00 or 100.05.');
    const trigger = buildPlaceOrderInput(form({ type: 'SL_M', triggerPrice: '0.02' }), instrument, clientOrderId);
    expect(!trigger.ok && trigger.errors.triggerPrice).toBe('Trigger price must be a multiple of the tick size ₹0.05: try 0.05.');
  });

  it('refuses an SL whose limit is on the wrong side of its trigger', () => {
    const buy = buildPlaceOrderInput(form({ type: 'SL', price: '2000', triggerPrice: '2010' }), instrument, clientOrderId);
    expect(!buy.ok && buy.errors.triggerPrice).toMatch(/BUY stop-loss's limit price must be at or above its trigger price \(₹2,010.00\)/);
    const sell = buildPlaceOrderInput(form({ side: 'SELL', type: 'SL', price: '2010', triggerPrice: '2000' }), instrument, clientOrderId);
    expect(!sell.ok && sell.errors.triggerPrice).toMatch(/SELL stop-loss's limit price must be at or below/);
    const ok = buildPlaceOrderInput(form({ type: 'SL', price: '2010', triggerPrice: '2000' }), instrument, clientOrderId);
    expect(ok.ok).toBe(true);
  });

  it('refuses a stop whose trigger the market has already crossed (it would fire at once)', () => {
    const ltp = paise(195_000);
    const buy = buildPlaceOrderInput(form({ type: 'SL_M', triggerPrice: '1800' }), instrument, clientOrderId, ltp);
    expect(!buy.ok && buy.errors.triggerPrice).toBe("A BUY stop's trigger price must be above the last price ₹1,950.00, or it triggers at once.");
    const sell = buildPlaceOrderInput(form({ side: 'SELL', type: 'SL', price: '1990', triggerPrice: '2000' }), instrument, clientOrderId, ltp);
    expect(!sell.ok && sell.errors.triggerPrice).toMatch(/SELL stop's trigger price must be below the last price ₹1,950.00/);
    // On the right side, or with no quote yet, the stop goes through.
    expect(buildPlaceOrderInput(form({ type: 'SL_M', triggerPrice: '1960' }), instrument, clientOrderId, ltp).ok).toBe(true);
    expect(buildPlaceOrderInput(form({ side: 'SELL', type: 'SL_M', triggerPrice: '1900' }), instrument, clientOrderId, ltp).ok).toBe(true);
    expect(buildPlaceOrderInput(form({ type: 'SL_M', triggerPrice: '1800' }), instrument, clientOrderId).ok).toBe(true);
    // A LIMIT order has no trigger to check.
    expect(buildPlaceOrderInput(form({ price: '1800' }), instrument, clientOrderId, ltp).ok).toBe(true);
  });

  it('reports every bad field at once', () => {
    const result = buildPlaceOrderInput(form({ lots: '0', price: '12.345' }), instrument, clientOrderId);
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['lots', 'price']);
  });
});

describe('parseLots', () => {
  it.each([
    ['1', 1],
    [' 12 ', 12],
    ['0', null],
    ['1.5', null],
    ['-2', null],
    ['', null],
  ])('%j → %j', (text, expected) => expect(parseLots(text)).toBe(expected));
});

describe('buildModifyOrderInput', () => {
  const context = { side: 'BUY' as const, lotSize: 75, tickSize: paise(5) };
  it('carries the order id, type and exact prices', () => {
    const result = buildModifyOrderInput(asOrderId('o-1'), { type: 'LIMIT', lots: '1', price: '300.05', triggerPrice: '' }, context);
    expect(result).toEqual({ ok: true, value: { orderId: 'o-1', type: 'LIMIT', quantity: 75, price: 30005, triggerPrice: null } });
  });

  it('checks the tick and the stop side as the ticket does', () => {
    const offTick = buildModifyOrderInput(asOrderId('o-1'), { type: 'LIMIT', lots: '1', price: '300.01', triggerPrice: '' }, context);
    expect(!offTick.ok && offTick.errors.price).toMatch(/tick size ₹0.05: try 300.00 or 300.05/);
    const crossed = buildModifyOrderInput(
      asOrderId('o-1'),
      { type: 'SL_M', lots: '1', price: '', triggerPrice: '310' },
      { ...context, side: 'SELL', lastPrice: paise(30_000) },
    );
    expect(!crossed.ok && crossed.errors.triggerPrice).toMatch(/SELL stop's trigger price must be below the last price ₹300.00/);
  });
});

describe('newClientOrderId', () => {
  it('fits the broker tag alphabet and length and differs between calls', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientOrderId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,20}$/);
  });
});
