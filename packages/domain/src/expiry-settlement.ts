import type { Instrument } from './instrument.ts';
import { ZERO_PAISE, type Paise } from './money.ts';

/**
 * What a contract held to expiry settles at, given the underlying's settlement price: NSE's index
 * futures and options are cash-settled — a future at the underlying's price, an option at its
 * intrinsic value (zero out of the money). Exact in paise: a difference of two whole amounts.
 * Null for what does not expire (an index).
 */
export function expirySettlementPrice(instrument: Pick<Instrument, 'kind' | 'strike'>, underlying: Paise): Paise | null {
  switch (instrument.kind) {
    case 'FUTURE':
      return underlying;
    case 'CALL':
      return instrument.strike === null ? null : underlying > instrument.strike ? ((underlying - instrument.strike) as Paise) : ZERO_PAISE;
    case 'PUT':
      return instrument.strike === null ? null : instrument.strike > underlying ? ((instrument.strike - underlying) as Paise) : ZERO_PAISE;
    case 'INDEX':
      return null;
  }
}
