import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from './errors.ts';
import { asInstrumentId, RequestedClientOrderIdSchema } from './ids.ts';
import type { Instrument } from './instrument.ts';
import { paise } from './money.ts';
import { validateOrderSpec, type OrderSpec } from './order.ts';

const option: Instrument = {
  id: asInstrumentId('NFO:NIFTY26DEC26000CE'),
  exchange: 'NFO',
  tradingSymbol: 'NIFTY26DEC26000CE',
  underlying: 'NIFTY',
  displayName: 'NIFTY 29 DEC 26000 CE',
  kind: 'CALL',
  expiry: '2026-12-29',
  expiryType: 'MONTHLY',
  strike: paise(2_600_000),
  lotSize: 65,
  tickSize: paise(5),
  freezeQuantity: 1755,
  tradable: true,
};

const spec = (overrides: Partial<OrderSpec>): OrderSpec => ({
  instrumentId: option.id,
  side: 'BUY',
  type: 'LIMIT',
  product: 'NRML',
  quantity: 65,
  price: paise(12_000),
  triggerPrice: null,
  ...overrides,
});

function codeOf(action: () => void): ErrorCode | null {
  try {
    action();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('validateOrderSpec', () => {
  it.each<[string, Partial<OrderSpec>, ErrorCode | null]>([
    ['a valid LIMIT', {}, null],
    ['a valid MARKET', { type: 'MARKET', price: null }, null],
    ['a valid SL buy', { type: 'SL', price: paise(12_100), triggerPrice: paise(12_000) }, null],
    ['a valid SL-M sell', { type: 'SL_M', side: 'SELL', price: null, triggerPrice: paise(11_000) }, null],
    ['a part lot', { quantity: 64 }, 'QUANTITY_NOT_LOT_MULTIPLE'],
    ['a LIMIT without price', { price: null }, 'PRICE_REQUIRED'],
    ['a MARKET with price', { type: 'MARKET' }, 'PRICE_NOT_ALLOWED'],
    ['an SL without trigger', { type: 'SL' }, 'TRIGGER_PRICE_REQUIRED'],
    ['a LIMIT with trigger', { triggerPrice: paise(100) }, 'VALIDATION_FAILED'],
    ['a price off tick', { price: paise(12_003) }, 'PRICE_NOT_ON_TICK'],
    ['a buy SL limit below trigger', { type: 'SL', price: paise(11_900), triggerPrice: paise(12_000) }, 'TRIGGER_PRICE_INVALID'],
    ['a sell SL limit above trigger', { type: 'SL', side: 'SELL', price: paise(12_100), triggerPrice: paise(12_000) }, 'TRIGGER_PRICE_INVALID'],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(codeOf(() => validateOrderSpec(spec(overrides), option))).toBe(expected);
  });

  it('refuses orders on an index', () => {
    expect(codeOf(() => validateOrderSpec(spec({}), { ...option, kind: 'INDEX', tradable: false }))).toBe(
      'INSTRUMENT_NOT_TRADABLE',
    );
  });

  it('refuses orders on an expired contract with its own code', () => {
    expect(codeOf(() => validateOrderSpec(spec({}), { ...option, tradable: false }))).toBe('CONTRACT_EXPIRED');
  });
});

describe('requested client order ids', () => {
  it('tv<digits> is reserved: no terminal or API order can take a TradingView signal order id', () => {
    expect(RequestedClientOrderIdSchema.safeParse('tv1234').success).toBe(false);
    expect(RequestedClientOrderIdSchema.safeParse('tvshow').success).toBe(true);
    expect(RequestedClientOrderIdSchema.safeParse('sd-1').success).toBe(false);
  });
});
