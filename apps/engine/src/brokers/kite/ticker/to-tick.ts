import { paise, type DepthLevel, type InstrumentId, type Paise, type Tick } from '@strikedesk/domain';
import { priceDivisor, type DepthEntry, type KitePacket } from './ticker-packet.ts';

/**
 * KiteTicker packet → our `Tick` (integer paise, epoch milliseconds).
 *
 * Units: Kite's raw price integers are rupees × divisor, the divisor set by the token's segment
 * (ticker-packet.ts `priceDivisor`). For 100 — NSE, NFO, BSE, BFO, MCX, indices — the raw integer
 * *is* paise and passes through unchanged: no floating point is ever involved. Currency segments
 * quote 4 decimals of a rupee (CDS raw = rupees × 10^7, BCD raw = rupees × 10^4), finer than a
 * paisa: such a price converts only when it is a whole number of paise, otherwise
 * `KitePriceNotInPaiseError` — never rounded (prices are exact, docs/adr/0002).
 *
 * Times: full packets carry the exchange timestamp in unix seconds (× 1000 here); LTP and quote
 * packets carry none, so the tick is stamped with the caller's receive time. A full packet with a
 * zero timestamp (seen before the open) also falls back to the receive time.
 */

export class KitePriceNotInPaiseError extends Error {
  readonly code = 'KITE_PRICE_NOT_IN_PAISE';
  constructor(
    readonly token: number,
    readonly raw: number,
    readonly divisor: number,
  ) {
    super(`instrument token ${token}: price ${raw}/${divisor} rupees is not a whole number of paise (currency segments quote finer than a paisa)`);
    this.name = 'KitePriceNotInPaiseError';
  }
}

/** A raw Kite price in paise, exactly; throws when it is not a whole number of paise. */
export function kitePriceToPaise(token: number, raw: number): Paise {
  const divisor = priceDivisor(token);
  if (divisor === 100) return paise(raw);
  const unitsPerPaisa = divisor / 100;
  if (raw % unitsPerPaisa !== 0) throw new KitePriceNotInPaiseError(token, raw, divisor);
  return paise(raw / unitsPerPaisa);
}

export type ToTickOptions = {
  /** Epoch ms the message arrived: the timestamp of packets that carry none. */
  receivedAt: number;
  /**
   * The instrument's last tick, for what this packet does not carry (an LTP packet carries only
   * the last price; a quote packet no depth or open interest). Without it those fields take the
   * last price (prices), zero (volume, open interest) and no depth — as `stubTick` does.
   */
  previous?: Tick;
};

function depthLevels(token: number, entries: readonly DepthEntry[]): DepthLevel[] {
  const result: DepthLevel[] = [];
  // Kite pads missing levels with zeros (before the open, illiquid strikes): not a level at 0.
  for (const entry of entries) if (entry.quantity > 0) result.push({ price: kitePriceToPaise(token, entry.price), quantity: entry.quantity, orders: entry.orders });
  return result;
}

export function toTick(packet: KitePacket, instrumentId: InstrumentId, options: ToTickOptions): Tick {
  const { token } = packet;
  const lastPrice = kitePriceToPaise(token, packet.lastPrice);
  const previous = options.previous;
  const base: Tick = previous
    ? { ...previous, instrumentId, timestamp: options.receivedAt, lastPrice }
    : {
        instrumentId,
        timestamp: options.receivedAt,
        lastPrice,
        previousClose: lastPrice,
        open: lastPrice,
        high: lastPrice,
        low: lastPrice,
        bid: null,
        ask: null,
        bids: [],
        asks: [],
        volume: 0,
        openInterest: 0,
      };
  if (packet.kind === 'ltp') return base;
  const ohlc = {
    previousClose: kitePriceToPaise(token, packet.close),
    open: kitePriceToPaise(token, packet.open),
    high: kitePriceToPaise(token, packet.high),
    low: kitePriceToPaise(token, packet.low),
  };
  if (packet.kind === 'indexQuote' || packet.kind === 'indexFull') {
    const timestamp = packet.kind === 'indexFull' && packet.exchangeTimestampSeconds > 0 ? packet.exchangeTimestampSeconds * 1000 : base.timestamp;
    // An index has no book: no bid, ask or depth whatever `previous` says.
    return { ...base, ...ohlc, timestamp, bid: null, ask: null, bids: [], asks: [] };
  }
  const quote = { ...base, ...ohlc, volume: packet.volumeTraded };
  if (packet.kind === 'quote') return quote;
  const bids = depthLevels(token, packet.bids);
  const asks = depthLevels(token, packet.asks);
  return {
    ...quote,
    timestamp: packet.exchangeTimestampSeconds > 0 ? packet.exchangeTimestampSeconds * 1000 : base.timestamp,
    bid: bids[0]?.price ?? null,
    ask: asks[0]?.price ?? null,
    bids,
    asks,
    openInterest: packet.openInterest,
  };
}
