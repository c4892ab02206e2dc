import type { Instrument, Tick } from '@strikedesk/domain';
import { startFakeKiteServer, type RunningFakeKite } from '../kite/fake/fake-kite-server.ts';
import { instrumentKey, type FakeInstrument } from '../kite/fake/fake-kite-universe.ts';
import type { FakeKiteTicker } from '../kite/ticker/fake-kite-ticker.ts';
import { startSimulatedKiteTicker } from './simulated-kite-ticker.ts';

/** Kite's segment codes in the low byte of an instrument token (what the ticker fake derives segments from). */
const SEGMENT_CODE = { NSE: 1, NFO: 2, BSE: 3, BFO: 4, INDICES: 9 } as const;
const INSTRUMENT_TYPE = { INDEX: 'EQ', FUTURE: 'FUT', CALL: 'CE', PUT: 'PE' } as const;

/** One of our instruments as the Kite instruments file lists it. */
export function toFakeInstrument(instrument: Instrument, exchangeToken: number): FakeInstrument {
  const segment = instrument.kind === 'INDEX' ? 'INDICES' : instrument.kind === 'FUTURE' ? `${instrument.exchange}-FUT` : `${instrument.exchange}-OPT`;
  const code = instrument.kind === 'INDEX' ? SEGMENT_CODE.INDICES : SEGMENT_CODE[instrument.exchange];
  return {
    instrumentToken: exchangeToken * 256 + code,
    exchangeToken,
    tradingsymbol: instrument.tradingSymbol,
    name: instrument.underlying,
    expiry: instrument.expiry ?? '',
    strike: instrument.strike ?? 0,
    tickSize: instrument.kind === 'INDEX' ? 0 : instrument.tickSize,
    lotSize: instrument.kind === 'INDEX' ? 0 : instrument.lotSize,
    instrumentType: INSTRUMENT_TYPE[instrument.kind],
    segment,
    exchange: instrument.exchange,
  };
}

export type SimulatedKite = {
  fake: RunningFakeKite;
  /** Its KiteTicker, streaming the same prices (what makes it a market-data source). */
  ticker: FakeKiteTicker;
  close(): Promise<void>;
};

/**
 * A "simulated Zerodha" account's broker: the fake Kite server (the same one the tests use),
 * listing the engine's instruments and pricing them from the engine's market, so its fills look
 * like the terminal's quotes. It lives in the engine process: an engine restart starts it empty
 * (docs/adr/0020-broker-account-routing.md says what that means for its orders).
 */
export async function startSimulatedKite(deps: {
  instruments: readonly Instrument[];
  latest: (instrumentId: string) => Tick | undefined;
  ticks: { listen(listener: (ticks: Tick[]) => void): () => void };
}): Promise<SimulatedKite> {
  const universe = deps.instruments.map((instrument, index) => toFakeInstrument(instrument, 100_000 + index));
  const keyOf = new Map(deps.instruments.map((instrument, index) => [instrument.id as string, instrumentKey(universe[index] as FakeInstrument)]));
  const prices: Record<string, number> = {};
  for (const instrument of deps.instruments) {
    const price = deps.latest(instrument.id)?.lastPrice;
    const key = keyOf.get(instrument.id);
    if (price !== undefined && price !== null && key) prices[key] = price;
  }
  const fake = await startFakeKiteServer({ universe, prices, user: { userId: 'SIM001', userName: 'Simulated Trader' } });
  const stop = deps.ticks.listen((ticks) => {
    for (const tick of ticks) {
      const key = keyOf.get(tick.instrumentId);
      if (key && tick.lastPrice !== null) fake.setMarketPrice(key, tick.lastPrice);
    }
  });
  const tokenOf = new Map(deps.instruments.map((instrument, index) => [instrument.id as string, (universe[index] as FakeInstrument).instrumentToken]));
  const streaming = await startSimulatedKiteTicker({ apiKey: fake.apiKey, accessToken: fake.accessToken, tokenOf, ticks: deps.ticks });
  return {
    fake,
    ticker: streaming.ticker,
    async close() {
      stop();
      await streaming.close();
      await fake.close();
    },
  };
}
