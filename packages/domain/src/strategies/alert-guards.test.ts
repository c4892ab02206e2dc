import { describe, expect, it } from 'vitest';
import { alertCouldReduce, inAlertWindow } from './alert-guards.ts';

const alert = (action: 'BUY' | 'SELL' | 'EXIT' | 'REVERSE' | 'TARGET', extra: { marketPosition?: 'long' | 'flat' | 'short' | null; positionSize?: number | null } = {}) => ({
  action,
  marketPosition: null,
  positionSize: null,
  ...extra,
});
const ORDER = { sizing: 'ORDER' } as const;

describe('alertCouldReduce', () => {
  it('exit, reverse and target may take the position towards flat', () => {
    for (const action of ['EXIT', 'REVERSE', 'TARGET'] as const) expect(alertCouldReduce(alert(action), ORDER)).toBe(true);
  });

  it("reads TradingView's close and partial exit from the market position after the order", () => {
    expect(alertCouldReduce(alert('SELL', { marketPosition: 'flat' }), ORDER)).toBe(true);
    expect(alertCouldReduce(alert('SELL', { marketPosition: 'long' }), ORDER)).toBe(true);
    expect(alertCouldReduce(alert('BUY', { marketPosition: 'short' }), ORDER)).toBe(true);
    expect(alertCouldReduce(alert('BUY', { marketPosition: 'long' }), ORDER)).toBe(false);
    expect(alertCouldReduce(alert('SELL', { marketPosition: 'short' }), ORDER)).toBe(false);
    expect(alertCouldReduce(alert('BUY'), ORDER)).toBe(false);
  });

  it('with POSITION sizing a buy/sell carrying a position size is a target', () => {
    expect(alertCouldReduce(alert('BUY', { positionSize: 1 }), { sizing: 'POSITION' })).toBe(true);
    expect(alertCouldReduce(alert('BUY', { positionSize: 1 }), ORDER)).toBe(false);
  });
});

describe('inAlertWindow', () => {
  // An IST wall-clock time on 2026-12-09.
  const at = (hour: number, minute: number) => Date.UTC(2026, 11, 9, hour, minute) - 330 * 60_000;
  it('includes the start and excludes the end, in IST', () => {
    const window = { start: '09:15', end: '15:25' };
    expect(inAlertWindow(window, at(9, 14))).toBe(false);
    expect(inAlertWindow(window, at(9, 15))).toBe(true);
    expect(inAlertWindow(window, at(15, 24))).toBe(true);
    expect(inAlertWindow(window, at(15, 25))).toBe(false);
    expect(inAlertWindow({ start: '00:00', end: '24:00' }, at(23, 59))).toBe(true);
  });
});
