/**
 * Brokers name an index by its exchange name ("NIFTY 50", "NIFTY BANK"); our underlyings use the
 * derivatives' prefix (NIFTY, BANKNIFTY). Kite's instrument file (its `name` column) and XTS's
 * index list (`GET /instruments/indexlist`, entries like "NIFTY 50_26000", "NIFTY MID SELECT_26121",
 * "SENSEX_1") spell these names alike, so both importers map them here.
 */
const UNDERLYING_OF_INDEX: ReadonlyMap<string, string> = new Map([
  ['NIFTY 50', 'NIFTY'],
  ['NIFTY BANK', 'BANKNIFTY'],
  ['NIFTY FIN SERVICE', 'FINNIFTY'],
  ['NIFTY MID SELECT', 'MIDCPNIFTY'],
  ['NIFTY NEXT 50', 'NIFTYNXT50'],
  ['SENSEX', 'SENSEX'],
  ['BANKEX', 'BANKEX'],
]);

/** The underlying an index is the spot of; an index no derivatives are named after keeps its own name. */
export function underlyingOfIndex(indexName: string): string {
  // A Map, not an object literal: a name such as "constructor" must not find Object.prototype's.
  return UNDERLYING_OF_INDEX.get(indexName) ?? indexName;
}
