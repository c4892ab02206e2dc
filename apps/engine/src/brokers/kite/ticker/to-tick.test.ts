import { TickSchema, type InstrumentId, type Tick } from '@strikedesk/domain';
import { describe, expect, it } from 'vitest';
import { KitePriceNotInPaiseError, kitePriceToPaise, toTick } from './to-tick.ts';
import type { FullPacket, KitePacket } from './ticker-packet.ts';

const NFO = (48_243 << 8) | 2;
const CDS = (1_000 << 8) | 3;
const BCD = (2_000 << 8) | 6;
const NIFTY_50 = 256_265;
const id = 'NFO:NIFTY26DEC24500CE' as InstrumentId;
const RECEIVED = 1_764_912_999_123;
const level = (quantity: number, price: number, orders = 1) => ({ quantity, price, orders });

const full: FullPacket = {
  kind: 'full', token: NFO, lastPrice: 24_550, lastTradedQuantity: 75, averageTradedPrice: 24_320, volumeTraded: 1_500_000,
  totalBuyQuantity: 120_000, totalSellQuantity: 98_000, open: 23_000, high: 25_100, low: 22_900, close: 23_500,
  lastTradeTimeSeconds: 1_764_912_345, openInterest: 5_250_000, openInterestDayHigh: 5_400_000, openInterestDayLow: 5_100_000,
  exchangeTimestampSeconds: 1_764_912_346,
  bids: [level(150, 24_545, 2), level(300, 24_540), level(0, 0, 0), level(0, 0, 0), level(0, 0, 0)],
  asks: [level(75, 24_555, 3), level(0, 0, 0), level(0, 0, 0), level(0, 0, 0), level(0, 0, 0)],
};

describe('toTick', () => {
  it('maps a full NFO packet: raw paise pass through, depth without empty levels, exchange time in ms', () => {
    const tick = toTick(full, id, { receivedAt: RECEIVED });
    expect(TickSchema.parse(tick)).toEqual(tick);
    expect(tick).toEqual({
      instrumentId: id, timestamp: 1_764_912_346_000, lastPrice: 24_550, previousClose: 23_500, open: 23_000, high: 25_100, low: 22_900,
      bid: 24_545, ask: 24_555,
      bids: [{ price: 24_545, quantity: 150, orders: 2 }, { price: 24_540, quantity: 300, orders: 1 }],
      asks: [{ price: 24_555, quantity: 75, orders: 3 }],
      volume: 1_500_000, openInterest: 5_250_000,
    });
  });

  it('a full packet with a zero exchange timestamp is stamped with the receive time', () => {
    expect(toTick({ ...full, exchangeTimestampSeconds: 0 }, id, { receivedAt: RECEIVED }).timestamp).toBe(RECEIVED);
  });

  it('an index has no book even when the previous tick had one', () => {
    const index: KitePacket = { kind: 'indexFull', token: NIFTY_50, lastPrice: 2_435_065, high: 2_441_000, low: 2_429_595, open: 2_430_000, close: 2_426_485, priceChange: 8_580, exchangeTimestampSeconds: 1_764_912_400 };
    const previous = toTick(full, id, { receivedAt: RECEIVED });
    const tick = toTick(index, id, { receivedAt: RECEIVED, previous });
    expect(tick).toMatchObject({ lastPrice: 2_435_065, previousClose: 2_426_485, open: 2_430_000, high: 2_441_000, low: 2_429_595, bid: null, ask: null, bids: [], asks: [], timestamp: 1_764_912_400_000 });
  });

  it('an LTP packet updates the last price and keeps the rest of the previous tick', () => {
    const previous = toTick(full, id, { receivedAt: RECEIVED });
    const tick = toTick({ kind: 'ltp', token: NFO, lastPrice: 24_600 }, id, { receivedAt: RECEIVED + 1, previous });
    expect(tick).toEqual({ ...previous, lastPrice: 24_600, timestamp: RECEIVED + 1 });
  });

  it('an LTP packet without a previous tick fills prices with the last price, as stubTick does', () => {
    const tick: Tick = toTick({ kind: 'ltp', token: NFO, lastPrice: 24_600 }, id, { receivedAt: RECEIVED });
    expect(tick).toMatchObject({ lastPrice: 24_600, previousClose: 24_600, open: 24_600, bid: null, bids: [], volume: 0, openInterest: 0, timestamp: RECEIVED });
  });

  it('a quote packet carries OHLC and volume but no depth', () => {
    const { kind: _kind, bids: _bids, asks: _asks, lastTradeTimeSeconds: _t, openInterest: _oi, openInterestDayHigh: _h, openInterestDayLow: _l, exchangeTimestampSeconds: _e, ...quote } = full;
    const tick = toTick({ kind: 'quote', ...quote }, id, { receivedAt: RECEIVED });
    expect(tick).toMatchObject({ lastPrice: 24_550, previousClose: 23_500, volume: 1_500_000, bids: [], bid: null, timestamp: RECEIVED });
  });
});

describe('kitePriceToPaise (exact, by segment)', () => {
  it('paise segments pass the raw integer through', () => {
    expect(kitePriceToPaise(NFO, 24_550)).toBe(24_550);
    expect(kitePriceToPaise(NIFTY_50, 2_435_065)).toBe(2_435_065);
  });

  it('CDS (÷10^7 rupees) and BCD (÷10^4 rupees) convert when the price is whole paise', () => {
    expect(kitePriceToPaise(CDS, 831_200_000)).toBe(8_312); // ₹83.12
    expect(kitePriceToPaise(BCD, 831_200)).toBe(8_312);
  });

  it('a currency price finer than a paisa is refused, never rounded', () => {
    expect(() => kitePriceToPaise(CDS, 831_225_000)).toThrow(KitePriceNotInPaiseError); // ₹83.1225
    expect(() => kitePriceToPaise(BCD, 831_225)).toThrow(/not a whole number of paise/);
  });
});
