import { describe, expect, it } from 'vitest';
import { accountNet, finalSignal, strategyOrders } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';

/**
 * The time window and the maximum delay guard entries; an exit must always get through (ADR 0015).
 * Refused, an exit that waited while the engine was down — or came after the window — left an NRML
 * position open while TradingView showed the strategy flat.
 */
const engines = useStrategyEngines();

describe('exits past the entry guards', () => {
  it('an exit that waited longer than the maximum delay still closes the position; an entry that waited as long is refused', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy({ product: 'NRML', guards: { maxDelaySeconds: 60 } });
    const first = await start();
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    const [entry] = strategyOrders(first, fixtures, strategy);
    expect(entry?.status).toBe('FILLED');
    await first.close();

    // Alerts stored while the engine was down, five minutes ago.
    const exit = await fixtures.receive(strategy, { action: 'EXIT' });
    const reentry = await fixtures.receive(strategy, { action: 'BUY', contracts: 1, comment: 'again' });
    await fixtures.pool.query(`UPDATE signals SET received_at = now() - interval '5 minutes' WHERE id = ANY($1::bigint[])`, [[exit, reentry]]);

    const engine = await start();
    expect(await finalSignal(fixtures, exit)).toMatchObject({ status: 'EXECUTED' });
    expect(await finalSignal(fixtures, reentry)).toMatchObject({ status: 'REJECTED', reasonCode: 'SIGNAL_TOO_OLD' });
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(0);
  });

  it('outside the window (let through by the intake as a possible exit): an exit closes, a reversal only closes, an entry is refused', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy({ product: 'NRML' });
    const engine = await start();
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 2 }));
    const [entry] = strategyOrders(engine, fixtures, strategy);
    const lot = entry!.quantity / 2;

    // As the gateway stores an alert that came outside the window and could reduce.
    const partial = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'SELL', contracts: 1, marketPosition: 'long', outsideWindow: true }));
    expect(partial.status).toBe('EXECUTED');
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(lot);

    const reversal = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'REVERSE', outsideWindow: true }));
    expect(reversal.status).toBe('EXECUTED');
    expect(reversal.events.find((event) => event.stage === 'RISK_CHECKED')?.detail).toMatchObject({ quantity: lot, notOpened: lot });
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(0);

    const late = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'TARGET', positionSize: 1, outsideWindow: true }));
    expect(late).toMatchObject({ status: 'REJECTED', reasonCode: 'WEBHOOK_OUTSIDE_WINDOW' });
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(0);
  });
});
