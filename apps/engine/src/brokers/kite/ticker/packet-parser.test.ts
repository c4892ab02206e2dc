import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketView, parseTickerMessage, readTickerMessage } from './packet-parser.ts';
import { priceDivisor } from './ticker-packet.ts';
import { WireBytes, wireMessage } from './wire-bytes.ts';

// Tokens carry their segment in the low byte: NFO 2, indices 9, CDS 3, BCD 6, MCX 7, BSE 4, BFO 5.
const NFO_OPTION = (48_243 << 8) | 2; // 12,350,210
const NIFTY_50 = 256_265; // Kite's real NIFTY 50 index token, segment 9
const USDINR_CDS = (1_000 << 8) | 3;
const USDINR_BCD = (2_000 << 8) | 6;

const ltpBytes = (token: number, lastPrice: number): WireBytes => new WireBytes().u32(token).i32(lastPrice);

/** Index quote in the reference's order: token, ltp, high, low, open, close, price change. */
const indexQuoteBytes = (): WireBytes =>
  new WireBytes().u32(NIFTY_50).i32(2_435_065).i32(2_441_000).i32(2_429_595).i32(2_430_000).i32(2_426_485).i32(8_580);

/** 184 bytes: quote fields, times, open interest, then 5 bids and 5 asks of 12 bytes each. */
function fullBytes(padding = 0): WireBytes {
  const bytes = new WireBytes()
    .u32(NFO_OPTION)
    .i32(24_550) // last price ₹245.50
    .u32(75) // last traded quantity
    .i32(24_320) // average traded price
    .u32(3_000_000_000) // volume above 2^31: read unsigned
    .u32(120_000) // total buy quantity
    .u32(98_000) // total sell quantity
    .i32(23_000) // open
    .i32(25_100) // high
    .i32(22_900) // low
    .i32(23_500) // close
    .u32(1_764_912_345) // last trade time
    .u32(5_250_000) // open interest
    .u32(5_400_000) // OI day high
    .u32(5_100_000) // OI day low
    .u32(1_764_912_346); // exchange timestamp
  for (let level = 0; level < 5; level += 1) bytes.u32(150 * (level + 1)).i32(24_545 - 5 * level).u16(level + 1).u16(padding);
  for (let level = 0; level < 5; level += 1) bytes.u32(75 * (level + 2)).i32(24_555 + 5 * level).u16(10 + level).u16(padding);
  return bytes;
}

const FULL_EXPECTED = {
  kind: 'full',
  token: NFO_OPTION,
  lastPrice: 24_550,
  lastTradedQuantity: 75,
  averageTradedPrice: 24_320,
  volumeTraded: 3_000_000_000,
  totalBuyQuantity: 120_000,
  totalSellQuantity: 98_000,
  open: 23_000,
  high: 25_100,
  low: 22_900,
  close: 23_500,
  lastTradeTimeSeconds: 1_764_912_345,
  openInterest: 5_250_000,
  openInterestDayHigh: 5_400_000,
  openInterestDayLow: 5_100_000,
  exchangeTimestampSeconds: 1_764_912_346,
  bids: [
    { quantity: 150, price: 24_545, orders: 1 },
    { quantity: 300, price: 24_540, orders: 2 },
    { quantity: 450, price: 24_535, orders: 3 },
    { quantity: 600, price: 24_530, orders: 4 },
    { quantity: 750, price: 24_525, orders: 5 },
  ],
  asks: [
    { quantity: 150, price: 24_555, orders: 10 },
    { quantity: 225, price: 24_560, orders: 11 },
    { quantity: 300, price: 24_565, orders: 12 },
    { quantity: 375, price: 24_570, orders: 13 },
    { quantity: 450, price: 24_575, orders: 14 },
  ],
};

