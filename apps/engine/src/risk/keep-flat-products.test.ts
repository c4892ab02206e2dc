import { afterEach, describe, expect, it } from 'vitest';
import { agreeingBooks } from '../testing/agreeing-books.ts';
import { placeAnswered } from '../testing/scripted-orders.ts';
import { startScriptedEngine } from '../testing/scripted-engine.ts';
import { ACCOUNT_A, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a flattening halt keeps an account flat in each product', () => {
  it('closes an MIS long and an NRML short of one instrument, though they net to zero over both products', async () => {
    const { engine, broker } = await startScriptedEngine(cleanups);
    broker.booksSource = () => agreeingBooks(engine.services.state);
    const future = engine.services.catalog.chains[0]!.future;
    const lot = future.lotSize;
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { product: 'MIS' }, 2 * lot);
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { product: 'NRML', side: 'SELL' }, 2 * lot);
    // Brokers net the products apart: two positions the halt promised to close, whatever their sum.
    const held = (product: 'MIS' | 'NRML') => engine.services.state.netQuantity(ACCOUNT_A, future.id, product);
    expect([held('MIS'), held('NRML')]).toEqual([2 * lot, -2 * lot]);

    // A kill switch with flatten recorded, and the engine stopped before its flatten ran.
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'KILL_SWITCH', reason: 'runaway', flatten: true, engagedBy: USER_A });
    const before = broker.placed.length;
    expect(await engine.services.keepFlat.check()).toBe(0); // first seen open: the broker's books must confirm it
    await engine.services.reconciler.run(false);
    expect(await engine.services.keepFlat.check()).toBe(2);
    const exits = broker.placed.slice(before).map(({ side, product, quantity, type }) => ({ side, product, quantity, type }));
    expect(exits).toEqual(
      expect.arrayContaining([
        { side: 'SELL', product: 'MIS', quantity: 2 * lot, type: 'MARKET' },
        { side: 'BUY', product: 'NRML', quantity: 2 * lot, type: 'MARKET' },
      ]),
    );
  });
});
