import { z } from 'zod';
import { InstrumentIdSchema } from '../ids.ts';
import type { Instrument } from '../instrument.ts';
import { StrategyTargetSchema, type StrategyConfig, type StrategyTarget } from './strategy.ts';

/** What symbol mapping needs from the instrument master. */
export type InstrumentDirectory = {
  byId(id: string): Instrument | undefined;
  byTradingSymbol(symbol: string): Instrument | undefined;
  /** Unexpired futures of an underlying, nearest expiry first. */
  futuresOf(underlying: string): readonly Instrument[];
};

export type TickerResolution =
  | { ok: true; instrument: Instrument }
  | { ok: false; code: 'WEBHOOK_UNKNOWN_SYMBOL' | 'WEBHOOK_SYMBOL_MISMATCH'; message: string };

/** TradingView's names for indices whose short name differs from ours. */
const INDEX_NAMES: Record<string, string> = { NIFTY50: 'NIFTY', CNXNIFTY: 'NIFTY', NIFTYBANK: 'BANKNIFTY', CNXFINANCE: 'FINNIFTY', NIFTYFIN: 'FINNIFTY' };

/** `NSE:NIFTY1!` → `NIFTY1!`; drops delayed-feed `_DL` and spaces, upper-cases. */
export function normalizeTicker(ticker: string): string {
  const withoutExchange = ticker.includes(':') ? ticker.slice(ticker.indexOf(':') + 1) : ticker;
  return withoutExchange.replace(/_DL$/i, '').replace(/\s+/g, '').toUpperCase();
}

/** The instrument a target names today, or why there is none. */
export function resolveTarget(target: StrategyTarget, directory: InstrumentDirectory): TickerResolution {
  if (target.kind === 'PORTFOLIO') {
    return { ok: false, code: 'WEBHOOK_UNKNOWN_SYMBOL', message: 'A portfolio strategy trades its portfolio, not one instrument.' };
  }
  if (target.kind === 'INSTRUMENT') {
    const instrument = directory.byId(target.instrumentId);
    return instrument?.tradable
      ? { ok: true, instrument }
      : { ok: false, code: 'WEBHOOK_UNKNOWN_SYMBOL', message: `The strategy's instrument ${target.instrumentId} is not listed (expired?). Edit the strategy.` };
  }
  const future = directory.futuresOf(target.underlying)[target.nth - 1];
  return future
    ? { ok: true, instrument: future }
    : { ok: false, code: 'WEBHOOK_UNKNOWN_SYMBOL', message: `No ${ordinal(target.nth)} future of ${target.underlying} is listed.` };
}

/**
 * Maps an alert's ticker to the instrument to trade. A chart of the index (NSE:NIFTY) trades the
 * strategy's own instrument; a continuous future (NIFTY1!), one of our instrument ids or trading
 * symbols, or a configured alias trades that instrument. Whatever it names must share the
 * strategy's underlying: a BANKNIFTY alert on a NIFTY strategy is refused, never traded.
 */
export function resolveAlertTicker(ticker: string | null, config: Pick<StrategyConfig, 'target' | 'tickerAliases'>, directory: InstrumentDirectory): TickerResolution {
  const own = resolveTarget(config.target, directory);
  if (ticker === null || ticker.trim() === '' || config.target.kind === 'PORTFOLIO') return own;
  const alias = config.tickerAliases[ticker] ?? config.tickerAliases[normalizeTicker(ticker)];
  const named = alias ? directory.byId(alias) : lookup(ticker, directory);
  if (named === 'unknown' || named === undefined) {
    return { ok: false, code: 'WEBHOOK_UNKNOWN_SYMBOL', message: `Unknown ticker "${ticker.slice(0, 40)}": map it in the strategy's ticker aliases.` };
  }
  const underlying = config.target.kind === 'INSTRUMENT' ? (own.ok ? own.instrument.underlying : null) : config.target.underlying;
  const namedUnderlying = typeof named === 'string' ? named : named.underlying;
  if (underlying !== null && namedUnderlying !== underlying) {
    return { ok: false, code: 'WEBHOOK_SYMBOL_MISMATCH', message: `The alert is for ${namedUnderlying} but this strategy trades ${underlying}.` };
  }
  if (typeof named === 'string') return own; // the index itself: trade the strategy's instrument
  if (!named.tradable) return { ok: false, code: 'WEBHOOK_UNKNOWN_SYMBOL', message: `${named.displayName} cannot be traded.` };
  return { ok: true, instrument: named };
}

/**
 * The underlying an alert's ticker is about (NSE:NIFTY, NIFTY1!, an instrument of ours...), or
 * 'unknown': a portfolio strategy checks it against its portfolio's underlying.
 */
export function alertUnderlying(ticker: string, directory: InstrumentDirectory): string | 'unknown' {
  const named = lookup(ticker, directory);
  return typeof named === 'string' ? named : named.underlying;
}

/** An instrument, an underlying's name (the index chart), or unknown. */
function lookup(ticker: string, directory: InstrumentDirectory): Instrument | string | 'unknown' {
  const exact = directory.byId(ticker.trim());
  if (exact) return exact.kind === 'INDEX' ? exact.underlying : exact;
  const symbol = normalizeTicker(ticker);
  const continuous = /^([A-Z&]+)(\d)!$/.exec(symbol);
  if (continuous) {
    const [, root = '', nth = '1'] = continuous;
    const underlying = INDEX_NAMES[root] ?? root;
    return directory.futuresOf(underlying)[Number(nth) - 1] ?? 'unknown';
  }
  const bySymbol = directory.byTradingSymbol(symbol);
  if (bySymbol) return bySymbol.kind === 'INDEX' ? bySymbol.underlying : bySymbol;
  const index = INDEX_NAMES[symbol] ?? symbol;
  return directory.futuresOf(index).length > 0 ? index : 'unknown';
}

const ordinal = (n: number): string => (n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`);

export const TickerResolveQuerySchema = z.object({
  ticker: z.string().max(200).nullable(),
  target: StrategyTargetSchema,
  tickerAliases: z.record(z.string(), InstrumentIdSchema),
});
export type TickerResolveQuery = z.infer<typeof TickerResolveQuerySchema>;
