import type { InstrumentId } from '@strikedesk/domain';
import type { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import type { XtsSegment } from '../xts-units.ts';
import { XTS_MD_MESSAGE_CODES, type XtsMdMessageCode } from './xts-market-data-client.ts';

/**
 * XTS lists indices in the cash segments (the index list), and an index has no order book: the
 * touchline carries its value as LastTradedPrice with empty bid/ask, so an index is subscribed on
 * 1501 whatever the feed's code. (A cash equity would be taken for one; the engine streams none.)
 */
const INDEX_SEGMENTS: ReadonlySet<XtsSegment> = new Set(['NSECM', 'BSECM']);

/**
 * The instruments per message code, in subscription order: indices first (few, and option
 * analytics need the spot before the chain), then the rest with the feed's code, then — with
 * `openInterest` — the rest again on 1510 (no price message carries open interest; an index has
 * none). Order within a group is kept; an instrument the directory lacks goes with the rest (the
 * stream refuses it).
 */
export function subscriptionGroups(
  instruments: readonly InstrumentId[],
  directory: XtsInstrumentDirectory,
  code: XtsMdMessageCode,
  options: { openInterest?: boolean } = {},
): Map<XtsMdMessageCode, InstrumentId[]> {
  const indices: InstrumentId[] = [];
  const others: InstrumentId[] = [];
  for (const id of instruments) {
    const segment = directory.toXts(id)?.segment;
    (segment !== undefined && INDEX_SEGMENTS.has(segment) ? indices : others).push(id);
  }
  const groups = new Map<XtsMdMessageCode, InstrumentId[]>();
  if (indices.length > 0) groups.set(XTS_MD_MESSAGE_CODES.touchline, indices);
  // The feed's own code may be the touchline too: then one group, indices still first.
  if (others.length > 0) groups.set(code, [...(groups.get(code) ?? []), ...others]);
  if (options.openInterest && others.length > 0) groups.set(XTS_MD_MESSAGE_CODES.openInterest, others);
  return groups;
}
