import { DEPTH_LEVELS, priceDivisor, type DepthEntry, type KitePacket, type KitePacketKind } from './ticker-packet.ts';

/**
 * KiteTicker binary message parser.
 *
 * A binary message (one WebSocket frame) is, big-endian: uint16 packet count, then per packet a
 * uint16 length and that many bytes. The length alone says the kind (8 ltp, 28 index quote,
 * 32 index full, 44 quote, 184 full). A 1-byte message is a heartbeat, not a packet.
 *
 * Signedness follows the official clients (all read uint32) except prices, read int32: identical
 * for every price below 2^31 units, and a negative price (MCX crude, April 2020) stays negative
 * instead of turning into 4.29 billion. Depth orders are uint16 followed by 2 bytes of padding.
 *
 * Speed: `readTickerMessage` fills one reusable `PacketView` per packet and calls back; nothing is
 * allocated per packet or per field (one DataView per message). `parseTickerMessage` is the
 * convenient form (one plain object per packet) for code that keeps packets.
 */

/** What a message held, and what was skipped — the parser never throws on malformed input. */
export type ReadSummary = {
  heartbeat: boolean;
  /** The packet count the message declared (0 for a heartbeat or a message too short to have one). */
  declaredPackets: number;
  /** Packets handed to the callback. */
  parsedPackets: number;
  /** Lengths of well-framed packets of no known kind, skipped (in order). */
  skippedLengths: readonly number[];
  /** The message ended inside a packet's length or body (or before the count): the rest is lost. */
  truncated: boolean;
  /** Bytes after the last declared packet (a lying count). */
  trailingBytes: number;
};

const NO_SKIPS: readonly number[] = Object.freeze([]);

/**
 * The packet being read, overwritten for every packet: copy what you keep (`toPacket()`), and read
 * only the fields `kind` carries (the others are zero). Depth lives in typed arrays, best first.
 */
export class PacketView {
  kind: KitePacketKind = 'ltp';
  token = 0;
  /** Divide raw prices by this to get rupees (from the token's segment). */
  priceDivisor = 100;
  lastPrice = 0;
  lastTradedQuantity = 0;
  averageTradedPrice = 0;
  volumeTraded = 0;
  totalBuyQuantity = 0;
  totalSellQuantity = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  priceChange = 0;
  lastTradeTimeSeconds = 0;
  openInterest = 0;
  openInterestDayHigh = 0;
  openInterestDayLow = 0;
  exchangeTimestampSeconds = 0;
  readonly bidQuantities = new Uint32Array(DEPTH_LEVELS);
  readonly bidPrices = new Int32Array(DEPTH_LEVELS);
  readonly bidOrders = new Uint16Array(DEPTH_LEVELS);
  readonly askQuantities = new Uint32Array(DEPTH_LEVELS);
  readonly askPrices = new Int32Array(DEPTH_LEVELS);
  readonly askOrders = new Uint16Array(DEPTH_LEVELS);

  /** A plain, immutable copy of the current packet. */
  toPacket(): KitePacket {
    const { token, lastPrice } = this;
    switch (this.kind) {
      case 'ltp':
        return { kind: 'ltp', token, lastPrice };
      case 'indexQuote':
      case 'indexFull': {
        const quote = { token, lastPrice, high: this.high, low: this.low, open: this.open, close: this.close, priceChange: this.priceChange };
        return this.kind === 'indexQuote'
          ? { kind: 'indexQuote', ...quote }
          : { kind: 'indexFull', ...quote, exchangeTimestampSeconds: this.exchangeTimestampSeconds };
      }
      case 'quote':
      case 'full': {
        const quote = {
          token,
          lastPrice,
          lastTradedQuantity: this.lastTradedQuantity,
          averageTradedPrice: this.averageTradedPrice,
          volumeTraded: this.volumeTraded,
          totalBuyQuantity: this.totalBuyQuantity,
          totalSellQuantity: this.totalSellQuantity,
          open: this.open,
          high: this.high,
          low: this.low,
          close: this.close,
        };
        if (this.kind === 'quote') return { kind: 'quote', ...quote };
        return {
          kind: 'full',
          ...quote,
          lastTradeTimeSeconds: this.lastTradeTimeSeconds,
          openInterest: this.openInterest,
          openInterestDayHigh: this.openInterestDayHigh,
          openInterestDayLow: this.openInterestDayLow,
          exchangeTimestampSeconds: this.exchangeTimestampSeconds,
          bids: levels(this.bidQuantities, this.bidPrices, this.bidOrders),
          asks: levels(this.askQuantities, this.askPrices, this.askOrders),
        };
      }
    }
  }

  /** Zeroes every field but token and last price, so no value leaks from the previous packet. */
  clear(): void {
    this.lastTradedQuantity = this.averageTradedPrice = this.volumeTraded = this.totalBuyQuantity = this.totalSellQuantity = 0;
    this.open = this.high = this.low = this.close = this.priceChange = 0;
    this.lastTradeTimeSeconds = this.openInterest = this.openInterestDayHigh = this.openInterestDayLow = this.exchangeTimestampSeconds = 0;
    this.bidQuantities.fill(0);
    this.bidPrices.fill(0);
    this.bidOrders.fill(0);
    this.askQuantities.fill(0);
    this.askPrices.fill(0);
    this.askOrders.fill(0);
  }
}

