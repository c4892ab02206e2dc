import { describe, expect, it } from 'vitest';
import { applyFill, asAccountId, emptyPosition, istDayNumber, toPositionView } from '@strikedesk/domain';
import { loadEngineConfig } from '../config/engine-config.ts';
import { createSimulatedMarket } from './create-market.ts';

const config = loadEngineConfig();
/** 2026-12-(day) at hh:mm IST (the 9th is a Wednesday). */
const ist = (day: number, hours: number, minutes: number): number => Date.UTC(2026, 11, day, hours - 5, minutes - 30);
const ACCOUNT = asAccountId('5b0f7c9e-6f43-4a36-9d43-1d1c1bb4c001');

/**
 * The always-open sandbox (and an engine run without its daily restart) steps the simulated market
 * across IST midnight. Its session statistics were fixed when the engine started: after midnight a
 * tick still gave that start's price as the previous close, so a position carried into the new day
 * showed the whole of yesterday's move as today's P&L (and the daily-loss stop counted it).
 */
describe('the simulated market at a new IST day', () => {
  it('starts a new session: the previous close is the last price of the day before, volume counts afresh', () => {
    const { catalog, simulator } = createSimulatedMarket({ config, seed: 3, startTime: ist(9, 22, 0) });
    const chain = catalog.chains[0]!;
    const future = chain.future;
    const opening = simulator.latest(future.id)!;
    const spot = simulator.spot(chain.spec.underlying)!;

    // An evening of trading, a rally at its end, then one step just after midnight.
    for (let minute = 1; minute <= 118; minute += 1) simulator.step(ist(9, 22, minute)); // 22:01 … 23:58
    simulator.setSpot(chain.spec.underlying, spot * 1.05);
    simulator.step(ist(9, 23, 59));
    const lastOfDay = simulator.latest(future.id)!;
    const lastIndexOfDay = simulator.latest(chain.index.id)!;
    expect(lastOfDay.lastPrice).toBeGreaterThan(opening.lastPrice * 1.03);
    simulator.setSpot(chain.spec.underlying, spot * 1.051);
    simulator.step(ist(10, 0, 1));
    const next = simulator.latest(future.id)!;
    expect(istDayNumber(next.timestamp)).toBe(istDayNumber(ist(10, 0, 1)));
    expect(next.previousClose).toBe(lastOfDay.lastPrice);
    expect(next.volume).toBeLessThan(lastOfDay.volume);
    expect(next.open).toBe(lastOfDay.lastPrice);
    expect(simulator.latest(chain.index.id)!.previousClose).toBe(lastIndexOfDay.lastPrice);
    expect(simulator.previousOpenInterest(future.id)).toBe(lastOfDay.openInterest);

    // A long future bought at the evening's opening price and carried into Thursday: its day P&L is
    // Thursday's move from the close, not the evening's rally.
    const bought = applyFill(emptyPosition(ACCOUNT, future.id, 'NRML'), { accountId: ACCOUNT, instrumentId: future.id, product: 'NRML', side: 'BUY', quantity: future.lotSize, price: opening.lastPrice, at: ist(9, 22, 0) });
    const view = toPositionView(bought, next, istDayNumber(ist(10, 0, 1)));
    expect(view.dayPnl).toBe((next.lastPrice - lastOfDay.lastPrice) * future.lotSize);
  });

  it('keeps the session within a day', () => {
    const { catalog, simulator } = createSimulatedMarket({ config, seed: 3, startTime: ist(9, 10, 0) });
    const future = catalog.chains[0]!.future;
    const opening = simulator.latest(future.id)!;
    simulator.step(ist(9, 12, 0));
    simulator.step(ist(9, 15, 29));
    expect(simulator.latest(future.id)!.previousClose).toBe(opening.previousClose);
  });
});
