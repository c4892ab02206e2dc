import { z } from 'zod';
import type { Paise } from '@strikedesk/domain';
import { xtsExchangeTimeToEpochMs, xtsNumber, xtsPaise } from '../xts-units.ts';

/**
 * Market data socket payloads, JSON full (`1501-json-full`, `1502-json-full`, `1510-json-full`, `1512-json-full`)
 * and partial (`...-json-partial`: `t:2_43650,ltp:245.35,ltq:75,v:...`). Both become one
 * `XtsQuoteState` per instrument; a partial message carries only what changed since the last, so
 * it is merged into the state kept for that instrument.
 */
export type XtsDepthLevel = { price: Paise; quantity: number; orders: number };
export type XtsQuoteState = {
  segmentCode: number;
  exchangeInstrumentId: number;
  /** Epoch ms (NSE's 1980-based seconds already converted). */
  timestamp: number | null;
  lastPrice: Paise | null;
  lastQuantity: number | null;
  volume: number | null;
  open: Paise | null;
  high: Paise | null;
  low: Paise | null;
  close: Paise | null;
  bids: XtsDepthLevel[];
  asks: XtsDepthLevel[];
  /** Open contracts (1510's OpenInterest). */
  openInterest: number | null;
};

const loose = z.union([z.number(), z.string()]).nullish();
const LevelSchema = z.looseObject({ Size: loose, Price: loose, TotalOrders: loose });
const TouchlineSchema = z.looseObject({
  LastTradedPrice: loose,
  LastTradedQunatity: loose, // sic: XTS's spelling
  TotalTradedQuantity: loose,
  LastTradedTime: loose,
  LastUpdateTime: loose,
  Open: loose,
  High: loose,
  Low: loose,
  Close: loose,
  BidInfo: LevelSchema.nullish(),
  AskInfo: LevelSchema.nullish(),
});
/** A code or id: XTS deployments may send numbers as strings (docs: parse defensively). */
const wholeNumber = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
export const XtsFullMessageSchema = z.looseObject({
  MessageCode: wholeNumber,
  ExchangeSegment: wholeNumber,
  ExchangeInstrumentID: wholeNumber,
  ExchangeTimeStamp: loose,
  Touchline: TouchlineSchema.nullish(),
  Bids: z.array(LevelSchema).nullish(),
  Asks: z.array(LevelSchema).nullish(),
  // 1510 (open interest) and 1512 (LTP) are flat:
  OpenInterest: loose,
  LastTradedPrice: loose,
  LastTradedQunatity: loose,
  LastUpdateTime: loose,
});
export type XtsFullMessage = z.infer<typeof XtsFullMessageSchema>;

const level = (row: z.infer<typeof LevelSchema> | null | undefined): XtsDepthLevel | null => {
  const price = xtsPaise(row?.Price);
  const quantity = xtsNumber(row?.Size);
  return price !== null && price > 0 && quantity !== null ? { price, quantity, orders: Math.max(0, xtsNumber(row?.TotalOrders) ?? 0) } : null;
};
const levels = (rows: readonly z.infer<typeof LevelSchema>[] | null | undefined): XtsDepthLevel[] => (rows ?? []).flatMap((row) => level(row) ?? []).slice(0, 5);

export const emptyQuote = (segmentCode: number, exchangeInstrumentId: number): XtsQuoteState => ({
  segmentCode,
  exchangeInstrumentId,
  timestamp: null,
  lastPrice: null,
  lastQuantity: null,
  volume: null,
  open: null,
  high: null,
  low: null,
  close: null,
  bids: [],
  asks: [],
  openInterest: null,
});

/** A full JSON message (string or object) → the instrument's state. Null when unreadable. */
export function parseFullMessage(raw: unknown): XtsQuoteState | null {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return null;
    }
  }
  const parsed = XtsFullMessageSchema.safeParse(value);
  if (!parsed.success) return null;
  const message = parsed.data;
  const touch = message.Touchline;
  const state = emptyQuote(message.ExchangeSegment, message.ExchangeInstrumentID);
  const time = xtsNumber(touch?.LastUpdateTime ?? message.LastUpdateTime ?? message.ExchangeTimeStamp);
  state.timestamp = time === null ? null : xtsExchangeTimeToEpochMs(time, message.ExchangeSegment);
  state.lastPrice = xtsPaise(touch?.LastTradedPrice ?? message.LastTradedPrice);
  state.lastQuantity = xtsNumber(touch?.LastTradedQunatity ?? message.LastTradedQunatity);
  state.volume = xtsNumber(touch?.TotalTradedQuantity);
  state.open = xtsPaise(touch?.Open);
  state.high = xtsPaise(touch?.High);
  state.low = xtsPaise(touch?.Low);
  state.close = xtsPaise(touch?.Close);
  state.openInterest = xtsNumber(message.OpenInterest);
  // 1502 sends five levels; 1501 only the best of each side.
  state.bids = message.Bids ? levels(message.Bids) : (level(touch?.BidInfo) ? [level(touch?.BidInfo) as XtsDepthLevel] : []);
  state.asks = message.Asks ? levels(message.Asks) : (level(touch?.AskInfo) ? [level(touch?.AskInfo) as XtsDepthLevel] : []);
  return state;
}

