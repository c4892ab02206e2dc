import { istDayNumber, istDayToIsoDate, type Instrument, type InstrumentDirectory } from '@strikedesk/domain';
import type { InstrumentCatalog } from './instrument-catalog.ts';

/** The catalog as symbol mapping sees it; futures expiring before today (IST) are left out. */
export function createInstrumentDirectory(catalog: InstrumentCatalog, now: () => number): InstrumentDirectory {
  const bySymbol = new Map(catalog.all.map((instrument) => [instrument.tradingSymbol.replace(/\s+/g, '').toUpperCase(), instrument]));
  const futures = new Map<string, Instrument[]>();
  for (const instrument of catalog.all) {
    if (instrument.kind !== 'FUTURE') continue;
    const list = futures.get(instrument.underlying) ?? [];
    list.push(instrument);
    futures.set(instrument.underlying, list);
  }
  for (const list of futures.values()) list.sort((a, b) => (a.expiry ?? '').localeCompare(b.expiry ?? ''));
  return {
    byId: (id) => catalog.get(id),
    byTradingSymbol: (symbol) => bySymbol.get(symbol.replace(/\s+/g, '').toUpperCase()),
    futuresOf: (underlying) => {
      const today = istDayToIsoDate(istDayNumber(now()));
      return (futures.get(underlying) ?? []).filter((future) => (future.expiry ?? '') >= today);
    },
  };
}