describe('parseTickerMessage on hand-built bytes', () => {
  it('reads an LTP packet (8 bytes)', () => {
    const { packets, summary } = parseTickerMessage(wireMessage([ltpBytes(NFO_OPTION, 24_550)]));
    expect(packets).toEqual([{ kind: 'ltp', token: NFO_OPTION, lastPrice: 24_550 }]);
    expect(summary).toEqual({ heartbeat: false, declaredPackets: 1, parsedPackets: 1, skippedLengths: [], truncated: false, trailingBytes: 0 });
  });

  it('reads an index quote (28 bytes) in the wire order high, low, open, close', () => {
    const { packets } = parseTickerMessage(wireMessage([indexQuoteBytes()]));
    expect(packets).toEqual([
      { kind: 'indexQuote', token: NIFTY_50, lastPrice: 2_435_065, high: 2_441_000, low: 2_429_595, open: 2_430_000, close: 2_426_485, priceChange: 8_580 },
    ]);
  });

  it('reads an index full packet (32 bytes) with its exchange timestamp', () => {
    const { packets } = parseTickerMessage(wireMessage([indexQuoteBytes().u32(1_764_912_400)]));
    expect(packets[0]).toMatchObject({ kind: 'indexFull', token: NIFTY_50, lastPrice: 2_435_065, close: 2_426_485, exchangeTimestampSeconds: 1_764_912_400 });
  });

  it('reads a quote packet (44 bytes)', () => {
    const quote = new WireBytes().u32(NFO_OPTION).i32(24_550).u32(75).i32(24_320).u32(1_000_000).u32(120_000).u32(98_000).i32(23_000).i32(25_100).i32(22_900).i32(23_500);
    expect(quote.length).toBe(44);
    expect(parseTickerMessage(wireMessage([quote])).packets).toEqual([
      {
        kind: 'quote',
        token: NFO_OPTION,
        lastPrice: 24_550,
        lastTradedQuantity: 75,
        averageTradedPrice: 24_320,
        volumeTraded: 1_000_000,
        totalBuyQuantity: 120_000,
        totalSellQuantity: 98_000,
        open: 23_000,
        high: 25_100,
        low: 22_900,
        close: 23_500,
      },
    ]);
  });

  it('reads a full packet (184 bytes) with 5-level depth, ignoring the 2 padding bytes of each level', () => {
    const bytes = fullBytes(0xffff);
    expect(bytes.length).toBe(184);
    expect(parseTickerMessage(wireMessage([bytes])).packets).toEqual([FULL_EXPECTED]);
  });

  it('reads prices as signed int32 (a negative price stays negative)', () => {
    expect(parseTickerMessage(wireMessage([ltpBytes((7 << 8) | 7, -288_400)])).packets[0]).toMatchObject({ lastPrice: -288_400 });
  });

  it('reads several packets of different kinds from one message, in order', () => {
    const { packets, summary } = parseTickerMessage(wireMessage([ltpBytes(NFO_OPTION, 100), fullBytes(), indexQuoteBytes(), ltpBytes(USDINR_CDS, 831_225_000)]));
    expect(packets.map((packet) => packet.kind)).toEqual(['ltp', 'full', 'indexQuote', 'ltp']);
    expect(packets[1]).toEqual(FULL_EXPECTED);
    expect(summary.parsedPackets).toBe(4);
  });

  it('treats a 1-byte message as a heartbeat, not a packet', () => {
    let calls = 0;
    const summary = readTickerMessage(Buffer.from([0x00]), new PacketView(), () => (calls += 1));
    expect(summary.heartbeat).toBe(true);
    expect(summary.parsedPackets).toBe(0);
    expect(calls).toBe(0);
  });

  it('reads a message that starts inside a larger buffer (pooled Buffers from ws)', () => {
    const message = wireMessage([fullBytes()]);
    const pool = Buffer.concat([Buffer.from([9, 9, 9]), message, Buffer.from([7, 7])]);
    expect(parseTickerMessage(pool.subarray(3, 3 + message.length)).packets).toEqual([FULL_EXPECTED]);
  });
});

