import type { Instrument, InstrumentId, Tick } from '@strikedesk/domain';
import { startFakeXtsInteractive, type RunningFakeXtsInteractive } from '../xts/fake/fake-xts-interactive.ts';
import type { FakeXtsInstrument } from '../xts/fake/fake-xts-order-book.ts';
import { XtsInstrumentDirectory } from '../xts/xts-instrument-directory.ts';
import { segmentOfExchange } from '../xts/xts-units.ts';

export type SimulatedXts = { fake: RunningFakeXtsInteractive; directory: XtsInstrumentDirectory; close(): Promise<void> };

/**
 * A "simulated XTS" account's broker: the fake XTS Interactive server (the tests' one), listing
 * the engine's tradable instruments under made-up exchange instrument ids and quoting them from
 * the engine's market. Lives in the engine process, like the simulated Zerodha (ADR 0020).
 */
export async function startSimulatedXts(deps: {
  instruments: readonly Instrument[];
  latest: (instrumentId: string) => Tick | undefined;
  ticks: { listen(listener: (ticks: Tick[]) => void): () => void };
}): Promise<SimulatedXts> {
  const tradable = deps.instruments.filter((instrument) => instrument.tradable && instrument.kind !== 'INDEX');
  const rows = tradable.map((instrument, index) => ({
    id: instrument.id as InstrumentId,
    segment: segmentOfExchange(instrument.exchange) as FakeXtsInstrument['segment'],
    exchangeInstrumentId: 300_000 + index,
    tradingSymbol: instrument.tradingSymbol,
  }));
  const directory = new XtsInstrumentDirectory(rows);
  const fake = await startFakeXtsInteractive({ instruments: rows.map(({ segment, exchangeInstrumentId, tradingSymbol }) => ({ segment, exchangeInstrumentId, tradingSymbol })) });
  const idOf = new Map(rows.map((row) => [row.id as string, row.exchangeInstrumentId]));
  const quote = (tick: Tick): void => {
    const id = idOf.get(tick.instrumentId);
    if (id !== undefined) fake.setMarket(id, { bid: tick.bid ?? tick.lastPrice, ask: tick.ask ?? tick.lastPrice, last: tick.lastPrice });
  };
  for (const row of rows) {
    const tick = deps.latest(row.id);
    if (tick) quote(tick);
  }
  const stop = deps.ticks.listen((ticks) => ticks.forEach(quote));
  return {
    fake,
    directory,
    async close() {
      stop();
      await fake.close();
    },
  };
}
