import { paise } from '@strikedesk/domain';
import { underlyingOfIndex } from '../../../instruments/index-underlyings.ts';
import { listedContract, type ListedContract } from '../../../instruments/listed-contract.ts';
import { XTS_SEGMENTS, xtsInstrumentId, type XtsSegment } from '../xts-units.ts';
import type { XtsIndexEntry } from './xts-index-list.ts';
import type { XtsMasterInstrument } from './xts-instrument-master.ts';

/**
 * The XTS instrument master as broker-neutral listed contracts (catalog-from-master.ts). XTS
 * subscribes by segment and exchange instrument id, so the feed key carries both:
 * `NSEFO:43650`. The NSEFO master lists no indices: they come from the index list
 * (xtsIndexContracts); without it the catalog falls back to the configured index.
 */
export function xtsListedContracts(instruments: readonly XtsMasterInstrument[]): ListedContract[] {
  return instruments.map((instrument) =>
    listedContract(
      instrument,
      xtsFeedKey(instrument.segment, instrument.exchangeInstrumentId),
      // The parser keeps any non-zero FreezeQty it reads (already reduced from NSE's "limit + 1"),
      // even a negative or fractional one from a bad row: only a positive whole quantity is trusted.
      Number.isSafeInteger(instrument.freezeQuantity) && instrument.freezeQuantity > 0 ? instrument.freezeQuantity : null,
    ),
  );
}

/**
 * A cash segment's index list as INDEX contracts: `NSE:NIFTY 50` (NSECM → NSE, BSECM → BSE), the
 * same id as Kite's row and our configured index, streamed as `NSECM:26000`. Indices are not
 * traded: no expiry, strike or freeze quantity, and lot and tick 0 as Kite writes them (the
 * catalog keeps the configured ones). A name our ids cannot hold is skipped, and of two entries
 * with one name the first is kept, so an id names one feed key (published lists repeat names).
 */
export function xtsIndexContracts(segment: 'NSECM' | 'BSECM', entries: readonly XtsIndexEntry[]): ListedContract[] {
  const contracts = new Map<string, ListedContract>();
  for (const { name, exchangeInstrumentId } of entries) {
    const id = xtsInstrumentId(segment, name);
    if (!id || contracts.has(id)) continue;
    contracts.set(id, {
      id,
      exchange: XTS_SEGMENTS[segment].exchange,
      tradingSymbol: name,
      underlying: underlyingOfIndex(name),
      kind: 'INDEX',
      expiry: null,
      strike: null,
      lotSize: 0,
      tickSize: paise(0),
      freezeQuantity: null,
      feedKey: xtsFeedKey(segment, exchangeInstrumentId),
    });
  }
  return [...contracts.values()];
}

export const xtsFeedKey = (segment: XtsSegment, exchangeInstrumentId: number): string => `${segment}:${exchangeInstrumentId}`;

/** `NSEFO:43650` → its segment and exchange instrument id; null for anything xtsFeedKey does not write. */
export function parseXtsFeedKey(key: string): { segment: XtsSegment; exchangeInstrumentId: number } | null {
  const match = /^([A-Z]+):(\d{1,15})$/.exec(key);
  if (!match) return null;
  const [, segment = '', id = ''] = match;
  if (!Object.hasOwn(XTS_SEGMENTS, segment)) return null;
  return { segment: segment as XtsSegment, exchangeInstrumentId: Number(id) };
}