const PARTIAL_PRICES = { ltp: 'lastPrice', o: 'open', h: 'high', l: 'low', c: 'close' } as const;
// `oi`: open interest in a 1510 partial — the key by the pattern of the others; no SDK names it.
const PARTIAL_COUNTS = { ltq: 'lastQuantity', v: 'volume', oi: 'openInterest' } as const;

/** The `t:<segment>_<id>` key of a partial message, to find the state it updates. */
export function partialKey(text: string): { segmentCode: number; exchangeInstrumentId: number } | null {
  const match = /(?:^|,)t:(\d+)_(\d+)/.exec(text);
  return match ? { segmentCode: Number(match[1]), exchangeInstrumentId: Number(match[2]) } : null;
}

/**
 * Merges a partial message into `previous` (a copy is returned). Read keys: prices ltp/o/h/l/c,
 * counts ltq/v/oi, `lut` (last update time, 1980-based seconds for NSE like the full messages) and
 * depth `bi`/`ai`: groups of four `index|size|price|orders` joined by "|", where an empty field
 * leaves that value as it was (the grouping Symphony's Node SDK V2 reads). Other keys (tb, ts, ap,
 * pc, ltt, vp, ...) are not part of a Tick and are skipped.
 */
export function mergePartialMessage(previous: XtsQuoteState, text: string): XtsQuoteState {
  const next: XtsQuoteState = { ...previous };
  for (const pair of text.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) continue;
    const key = pair.slice(0, colon);
    const value = pair.slice(colon + 1);
    if (Object.hasOwn(PARTIAL_PRICES, key)) next[PARTIAL_PRICES[key as keyof typeof PARTIAL_PRICES]] = xtsPaise(value) ?? next[PARTIAL_PRICES[key as keyof typeof PARTIAL_PRICES]];
    else if (Object.hasOwn(PARTIAL_COUNTS, key)) next[PARTIAL_COUNTS[key as keyof typeof PARTIAL_COUNTS]] = xtsNumber(value) ?? next[PARTIAL_COUNTS[key as keyof typeof PARTIAL_COUNTS]];
    else if (key === 'lut') {
      const seconds = xtsNumber(value);
      if (seconds !== null) next.timestamp = xtsExchangeTimeToEpochMs(seconds, previous.segmentCode);
    } else if (key === 'bi') next.bids = mergePartialDepth(next.bids, value);
    else if (key === 'ai') next.asks = mergePartialDepth(next.asks, value);
  }
  return next;
}

/** A partial depth field: empty means unchanged. */
const field = <T>(text: string | undefined, read: (raw: string) => T | null, kept: T | null): T | null => (text === undefined || text === '' ? kept : read(text));

/**
 * One side's levels updated by `index|size|price|orders` groups. A level whose price is gone or 0
 * is dropped (the book has emptied there). Levels are kept best first and contiguous — XTS books
 * fill from the top — so a level's position in our array is its index.
 */
export function mergePartialDepth(levels: readonly XtsDepthLevel[], value: string): XtsDepthLevel[] {
  const slots: (XtsDepthLevel | null)[] = Array.from({ length: 5 }, (_, index) => levels[index] ?? null);
  const parts = value.split('|');
  for (let at = 0; at + 4 <= parts.length; at += 4) {
    const index = parts[at] === '' ? -1 : Number(parts[at]);
    if (!Number.isInteger(index) || index < 0 || index >= slots.length) continue;
    const before = slots[index] ?? null;
    const quantity = field(parts[at + 1], xtsNumber, before?.quantity ?? null);
    const price = field(parts[at + 2], xtsPaise, before?.price ?? null);
    const orders = field(parts[at + 3], xtsNumber, before?.orders ?? null);
    slots[index] = price !== null && price > 0 && quantity !== null ? { price, quantity, orders: Math.max(0, orders ?? 0) } : null;
  }
  return slots.flatMap((slot) => slot ?? []);
}
