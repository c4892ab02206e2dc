import { describe, expect, it } from 'vitest';
import { asClientOrderId } from '@strikedesk/domain';
import { placedMessage, sliceHint } from './freeze-slices.ts';

const option = { displayName: 'NIFTY 08 DEC 24250 CE', lotSize: 65, freezeQuantity: 1_800 };

describe('orders above the freeze quantity', () => {
  it('warns in the ticket that the order goes as several, in whole lots of the freeze quantity', () => {
    expect(sliceHint(1_755, option)).toBeNull();
    expect(sliceHint(13_000, option)).toBe('Above the freeze quantity (1,800): sent as 8 orders of at most 27 lots.');
  });

  it("names the whole order in the toast, not the first slice's quantity as if it were all", () => {
    const slice = { parentClientOrderId: asClientOrderId('wabc'), index: 1, count: 8, parentQuantity: 13_000 };
    expect(placedMessage({ side: 'BUY', status: 'FILLED', quantity: 1_755, slice }, option)).toBe(
      'BUY 200 lots NIFTY 08 DEC 24250 CE: sent as 8 orders (freeze quantity); the first is FILLED. See Orders for the rest.',
    );
    expect(placedMessage({ side: 'SELL', status: 'TRIGGER_PENDING', quantity: 130, slice: null }, option)).toBe('SELL 2 lots NIFTY 08 DEC 24250 CE: TRIGGER PENDING');
  });
});
