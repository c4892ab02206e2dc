import { DEPTH_LEVELS, PACKET_LENGTHS, type DepthEntry, type KitePacket } from './ticker-packet.ts';

/**
 * Builds KiteTicker binary messages from packets — the inverse of packet-parser.ts, for the fake
 * server, tests and the benchmark. Out-of-range values throw (a fake that silently wraps numbers
 * would test nothing). The parser's tests check hand-built byte layouts, not only round trips
 * through this file, so a layout mistake made twice cannot hide.
 */

/** Kite's heartbeat: a binary message of one byte. */
export const HEARTBEAT_MESSAGE: Buffer = Buffer.from([0]);

const UINT32_MAX = 0xffff_ffff;
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;

function uint32(bytes: DataView, at: number, value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) throw new RangeError(`${field} ${value} is not a uint32`);
  bytes.setUint32(at, value);
}

function int32(bytes: DataView, at: number, value: number, field: string): void {
  if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) throw new RangeError(`${field} ${value} is not an int32`);
  bytes.setInt32(at, value);
}

function depth(bytes: DataView, at: number, entries: readonly DepthEntry[], side: string): void {
  if (entries.length !== DEPTH_LEVELS) throw new RangeError(`${side} depth must have ${DEPTH_LEVELS} levels (pad with zeros), got ${entries.length}`);
  entries.forEach((entry, level) => {
    const base = at + level * 12;
    uint32(bytes, base, entry.quantity, `${side}[${level}].quantity`);
    int32(bytes, base + 4, entry.price, `${side}[${level}].price`);
    if (!Number.isInteger(entry.orders) || entry.orders < 0 || entry.orders > 0xffff) throw new RangeError(`${side}[${level}].orders ${entry.orders} is not a uint16`);
    bytes.setUint16(base + 8, entry.orders);
    bytes.setUint16(base + 10, 0);
  });
}

/** Writes one packet's body (without its length prefix) at `at`; returns the bytes written. */
export function writePacket(bytes: DataView, at: number, packet: KitePacket): number {
  uint32(bytes, at, packet.token, 'token');
  int32(bytes, at + 4, packet.lastPrice, 'lastPrice');
  switch (packet.kind) {
    case 'ltp':
      break;
    case 'indexQuote':
    case 'indexFull':
      int32(bytes, at + 8, packet.high, 'high');
      int32(bytes, at + 12, packet.low, 'low');
      int32(bytes, at + 16, packet.open, 'open');
      int32(bytes, at + 20, packet.close, 'close');
      int32(bytes, at + 24, packet.priceChange, 'priceChange');
      if (packet.kind === 'indexFull') uint32(bytes, at + 28, packet.exchangeTimestampSeconds, 'exchangeTimestampSeconds');
      break;
    case 'quote':
    case 'full':
      uint32(bytes, at + 8, packet.lastTradedQuantity, 'lastTradedQuantity');
      int32(bytes, at + 12, packet.averageTradedPrice, 'averageTradedPrice');
      uint32(bytes, at + 16, packet.volumeTraded, 'volumeTraded');
      uint32(bytes, at + 20, packet.totalBuyQuantity, 'totalBuyQuantity');
      uint32(bytes, at + 24, packet.totalSellQuantity, 'totalSellQuantity');
      int32(bytes, at + 28, packet.open, 'open');
      int32(bytes, at + 32, packet.high, 'high');
      int32(bytes, at + 36, packet.low, 'low');
      int32(bytes, at + 40, packet.close, 'close');
      if (packet.kind === 'full') {
        uint32(bytes, at + 44, packet.lastTradeTimeSeconds, 'lastTradeTimeSeconds');
        uint32(bytes, at + 48, packet.openInterest, 'openInterest');
        uint32(bytes, at + 52, packet.openInterestDayHigh, 'openInterestDayHigh');
        uint32(bytes, at + 56, packet.openInterestDayLow, 'openInterestDayLow');
        uint32(bytes, at + 60, packet.exchangeTimestampSeconds, 'exchangeTimestampSeconds');
        depth(bytes, at + 64, packet.bids, 'bids');
        depth(bytes, at + 124, packet.asks, 'asks');
      }
      break;
  }
  return PACKET_LENGTHS[packet.kind];
}

/** One binary message: uint16 count, then each packet as uint16 length + body. */
export function encodeTickerMessage(packets: readonly KitePacket[]): Buffer {
  if (packets.length > 0xffff) throw new RangeError(`a message holds at most 65,535 packets, got ${packets.length}`);
  let size = 2;
  for (const packet of packets) size += 2 + PACKET_LENGTHS[packet.kind];
  const message = Buffer.alloc(size);
  const bytes = new DataView(message.buffer, message.byteOffset, message.byteLength);
  bytes.setUint16(0, packets.length);
  let at = 2;
  for (const packet of packets) {
    const length = PACKET_LENGTHS[packet.kind];
    bytes.setUint16(at, length);
    writePacket(bytes, at + 2, packet);
    at += 2 + length;
  }
  return message;
}
