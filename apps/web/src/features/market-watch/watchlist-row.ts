import type { Instrument, Tick } from '@strikedesk/domain';

export type WatchlistRow = { instrument: Instrument; tick: Tick | undefined };
