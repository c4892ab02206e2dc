import { afterEach, expect, it } from 'vitest';
import { asInstrumentId, type AccountId } from '@strikedesk/domain';
import type { BrokerBooks } from '../brokers/broker.ts';
import { PaperBroker } from '../brokers/paper/paper-broker.ts';
import type { RunningEngine } from '../engine.ts';
import type { MarketData } from '../market/market-data.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';

/**
 * The real paper broker, whose books are read a moment before the account trades again: each
 * `books()` takes its snapshot, then (while the caller has not yet locked the account) lets the
 * account place one more order, as a busy account does between the read and the comparison.
 */
class BusyAccountBroker extends PaperBroker {
  tradeDuringBooks: (() => void) | null = null;
  override async books(): Promise<BrokerBooks> {
    const snapshot = await super.books();
    if (this.tradeDuringBooks) {
      this.tradeDuringBooks();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return snapshot;
  }
}

let engine: RunningEngine | null = null;
let drop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await engine?.close();
  await drop?.();
});

it('an account trading on while its books are read is not blocked by reconciliation', async () => {
  const database = await createTestDatabase();
  drop = () => database.drop();
  let broker: BusyAccountBroker | null = null;
  const clock = new ManualClock(TEST_START);
  engine = await startTestEngine(database, clock, {
    createBroker: (market: MarketData) => (broker = new BusyAccountBroker(market, clock.now)),
    reconciler: { confirmAfterMs: 10 },
  });
  const running = engine;
  const future = running.services.catalog.all.find((instrument) => instrument.kind === 'FUTURE' && instrument.underlying === 'NIFTY')!;
  const buyOneLot = (accountId: AccountId) =>
    running.services.orders.submit({
      accountId,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: asInstrumentId(future.id), side: 'BUY', type: 'MARKET', product: 'MIS', quantity: future.lotSize, price: null, triggerPrice: null },
    });
  expect((await buyOneLot(ACCOUNT_A)).status).toBe('FILLED');

  broker!.tradeDuringBooks = () => void buyOneLot(ACCOUNT_A);
  const report = await running.services.reconciler.run(false);
  broker!.tradeDuringBooks = null;

  expect(report.blockedAccounts).toEqual([]);
  expect(running.services.halts.active(ACCOUNT_A)).toEqual([]);
  // The orders placed meanwhile went through, and the books agree with the journal.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(running.services.state.ordersOf(ACCOUNT_A).filter((order) => order.status === 'FILLED').length).toBeGreaterThanOrEqual(2);
  expect((await running.services.reconciler.run(false)).blockedAccounts).toEqual([]);
});