function levels(quantities: Uint32Array, prices: Int32Array, orders: Uint16Array): DepthEntry[] {
  const result: DepthEntry[] = [];
  for (let level = 0; level < DEPTH_LEVELS; level += 1) {
    result.push({ quantity: quantities[level] ?? 0, price: prices[level] ?? 0, orders: orders[level] ?? 0 });
  }
  return result;
}

/**
 * Reads one binary message, calling `onPacket(view)` once per packet of a known kind. The view is
 * reused: it is valid only during the call.
 */
export function readTickerMessage(data: Uint8Array, view: PacketView, onPacket: (view: PacketView) => void): ReadSummary {
  const length = data.byteLength;
  if (length === 1) return { heartbeat: true, declaredPackets: 0, parsedPackets: 0, skippedLengths: NO_SKIPS, truncated: false, trailingBytes: 0 };
  if (length < 2) return { heartbeat: false, declaredPackets: 0, parsedPackets: 0, skippedLengths: NO_SKIPS, truncated: true, trailingBytes: 0 };
  const bytes = new DataView(data.buffer, data.byteOffset, length);
  const declared = bytes.getUint16(0);
  let offset = 2;
  let parsed = 0;
  let skipped: number[] | null = null;
  let truncated = false;
  for (let index = 0; index < declared; index += 1) {
    if (offset + 2 > length) {
      truncated = true;
      break;
    }
    const packetLength = bytes.getUint16(offset);
    const start = offset + 2;
    if (start + packetLength > length) {
      truncated = true;
      break;
    }
    if (readPacket(bytes, start, packetLength, view)) {
      parsed += 1;
      onPacket(view);
    } else (skipped ??= []).push(packetLength);
    offset = start + packetLength;
  }
  return {
    heartbeat: false,
    declaredPackets: declared,
    parsedPackets: parsed,
    skippedLengths: skipped ?? NO_SKIPS,
    truncated,
    trailingBytes: truncated ? 0 : length - offset,
  };
}

/** Fills `view` from the packet at `start`; false for a length of no known kind. */
function readPacket(bytes: DataView, start: number, packetLength: number, view: PacketView): boolean {
  if (packetLength !== 8 && packetLength !== 28 && packetLength !== 32 && packetLength !== 44 && packetLength !== 184) return false;
  const token = bytes.getUint32(start);
  view.token = token;
  view.priceDivisor = priceDivisor(token);
  if (packetLength !== 184) view.clear(); // a full packet sets every field
  view.lastPrice = bytes.getInt32(start + 4);
  if (packetLength === 8) {
    view.kind = 'ltp';
    return true;
  }
  if (packetLength === 28 || packetLength === 32) {
    view.kind = packetLength === 28 ? 'indexQuote' : 'indexFull';
    view.high = bytes.getInt32(start + 8);
    view.low = bytes.getInt32(start + 12);
    view.open = bytes.getInt32(start + 16);
    view.close = bytes.getInt32(start + 20);
    view.priceChange = bytes.getInt32(start + 24);
    if (packetLength === 32) view.exchangeTimestampSeconds = bytes.getUint32(start + 28);
    return true;
  }
  view.lastTradedQuantity = bytes.getUint32(start + 8);
  view.averageTradedPrice = bytes.getInt32(start + 12);
  view.volumeTraded = bytes.getUint32(start + 16);
  view.totalBuyQuantity = bytes.getUint32(start + 20);
  view.totalSellQuantity = bytes.getUint32(start + 24);
  view.open = bytes.getInt32(start + 28);
  view.high = bytes.getInt32(start + 32);
  view.low = bytes.getInt32(start + 36);
  view.close = bytes.getInt32(start + 40);
  if (packetLength === 44) {
    view.kind = 'quote';
    return true;
  }
  view.kind = 'full';
  view.priceChange = 0;
  view.lastTradeTimeSeconds = bytes.getUint32(start + 44);
  view.openInterest = bytes.getUint32(start + 48);
  view.openInterestDayHigh = bytes.getUint32(start + 52);
  view.openInterestDayLow = bytes.getUint32(start + 56);
  view.exchangeTimestampSeconds = bytes.getUint32(start + 60);
  // Depth 64–184: 10 entries of 12 bytes (int32 quantity, int32 price, uint16 orders, 2 padding),
  // five bids then five asks.
  for (let level = 0, at = start + 64; level < DEPTH_LEVELS; level += 1, at += 12) {
    view.bidQuantities[level] = bytes.getUint32(at);
    view.bidPrices[level] = bytes.getInt32(at + 4);
    view.bidOrders[level] = bytes.getUint16(at + 8);
  }
  for (let level = 0, at = start + 124; level < DEPTH_LEVELS; level += 1, at += 12) {
    view.askQuantities[level] = bytes.getUint32(at);
    view.askPrices[level] = bytes.getInt32(at + 4);
    view.askOrders[level] = bytes.getUint16(at + 8);
  }
  return true;
}

/** The whole message as plain packets (one object per packet) plus what was skipped. */
export function parseTickerMessage(data: Uint8Array): { packets: KitePacket[]; summary: ReadSummary } {
  const packets: KitePacket[] = [];
  const summary = readTickerMessage(data, new PacketView(), (view) => packets.push(view.toPacket()));
  return { packets, summary };
}