describe('segment price divisors (token & 0xFF)', () => {
  it.each([
    ['NSE', (1 << 8) | 1, 100],
    ['NFO', NFO_OPTION, 100],
    ['CDS', USDINR_CDS, 10_000_000],
    ['BSE', (1 << 8) | 4, 100],
    ['BFO', (1 << 8) | 5, 100],
    ['BCD', USDINR_BCD, 10_000],
    ['MCX', (1 << 8) | 7, 100],
    ['indices', NIFTY_50, 100],
  ])('%s divides by %#', (_segment, token, divisor) => {
    expect(priceDivisor(token)).toBe(divisor);
    const view = new PacketView();
    readTickerMessage(wireMessage([ltpBytes(token, 1)]), view, () => undefined);
    expect(view.priceDivisor).toBe(divisor);
  });
});

describe('the reusable view', () => {
  it('leaves nothing of a full packet behind when the next packet is shorter', () => {
    const seen: { kind: string; volume: number; bid: number | undefined; open: number }[] = [];
    readTickerMessage(wireMessage([fullBytes(), ltpBytes(NFO_OPTION, 1), indexQuoteBytes()]), new PacketView(), (view) =>
      seen.push({ kind: view.kind, volume: view.volumeTraded, bid: view.bidPrices[0], open: view.open }),
    );
    expect(seen).toEqual([
      { kind: 'full', volume: 3_000_000_000, bid: 24_545, open: 23_000 },
      { kind: 'ltp', volume: 0, bid: 0, open: 0 },
      { kind: 'indexQuote', volume: 0, bid: 0, open: 2_430_000 },
    ]);
  });
});

describe('malformed input never throws and says what was skipped', () => {
  it('an empty message is truncated, not a heartbeat', () => {
    expect(parseTickerMessage(Buffer.alloc(0)).summary).toMatchObject({ heartbeat: false, truncated: true, parsedPackets: 0 });
  });

  it('skips packets of unknown length and carries on with the next', () => {
    const odd = new WireBytes().u32(NFO_OPTION).u32(1).u32(2); // 12 bytes: no such kind
    const empty = new WireBytes(); // a zero-length packet
    const { packets, summary } = parseTickerMessage(wireMessage([odd, ltpBytes(NFO_OPTION, 5), empty, ltpBytes(NFO_OPTION, 6)]));
    expect(packets.map((packet) => packet.lastPrice)).toEqual([5, 6]);
    expect(summary).toMatchObject({ declaredPackets: 4, parsedPackets: 2, skippedLengths: [12, 0], truncated: false });
  });

  it('a count larger than the packets present: what is there is read, the message is truncated', () => {
    const message = wireMessage([ltpBytes(NFO_OPTION, 5)]);
    message.writeUInt16BE(3, 0);
    expect(parseTickerMessage(message).summary).toMatchObject({ declaredPackets: 3, parsedPackets: 1, truncated: true });
  });

  it('a packet length that runs past the end stops the read (truncated), keeping the packets before', () => {
    const cut = wireMessage([ltpBytes(NFO_OPTION, 5), fullBytes()]).subarray(0, 2 + 10 + 2 + 50);
    const { packets, summary } = parseTickerMessage(cut);
    expect(packets).toEqual([{ kind: 'ltp', token: NFO_OPTION, lastPrice: 5 }]);
    expect(summary).toMatchObject({ parsedPackets: 1, truncated: true });
  });

  it('a message cut inside a length prefix is truncated', () => {
    const cut = wireMessage([ltpBytes(NFO_OPTION, 5), ltpBytes(NFO_OPTION, 6)]).subarray(0, 2 + 10 + 1);
    expect(parseTickerMessage(cut).summary).toMatchObject({ parsedPackets: 1, truncated: true });
  });

  it('bytes after the declared packets are reported as trailing', () => {
    const message = Buffer.concat([wireMessage([ltpBytes(NFO_OPTION, 5)]), Buffer.from([1, 2, 3])]);
    expect(parseTickerMessage(message).summary).toMatchObject({ parsedPackets: 1, trailingBytes: 3, truncated: false });
  });

  it('any bytes at all: no throw, and never more packets than declared', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const { packets, summary } = parseTickerMessage(bytes);
        expect(packets.length).toBe(summary.parsedPackets);
        expect(summary.parsedPackets + summary.skippedLengths.length).toBeLessThanOrEqual(summary.declaredPackets);
      }),
      { numRuns: 2_000 },
    );
  });
});
