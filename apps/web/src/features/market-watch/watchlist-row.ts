import type { Instrument, Tick } from '@strikedesk/domain';

export type WatchlistRow = { instrument: Instrument; tick: Tick | undefined };

/**
 * Volume or open interest as the watchlist shows it: an index is not traded, and its feed's 0 by
 * convention is no figure ("—"), not "none traded".
 */
export const tradedOnly = (row: WatchlistRow, value: number | undefined): number | undefined => (row.instrument.kind === 'INDEX' ? undefined : value);
