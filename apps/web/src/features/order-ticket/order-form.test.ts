import { describe, expect, it } from 'vitest';
import { asInstrumentId, asOrderId } from '@strikedesk/domain';
import { buildModifyOrderInput, buildPlaceOrderInput, newClientOrderId, parseLots, type OrderFormValues } from './order-form.ts';

const instrument = { id: asInstrumentId('NFO:NIFTY26NOV24000CE'), lotSize: 75 };
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
  it('carries the order id, type and exact prices', () => {
    const result = buildModifyOrderInput(asOrderId('o-1'), { type: 'LIMIT', lots: '1', price: '300.05', triggerPrice: '' }, 75);
    expect(result).toEqual({ ok: true, value: { orderId: 'o-1', type: 'LIMIT', quantity: 75, price: 30005, triggerPrice: null } });
  });
});

describe('newClientOrderId', () => {
  it('fits the broker tag alphabet and length and differs between calls', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientOrderId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,20}$/);
  });
});
