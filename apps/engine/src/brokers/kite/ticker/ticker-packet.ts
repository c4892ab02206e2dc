/**
 * KiteTicker market-data packets as they are on the wire (wss://ws.kite.trade, Kite Connect v3),
 * before any conversion to our `Tick`. Field names are ours (camelCase), meanings are Kite's; the
 * layout is in packet-parser.ts. Read in the official clients (zerodha/pykiteconnect ticker.py,
 * zerodha/kiteconnectjs lib/ticker.ts, zerodha/gokiteconnect ticker/ticker.go).
 *
 * Prices are the raw integers Kite sends, in the instrument segment's price unit: divide by
 * `priceDivisor(token)` to get rupees. For every segment but currencies (CDS, BCD) that unit is the
 * paisa, i.e. exactly our `Paise` (see to-tick.ts). Times are unix seconds as sent.
 */

export const TICKER_MODES = ['ltp', 'quote', 'full'] as const;
/** Subscription mode (`{"a":"mode","v":[mode,[tokens]]}`). Kite's default after `subscribe` is quote. */
export type TickerMode = (typeof TICKER_MODES)[number];
export const DEFAULT_TICKER_MODE: TickerMode = 'quote';

/** Exchange segment = instrument token & 0xFF (Kite's own numbering). */
export const KITE_SEGMENTS = { nse: 1, nfo: 2, cds: 3, bse: 4, bfo: 5, bcd: 6, mcx: 7, mcxsx: 8, indices: 9 } as const;

export const segmentOf = (token: number): number => token & 0xff;

/**
 * What to divide a raw price by to get rupees. CDS prices carry 7 decimals of a rupee and BCD
 * 4 (currency quotes have 4 decimal places); everything else, NSE/BSE F&O included, is in paise.
 */
export function priceDivisor(token: number): number {
  const segment = token & 0xff;
  if (segment === KITE_SEGMENTS.cds) return 10_000_000;
  if (segment === KITE_SEGMENTS.bcd) return 10_000;
  return 100;
}

/** Indices (segment 9) stream but cannot be traded; Kite sends them as 28/32-byte packets. */
export const isTradableToken = (token: number): boolean => (token & 0xff) !== KITE_SEGMENTS.indices;

/** One level of market depth: quantity (units), raw price, number of orders. */
export type DepthEntry = { quantity: number; price: number; orders: number };

/** 8 bytes: mode ltp, any instrument. */
export type LtpPacket = { kind: 'ltp'; token: number; lastPrice: number };

/** 28 bytes: an index in quote mode. Note Kite's order on the wire: high, low, open, close. */
export type IndexQuotePacket = {
  kind: 'indexQuote';
  token: number;
  lastPrice: number;
  high: number;
  low: number;
  open: number;
  /** Previous session's close. */
  close: number;
  /** Kite's own "price change" field (the official clients ignore it and use last − close). */
  priceChange: number;
};

/** 32 bytes: an index in full mode = index quote + exchange timestamp. */
export type IndexFullPacket = Omit<IndexQuotePacket, 'kind'> & { kind: 'indexFull'; exchangeTimestampSeconds: number };

/** 44 bytes: a tradable instrument in quote mode. */
export type QuotePacket = {
  kind: 'quote';
  token: number;
  lastPrice: number;
  lastTradedQuantity: number;
  averageTradedPrice: number;
  volumeTraded: number;
  totalBuyQuantity: number;
  totalSellQuantity: number;
  open: number;
  high: number;
  low: number;
  /** Previous session's close. */
  close: number;
};

/** 184 bytes: a tradable instrument in full mode = quote + times, open interest and 5-level depth. */
export type FullPacket = Omit<QuotePacket, 'kind'> & {
  kind: 'full';
  lastTradeTimeSeconds: number;
  openInterest: number;
  openInterestDayHigh: number;
  openInterestDayLow: number;
  exchangeTimestampSeconds: number;
  /** Five levels each side, best first, exactly as sent (empty levels are zeros). */
  bids: readonly DepthEntry[];
  asks: readonly DepthEntry[];
};

export type KitePacket = LtpPacket | IndexQuotePacket | IndexFullPacket | QuotePacket | FullPacket;
export type KitePacketKind = KitePacket['kind'];

/** Wire length of each packet kind; any other length is skipped by the parser. */
export const PACKET_LENGTHS = { ltp: 8, indexQuote: 28, indexFull: 32, quote: 44, full: 184 } as const satisfies Record<KitePacketKind, number>;

/** Depth levels per side in a full packet. */
export const DEPTH_LEVELS = 5;

export const modeOfPacket = (kind: KitePacketKind): TickerMode =>
  kind === 'ltp' ? 'ltp' : kind === 'quote' || kind === 'indexQuote' ? 'quote' : 'full';
