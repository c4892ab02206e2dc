import { describe, expect, it } from 'vitest';
import type { Instrument } from '../instrument.ts';
import { normalizeTicker, resolveAlertTicker, type InstrumentDirectory } from './ticker-map.ts';
import { StrategyConfigSchema } from './strategy.ts';

const instrument = (id: string, fields: Partial<Instrument>): Instrument =>
  ({
    id,
    exchange: id.split(':')[0],
    tradingSymbol: id.split(':')[1],
    displayName: id,
    expiry: null,
    expiryType: null,
    strike: null,
    lotSize: 65,
    tickSize: 5,
    freezeQuantity: 1800,
    tradable: true,
    ...fields,
  }) as Instrument;

const INDEX = instrument('NSE:NIFTY 50', { underlying: 'NIFTY', kind: 'INDEX', tradable: false });
const DEC = instrument('NFO:NIFTY26DECFUT', { underlying: 'NIFTY', kind: 'FUTURE', expiry: '2026-12-29' });
const JAN = instrument('NFO:NIFTY27JANFUT', { underlying: 'NIFTY', kind: 'FUTURE', expiry: '2027-01-26' });
const BANK = instrument('NFO:BANKNIFTY26DECFUT', { underlying: 'BANKNIFTY', kind: 'FUTURE', expiry: '2026-12-29' });
const ALL = [INDEX, DEC, JAN, BANK];
const directory: InstrumentDirectory = {
  byId: (id) => ALL.find((entry) => entry.id === id),
  byTradingSymbol: (symbol) => ALL.find((entry) => entry.tradingSymbol.replace(/\s+/g, '') === symbol),
  futuresOf: (underlying) => ALL.filter((entry) => entry.kind === 'FUTURE' && entry.underlying === underlying),
};
const continuous = StrategyConfigSchema.parse({ target: { kind: 'CONTINUOUS_FUTURE', underlying: 'NIFTY', nth: 1 } });
const resolve = (ticker: string | null, config = continuous) => {
  const result = resolveAlertTicker(ticker, config, directory);
  return result.ok ? result.instrument.id : result.code;
};

describe('TradingView ticker mapping', () => {
  it('normalises exchange prefixes, delayed feeds and spaces', () => {
    expect(normalizeTicker('NSE:NIFTY1!')).toBe('NIFTY1!');
    expect(normalizeTicker('nse:banknifty_DL')).toBe('BANKNIFTY');
    expect(normalizeTicker('NIFTY 50')).toBe('NIFTY50');
  });

  it("no ticker, or the index chart, trades the strategy's own instrument", () => {
    expect(resolve(null)).toBe(DEC.id);
    expect(resolve('NSE:NIFTY')).toBe(DEC.id);
    expect(resolve('NIFTY50')).toBe(DEC.id);
    expect(resolve('NSE:NIFTY 50')).toBe(DEC.id);
  });

  it('continuous futures, instrument ids and trading symbols name that instrument', () => {
    expect(resolve('NSE:NIFTY2!')).toBe(JAN.id);
    expect(resolve('NFO:NIFTY27JANFUT')).toBe(JAN.id);
    expect(resolve('NIFTY26DECFUT')).toBe(DEC.id);
  });

  it('aliases win; unknown tickers and other underlyings are refused', () => {
    const aliased = StrategyConfigSchema.parse({ ...continuous, tickerAliases: { MYNIFTY: JAN.id } });
    expect(resolve('MYNIFTY', aliased)).toBe(JAN.id);
    expect(resolve('NSE:NIFTY3!')).toBe('WEBHOOK_UNKNOWN_SYMBOL');
    expect(resolve('RELIANCE')).toBe('WEBHOOK_UNKNOWN_SYMBOL');
    expect(resolve('NSE:BANKNIFTY1!')).toBe('WEBHOOK_SYMBOL_MISMATCH');
    expect(resolve('NSE:BANKNIFTY')).toBe('WEBHOOK_SYMBOL_MISMATCH');
  });

  it('a fixed instrument that is no longer listed is refused with a reason', () => {
    const fixed = StrategyConfigSchema.parse({ target: { kind: 'INSTRUMENT', instrumentId: 'NFO:NIFTY26NOVFUT' } });
    expect(resolve(null, fixed)).toBe('WEBHOOK_UNKNOWN_SYMBOL');
  });
});
