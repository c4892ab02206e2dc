import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTickerMessage } from './packet-parser.ts';
import { encodeTickerMessage, HEARTBEAT_MESSAGE } from './ticker-encoder.ts';
import type { DepthEntry, KitePacket } from './ticker-packet.ts';
import { WireBytes, wireMessage } from './wire-bytes.ts';

const TOKEN = (48_243 << 8) | 2;
const zeroDepth: DepthEntry[] = Array.from({ length: 5 }, () => ({ quantity: 0, price: 0, orders: 0 }));

describe('encodeTickerMessage', () => {
  it('writes the same bytes as the hand-built reference layout', () => {
    const bids = zeroDepth.map((_, level) => ({ quantity: 10 + level, price: 500 - level, orders: level }));
    const asks = zeroDepth.map((_, level) => ({ quantity: 20 + level, price: 510 + level, orders: 7 }));
    const full: KitePacket = {
      kind: 'full', token: TOKEN, lastPrice: 505, lastTradedQuantity: 1, averageTradedPrice: 503, volumeTraded: 9, totalBuyQuantity: 8,
      totalSellQuantity: 7, open: 6, high: 5, low: 4, close: 3, lastTradeTimeSeconds: 2, openInterest: 1, openInterestDayHigh: 11,
      openInterestDayLow: 12, exchangeTimestampSeconds: 13, bids, asks,
    };
    const expectedFull = new WireBytes().u32(TOKEN).i32(505).u32(1).i32(503).u32(9).u32(8).u32(7).i32(6).i32(5).i32(4).i32(3).u32(2).u32(1).u32(11).u32(12).u32(13);
    for (const side of [bids, asks]) for (const entry of side) expectedFull.u32(entry.quantity).i32(entry.price).u16(entry.orders).u16(0);
    const index: KitePacket = { kind: 'indexFull', token: 256_265, lastPrice: -1, high: 2, low: 3, open: 4, close: 5, priceChange: -6, exchangeTimestampSeconds: 7 };
    const expectedIndex = new WireBytes().u32(256_265).i32(-1).i32(2).i32(3).i32(4).i32(5).i32(-6).u32(7);
    expect(encodeTickerMessage([full, index, { kind: 'ltp', token: TOKEN, lastPrice: 42 }])).toEqual(
      wireMessage([expectedFull, expectedIndex, new WireBytes().u32(TOKEN).i32(42)]),
    );
  });

  it('a heartbeat is one byte', () => {
    expect(HEARTBEAT_MESSAGE.length).toBe(1);
    expect(parseTickerMessage(HEARTBEAT_MESSAGE).summary.heartbeat).toBe(true);
  });

  it('refuses values the wire cannot carry instead of wrapping them', () => {
    expect(() => encodeTickerMessage([{ kind: 'ltp', token: -1, lastPrice: 1 }])).toThrow(RangeError);
    expect(() => encodeTickerMessage([{ kind: 'ltp', token: 1, lastPrice: 2 ** 31 }])).toThrow(RangeError);
    expect(() => encodeTickerMessage([{ kind: 'ltp', token: 1, lastPrice: 1.5 }])).toThrow(RangeError);
  });

  it('round-trips every packet kind through the parser', () => {
    const uint32 = fc.integer({ min: 0, max: 0xffff_ffff });
    const int32 = fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff });
    const level = fc.record({ quantity: uint32, price: int32, orders: fc.integer({ min: 0, max: 0xffff }) });
    const depth = fc.array(level, { minLength: 5, maxLength: 5 });
    const index = { token: uint32, lastPrice: int32, high: int32, low: int32, open: int32, close: int32, priceChange: int32 };
    const quote = {
      token: uint32, lastPrice: int32, lastTradedQuantity: uint32, averageTradedPrice: int32, volumeTraded: uint32,
      totalBuyQuantity: uint32, totalSellQuantity: uint32, open: int32, high: int32, low: int32, close: int32,
    };
    const packet: fc.Arbitrary<KitePacket> = fc.oneof(
      fc.record({ kind: fc.constant('ltp' as const), token: uint32, lastPrice: int32 }),
      fc.record({ kind: fc.constant('indexQuote' as const), ...index }),
      fc.record({ kind: fc.constant('indexFull' as const), ...index, exchangeTimestampSeconds: uint32 }),
      fc.record({ kind: fc.constant('quote' as const), ...quote }),
      fc.record({
        kind: fc.constant('full' as const), ...quote, lastTradeTimeSeconds: uint32, openInterest: uint32, openInterestDayHigh: uint32,
        openInterestDayLow: uint32, exchangeTimestampSeconds: uint32, bids: depth, asks: depth,
      }),
    );
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 20 }), (packets) => {
        expect(parseTickerMessage(encodeTickerMessage(packets)).packets).toEqual(packets);
      }),
      { numRuns: 300 },
    );
  });
});
