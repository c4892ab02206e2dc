import { afterEach, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { agreeingBooks } from '../testing/agreeing-books.ts';
import { placeAnswered } from '../testing/scripted-orders.ts';
import { startScriptedEngine } from '../testing/scripted-engine.ts';
import { ACCOUNT_A, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('a mismatch the second look could not confirm (books unreadable then) does not vouch for the account: a flattening halt sends no exit on it', async () => {
  const { engine, broker, clock } = await startScriptedEngine(cleanups);
  broker.booksSource = () => agreeingBooks(engine.services.state);
  const lot = engine.services.catalog.chains[0]!.future.lotSize;
  // Long 2 lots; a kill switch with flatten whose exit the broker refuses: the position stays open under the halt.
  await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot);
  const beforeFlatten = broker.placed.length;
  const engaging = engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway', flatten: true } });
  const exit = await waitUntil(() => broker.placed[beforeFlatten], { message: 'flatten exit' });
  broker.emit({ kind: 'rejected', accountId: exit.accountId, clientOrderId: exit.clientOrderId, reasonCode: 'BROKER_REJECTED', reasonMessage: 'RMS: blocked (test).' });
  await engaging;
  await waitUntil(() => (engine.services.state.openOrdersOf(ACCOUNT_A).length === 0 ? true : undefined), { message: 'flatten exit rejected' });

  // The trader sold the 2 lots in the broker's own terminal: the books show nothing held — and the
  // second look, a moment later, cannot read them at all.
  let reads = 0;
  broker.booksSource = () => {
    reads += 1;
    if (reads > 2) throw new Error('broker unreachable');
    const books = agreeingBooks(engine.services.state);
    return { ...books, positions: books.positions.map((position) => ({ ...position, netQuantity: 0 })) };
  };
  const before = broker.placed.length;
  expect(await engine.services.keepFlat.check()).toBe(0); // seen open: asks for a look at the books
  expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([]); // unconfirmed, not blocked
  clock.advance(10_000);
  expect(await engine.services.keepFlat.check()).toBe(0);
  expect(broker.placed.length).toBe(before); // no second close, sized from a position the broker no longer holds
});
