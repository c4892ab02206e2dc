import { paise, type Instrument, type Paise } from '@strikedesk/domain';
import type { SimulationConfig } from '../../config/engine-config.ts';
import type { PaperFillOptions, QuoteSource } from './paper-venue.ts';

/**
 * The paper broker's fill settings from the engine configuration: slippage on market orders, the
 * instruments' tick sizes, and circuit limits — futures within ± the configured % of the previous
 * close (NSE's band for index futures), rounded inwards to the tick; options have no fixed circuit
 * (the exchange's operating ranges for them move with the market); and the contract terms the
 * exchange checks every order against (lot size, freeze quantity, tick).
 */
export function paperFillOptions(settings: SimulationConfig['paperFills'], instrument: (id: string) => Instrument | undefined, quotes: QuoteSource): PaperFillOptions {
  return {
    slippageTicks: settings.slippageTicks,
    tickSize: (id) => instrument(id)?.tickSize,
    contract: instrument,
    circuit: (id) => {
      const found = instrument(id);
      const previousClose = quotes.latest(id)?.previousClose;
      if (found?.kind !== 'FUTURE' || previousClose === undefined) return null;
      const band = (previousClose * settings.futuresCircuitPercent) / 100;
      const tick = found.tickSize;
      return { lower: paise(Math.ceil((previousClose - band) / tick) * tick) as Paise, upper: paise(Math.floor((previousClose + band) / tick) * tick) as Paise };
    },
  };
}
