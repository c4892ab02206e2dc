/** Errors the ticker client throws at its caller, each with a stable code. */
export const KITE_TICKER_ERRORS = {
  KITE_TICKER_CAPACITY: 'Kite streams at most 3,000 instruments per connection and 3 connections per API key (9,000 in all).',
  KITE_TICKER_INVALID_TOKEN: 'An instrument token must be a positive 32-bit integer.',
  KITE_TICKER_NOT_SUBSCRIBED: 'A mode can only be set on instruments that are subscribed.',
  KITE_TICKER_CLOSED: 'The ticker client is closed.',
} as const;
export type KiteTickerErrorCode = keyof typeof KITE_TICKER_ERRORS;

export class KiteTickerError extends Error {
  constructor(
    readonly code: KiteTickerErrorCode,
    detail?: string,
  ) {
    super(detail ? `${KITE_TICKER_ERRORS[code]} ${detail}` : KITE_TICKER_ERRORS[code]);
    this.name = 'KiteTickerError';
  }
}
