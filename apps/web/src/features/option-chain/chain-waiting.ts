/**
 * What the chain area says while there is no chain to draw. An underlying whose expiries loaded
 * but none is listed (the instrument master has no live series for it) never gets a query: saying
 * "Loading…" then would wait forever.
 */
export function chainWaitingText(underlying: string, expiries: { loaded: boolean; count: number }): string {
  return expiries.loaded && expiries.count === 0 ? `No option expiries are listed for ${underlying}.` : 'Loading the chain…';
}
