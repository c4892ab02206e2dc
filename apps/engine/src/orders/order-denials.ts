import { DomainError, ERROR_CODES, paise, rupeesLabel, type Instrument, type OrderSpec, type Tick } from '@strikedesk/domain';
import type { Denial } from '../risk/account-risk-check.ts';

/** The order decider's refusals that are not the account's risk limits: how each is worded. */

export const denialOf = (error: DomainError): Denial => ({ code: error.code, message: error.message });

export const NO_QUOTE = { lastPrice: paise(0), bid: null, ask: null };

/** STOP_TRIGGER_CROSSED for a stop whose trigger is at or past the last price on the side it waits for; null otherwise (or without a last price). */
export function crossedStop(spec: OrderSpec, tick: Tick): Denial | null {
  if ((spec.type !== 'SL' && spec.type !== 'SL_M') || spec.triggerPrice === null || tick.lastPrice <= 0) return null;
  const buy = spec.side === 'BUY';
  if (buy ? spec.triggerPrice > tick.lastPrice : spec.triggerPrice < tick.lastPrice) return null;
  const need = buy ? 'above' : 'below';
  return {
    code: 'STOP_TRIGGER_CROSSED',
    message: `${ERROR_CODES.STOP_TRIGGER_CROSSED} The trigger ${rupeesLabel(spec.triggerPrice)} is not ${need} the last price ${rupeesLabel(tick.lastPrice)}: this ${spec.side.toLowerCase()} stop would trigger at once. Place a ${spec.type === 'SL' ? 'LIMIT' : 'MARKET'} order to trade now, or set the trigger ${need} the market.`,
  };
}

/** NO_MARKET_PRICE, saying which side of the book is missing. */
export function noMarketPrice(instrument: Instrument, tick: Tick | undefined): Denial {
  const missing = !tick ? 'no quote has arrived yet' : tick.bid === null && tick.ask === null ? 'it has neither bids nor offers now' : tick.bid === null ? 'it has no bids now' : 'it has no offers now';
  return { code: 'NO_MARKET_PRICE', message: `${ERROR_CODES.NO_MARKET_PRICE} ${instrument.displayName}: ${missing}.` };
}

/** An exit past what it may close (`limit`: exitLimit on the side it closes). */
export function exitDenial(limit: number, spec: Pick<OrderSpec, 'side' | 'quantity' | 'product'>): Denial {
  const position = spec.side === 'SELL' ? 'long' : 'short';
  const closable = limit === 0 ? `nothing of a ${position} position` : `at most ${limit} of a ${position} position`;
  return { code: 'EXIT_WOULD_OPEN_POSITION', message: `${ERROR_CODES.EXIT_WOULD_OPEN_POSITION} This exit may close ${closable} in ${spec.product} here (the account's, or what it holds beyond other strategies' and portfolios' books, less the exits already working on it); this ${spec.side} is for ${spec.quantity}.` };
}
