import type { Instrument, InstrumentId } from '@strikedesk/domain';
import { pastExpiryClose } from './expiry-close.ts';
import { chainInstruments, type UnderlyingChain } from './instrument-master.ts';

/**
 * The instrument as offered at `now`: a contract past its expiry close (15:30 IST on expiry day) stays
 * listed until the next day's listing — still held, priced, settled — but is not tradable, so search
 * and the ticket do not offer what every order would be refused for (CONTRACT_EXPIRED).
 */
const offeredAt = (instrument: Instrument, now: number): Instrument =>
  instrument.tradable && pastExpiryClose(instrument, now) ? { ...instrument, tradable: false } : instrument;

/** A dated contract offered as not tradable: its expiry close has passed (an index is never dated). */
const expired = (instrument: Instrument): boolean => instrument.expiry !== null && !instrument.tradable;

/** How well an instrument matches a query; lower is better, null is no match. */
function matchRank(instrument: Instrument, query: string, tokens: readonly string[]): number | null {
  const symbol = instrument.tradingSymbol.toLowerCase();
  const display = instrument.displayName.toLowerCase();
  if (symbol === query || display === query) return 0;
  if (symbol.startsWith(query) || display.startsWith(query)) return 1;
  const words = display.split(/\s+/);
  // "nifty 24000 ce": every token starts a word of the display name.
  if (tokens.every((token) => words.some((word) => word.startsWith(token)))) return 2;
  if (tokens.every((token) => symbol.includes(token) || display.includes(token))) return 3;
  return null;
}

/**
 * The instrument master in memory: lookups by id and ranked search. Immutable after build. Besides
 * the chains it lists `held` contracts the chains lack — still held, but expired or outside today's
 * strikes (instruments/held-contracts.ts) — after them, in no chain: findable, priced and settled,
 * not offered in option chains.
 */
export class InstrumentCatalog {
  readonly chains: readonly UnderlyingChain[];
  readonly all: readonly Instrument[];
  private readonly byId: ReadonlyMap<string, Instrument>;
  private readonly position: ReadonlyMap<string, number>;

  constructor(chains: readonly UnderlyingChain[], held: readonly Instrument[] = []) {
    this.chains = chains;
    const listed = chainInstruments(chains);
    const ids = new Set(listed.map((instrument) => instrument.id as string));
    this.all = [...listed, ...held.filter((instrument) => !ids.has(instrument.id))];
    this.byId = new Map(this.all.map((instrument) => [instrument.id, instrument]));
    this.position = new Map(this.all.map((instrument, index) => [instrument.id, index]));
  }

  get(id: InstrumentId | string): Instrument | undefined {
    return this.byId.get(id);
  }

  /** The instruments as offered at `now` (see offeredAt); unknown ids are left out. */
  getMany(ids: readonly string[], now: number): Instrument[] {
    return ids.flatMap((id) => {
      const instrument = this.byId.get(id);
      return instrument ? [offeredAt(instrument, now)] : [];
    });
  }

  /**
   * Ranked matches as offered at `now` (see offeredAt). Within a rank, what can still be traded comes
   * before what expired today: at 16:00 on expiry day "NIFTY 26000 CE" means next week's.
   */
  search(rawQuery: string, limit: number, now: number): Instrument[] {
    const query = rawQuery.trim().toLowerCase().replace(/\s+/g, ' ');
    const tokens = query.split(' ');
    const hits: { instrument: Instrument; rank: number }[] = [];
    for (const instrument of this.all) {
      // An empty query offers the indices and futures.
      const rank = query === '' ? (instrument.kind === 'INDEX' || instrument.kind === 'FUTURE' ? 0 : null) : matchRank(instrument, query, tokens);
      if (rank !== null) hits.push({ instrument: offeredAt(instrument, now), rank });
    }
    hits.sort(
      // Catalog order already reads naturally: index, future, then options by expiry and strike.
      (a, b) =>
        a.rank - b.rank ||
        Number(expired(a.instrument)) - Number(expired(b.instrument)) ||
        (this.position.get(a.instrument.id) ?? 0) - (this.position.get(b.instrument.id) ?? 0),
    );
    return hits.slice(0, limit).map((hit) => hit.instrument);
  }
}
