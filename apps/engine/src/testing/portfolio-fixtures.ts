import { randomUUID } from 'node:crypto';
import { createIdentityStore } from '@strikedesk/db/identity';
import type { TestDatabase } from '@strikedesk/db/testing';
import { waitUntil } from '@strikedesk/domain/testing';
import { PortfolioDefinitionSchema, type AccountId, type InstrumentId, type Order, type Portfolio, type PortfolioDefinitionInput, type PortfolioStatus, type Product, type UserId } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import type { ManualClock } from './test-engine.ts';

/** A trader (with their paper account) as the gateway's identity store creates them. */
export async function createTrader(database: TestDatabase): Promise<{ userId: UserId; accountId: AccountId }> {
  const identity = createIdentityStore(database.url);
  const user = await identity.users.create({ username: `pf-${randomUUID().slice(0, 8)}`, passwordHash: 'not-used', role: 'trader' });
  await identity.close();
  return { userId: user.userId, accountId: user.accountId };
}

export const definition = (input: Partial<PortfolioDefinitionInput> & Pick<PortfolioDefinitionInput, 'legs'>) =>
  PortfolioDefinitionSchema.parse({ settings: { name: 'Test', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS' }, ...input });

/** The NIFTY index id and its last price (paise). */
export function niftySpot(engine: RunningEngine): { indexId: string; spot: number } {
  const chain = engine.services.catalog.chains.find((candidate) => candidate.spec.underlying === 'NIFTY');
  if (!chain) throw new Error('NIFTY is not simulated');
  const spot = engine.services.market.latest(chain.index.id)?.lastPrice;
  if (spot === undefined) throw new Error('no NIFTY price yet');
  return { indexId: chain.index.id, spot };
}

/** One step of a scripted price path: NIFTY moves to `spot` and the whole chain reprices from it. */
export function moveNifty(engine: RunningEngine, clock: ManualClock, spot: number, advanceMs = 5): void {
  engine.runner.setSpot('NIFTY', spot);
  clock.advance(advanceMs);
  engine.runner.stepNow();
}

export async function waitForStatus(engine: RunningEngine, userId: UserId, portfolioId: Portfolio['id'], status: PortfolioStatus, timeoutMs = 15_000): Promise<Portfolio> {
  return waitUntil(
    async () => {
      const { portfolio } = await engine.services.portfolios.get(portfolioId, userId);
      return portfolio.status === status ? portfolio : undefined;
    },
    { timeoutMs, message: `portfolio ${portfolioId} ${status}` },
  );
}

/** Net quantities of the portfolio's book by instrument (zeros left out). */
export function bookQuantities(engine: RunningEngine, accountId: AccountId, portfolioId: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const position of engine.services.state.bookPositionsOf(accountId)) {
    if (position.portfolioId === portfolioId && position.netQuantity !== 0) result[position.instrumentId] = position.netQuantity;
  }
  return result;
}

/**
 * The trader buys (part of) a portfolio's short leg back from the order ticket (origin TERMINAL, no
 * portfolio on the order): the fold takes it out of the portfolio's book (ADR 0010).
 */
export function buyBackFromTicket(engine: RunningEngine, who: { accountId: AccountId; userId: UserId }, leg: { instrumentId: string; quantity: number }, product: Product): Promise<Order> {
  return engine.services.orders.submit({
    accountId: who.accountId,
    userId: who.userId,
    origin: 'TERMINAL',
    order: { instrumentId: leg.instrumentId as InstrumentId, side: 'BUY', type: 'MARKET', product, quantity: leg.quantity, price: null, triggerPrice: null },
  });
}
