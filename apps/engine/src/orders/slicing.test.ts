import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asClientOrderId, ClientOrderIdSchema } from '@strikedesk/domain';
import { maxSliceQuantity, sliceClientOrderId, sliceQuantities } from './slicing.ts';

const nifty = { lotSize: 65, freezeQuantity: 1_800 };

describe('slicing above the freeze quantity', () => {
  it('rounds the freeze quantity down to whole lots', () => {
    expect(maxSliceQuantity(nifty)).toBe(1_755); // 27 lots
    expect(maxSliceQuantity({ lotSize: 75, freezeQuantity: 1_800 })).toBe(1_800);
  });

  it('keeps an order within the freeze quantity whole', () => {
    expect(sliceQuantities(1_755, nifty)).toEqual([1_755]);
    expect(sliceQuantities(65, nifty)).toEqual([65]);
  });

  it('cuts full slices and a remainder', () => {
    expect(sliceQuantities(4_000 - (4_000 % 65), nifty)).toEqual([1_755, 1_755, 455]);
  });

  it('always sums to the order, in whole lots, each within the freeze quantity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3_000 }), (lotSize, freezeLots, lots) => {
        const instrument = { lotSize, freezeQuantity: lotSize * freezeLots + (lots % lotSize) };
        const slices = sliceQuantities(lots * lotSize, instrument);
        expect(slices.reduce((a, b) => a + b, 0)).toBe(lots * lotSize);
        for (const slice of slices) {
          expect(slice % lotSize).toBe(0);
          expect(slice).toBeLessThanOrEqual(instrument.freezeQuantity);
        }
        expect(slices.length).toBe(Math.ceil((lots * lotSize) / maxSliceQuantity(instrument)));
      }),
    );
  });

  it('derives stable, valid, distinct slice ids that clients cannot send', () => {
    const parent = asClientOrderId('ABCDEFGHIJKLMNOPQRST');
    const account = '0b6f7a4e-1c1d-4f7e-9a55-2f4d3c2b1a00';
    expect(sliceClientOrderId(parent, account, 1)).toBe(parent);
    const ids = Array.from({ length: 1_000 }, (_, index) => sliceClientOrderId(parent, account, index + 1));
    expect(new Set(ids).size).toBe(1_000);
    for (const id of ids.slice(1)) {
      expect(ClientOrderIdSchema.safeParse(id).success).toBe(true);
      expect(id).toContain('.');
    }
    expect(sliceClientOrderId(parent, account, 7)).toBe(ids[6]);
    expect(sliceClientOrderId(asClientOrderId('ABCDEFGHIJKLMNOPQRSU'), account, 2)).not.toBe(ids[1]);
  });
});
