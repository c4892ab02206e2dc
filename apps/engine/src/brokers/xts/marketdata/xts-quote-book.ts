import { emptyQuote, mergePartialMessage, partialKey, type XtsDepthLevel, type XtsQuoteState } from './xts-market-messages.ts';

/**
 * The last known state of each instrument, fed by message codes that each carry part of it:
 * 1512 only the last trade, 1501 the touchline (best bid/ask, OHLC, volume), 1502 the touchline and
 * five levels of depth, 1510 the open interest. Partial messages carry only what changed since the last message *of the same
 * code* (Symphony's SDKs keep one store per code), so a partial is merged into that code's state.
 * What a message changed is then applied to the instrument's combined state, from which the Tick is
 * built: a 1512 LTP moves the last price of a 1502 book without wiping its depth, and depth comes
 * from 1502 while the instrument has it, else from 1501's single level.
 */
const SCALARS = ['timestamp', 'lastPrice', 'lastQuantity', 'volume', 'open', 'high', 'low', 'close', 'openInterest'] as const;
const DEPTH_CODE = 1502;
const TOUCHLINE_CODE = 1501;

const sameLevels = (a: readonly XtsDepthLevel[], b: readonly XtsDepthLevel[]): boolean =>
  a.length === b.length && a.every((level, index) => level.price === b[index]?.price && level.quantity === b[index]?.quantity && level.orders === b[index]?.orders);

function copyField<K extends (typeof SCALARS)[number]>(target: XtsQuoteState, source: XtsQuoteState, field: K): void {
  target[field] = source[field];
}

const instrumentKey = (segmentCode: number, exchangeInstrumentId: number): string => `${segmentCode}_${exchangeInstrumentId}`;

export class XtsQuoteBook {
  private readonly byCode = new Map<string, XtsQuoteState>();
  private readonly combined = new Map<string, XtsQuoteState>();

  /** A full message (socket, subscribe snapshot or quotes): it replaces that code's state. */
  applyFull(code: number, state: XtsQuoteState): XtsQuoteState {
    const key = instrumentKey(state.segmentCode, state.exchangeInstrumentId);
    this.byCode.set(`${code}:${key}`, state);
    return this.applyChange(code, key, null, state);
  }

  /** A partial message; null when it names no instrument. */
  applyPartial(code: number, text: string): XtsQuoteState | null {
    const ref = partialKey(text);
    if (!ref) return null;
    const key = instrumentKey(ref.segmentCode, ref.exchangeInstrumentId);
    const before = this.byCode.get(`${code}:${key}`) ?? null;
    const after = mergePartialMessage(before ?? emptyQuote(ref.segmentCode, ref.exchangeInstrumentId), text);
    this.byCode.set(`${code}:${key}`, after);
    return this.applyChange(code, key, before, after);
  }

  /** After an unsubscribe: that code's state goes, and the instrument's once no code is left. */
  forget(code: number, segmentCode: number, exchangeInstrumentId: number): void {
    const key = instrumentKey(segmentCode, exchangeInstrumentId);
    this.byCode.delete(`${code}:${key}`);
    if (![...this.byCode.keys()].some((held) => held.endsWith(`:${key}`))) this.combined.delete(key);
  }

  private applyChange(code: number, key: string, before: XtsQuoteState | null, after: XtsQuoteState): XtsQuoteState {
    const current = this.combined.get(key) ?? emptyQuote(after.segmentCode, after.exchangeInstrumentId);
    const next: XtsQuoteState = { ...current };
    for (const field of SCALARS) {
      const value = after[field];
      if (value !== null && (before === null || value !== before[field])) copyField(next, after, field);
    }
    const depthSource = this.byCode.has(`${DEPTH_CODE}:${key}`) ? DEPTH_CODE : TOUCHLINE_CODE;
    if (code === depthSource) {
      if (before === null || !sameLevels(before.bids, after.bids)) next.bids = after.bids;
      if (before === null || !sameLevels(before.asks, after.asks)) next.asks = after.asks;
    }
    this.combined.set(key, next);
    return next;
  }
}
