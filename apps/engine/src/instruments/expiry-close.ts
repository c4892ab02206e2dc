import { expiryInstantMs, type Instrument } from '@strikedesk/domain';

/** Each expiry's close (15:30 IST), parsed once: order checks and instrument look-ups ask often. A handful of expiries. */
const expiryCloses = new Map<string, number>();

/** Whether the contract's expiry close has passed at `now` (never, for an index or other undated instrument). */
export function pastExpiryClose(instrument: Instrument, now: number): boolean {
  if (instrument.expiry === null) return false;
  let close = expiryCloses.get(instrument.expiry);
  if (close === undefined) expiryCloses.set(instrument.expiry, (close = expiryInstantMs(instrument.expiry)));
  return now >= close;
}
