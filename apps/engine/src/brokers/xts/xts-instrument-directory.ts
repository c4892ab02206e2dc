import type { InstrumentId } from '@strikedesk/domain';
import type { XtsSegment } from './xts-units.ts';

/**
 * XTS names instruments by segment + ExchangeInstrumentID; we name them `EXCHANGE:TRADINGSYMBOL`.
 * The directory (filled from the instrument master, refreshed daily: ids are reused after expiry)
 * translates both ways at the adapter edge, so XTS ids never reach the engine.
 */
export type XtsInstrumentRef = { segment: XtsSegment; exchangeInstrumentId: number };

export class XtsInstrumentDirectory {
  private readonly byOurs = new Map<InstrumentId, XtsInstrumentRef>();
  private readonly byXts = new Map<string, InstrumentId>();

  constructor(entries: Iterable<{ id: InstrumentId } & XtsInstrumentRef> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: { id: InstrumentId } & XtsInstrumentRef): void {
    this.byOurs.set(entry.id, { segment: entry.segment, exchangeInstrumentId: entry.exchangeInstrumentId });
    this.byXts.set(`${entry.segment}:${entry.exchangeInstrumentId}`, entry.id);
  }

  toXts(id: InstrumentId): XtsInstrumentRef | null {
    return this.byOurs.get(id) ?? null;
  }

  toOurs(segment: XtsSegment, exchangeInstrumentId: number): InstrumentId | null {
    return this.byXts.get(`${segment}:${exchangeInstrumentId}`) ?? null;
  }
}
