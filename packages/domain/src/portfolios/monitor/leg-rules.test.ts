import { describe, expect, it } from 'vitest';
import type { InstrumentId } from '../../ids.ts';
import type { Paise } from '../../money.ts';
import type { Side } from '../../order.ts';
import type { EnteredLeg } from '../portfolio.ts';
import { PortfolioLegSchema, type PortfolioLeg, type PortfolioLegInput } from '../portfolio-definition.ts';
import { evaluateLeg } from './leg-rules.ts';
import { initialStopPrice } from './leg-stop.ts';

const TICK = 5 as Paise;
const p = (value: number): Paise => value as Paise;
const legOf = (side: Side, rules: Partial<PortfolioLegInput>): PortfolioLeg =>
  PortfolioLegSchema.parse({ id: 'L1', side, kind: 'CE', strike: { mode: 'ATM_OFFSET', steps: 0 }, lots: 1, ...rules });
const points = (value: number) => ({ unit: 'POINTS' as const, points: p(value) });
const percent = (value: number) => ({ unit: 'PERCENT' as const, percent: value });

function enteredOf(leg: PortfolioLeg, entryPrice: number | null, stopPrice?: number | null, closed = false): EnteredLeg {
  const entry = entryPrice === null ? null : p(entryPrice);
  const stop = stopPrice !== undefined ? (stopPrice === null ? null : p(stopPrice)) : entry === null ? null : initialStopPrice(leg, leg.side, entry, TICK);
  return { legId: leg.id, instrumentId: 'NFO:X' as InstrumentId, side: leg.side, quantity: 75, entryPrice: entry, stopPrice: stop, closed, stopOrderId: null };
}

/** Feeds a price path (paise) as the engine would, storing each returned stop; moves and the first trigger. */
function run(leg: PortfolioLeg, entryPrice: number, path: readonly number[]) {
  let entered = enteredOf(leg, entryPrice);
  const moves: [step: number, to: number, why: string][] = [];
  for (const [step, price] of path.entries()) {
    const result = evaluateLeg({ leg, entered, lastPrice: p(price), tickSize: TICK });
    if (result.moved) moves.push([step, result.moved.to, result.moved.why]);
    entered = { ...entered, stopPrice: result.stopPrice };
    if (result.trigger) return { step, reason: result.trigger.reason, message: result.trigger.message, moves, stop: result.stopPrice };
  }
  return { step: null, reason: null, message: null, moves, stop: entered.stopPrice };
}

describe('initialStopPrice', () => {
  it('puts a SELL stop above the entry and a BUY stop below', () => {
    expect(initialStopPrice(legOf('SELL', { stopLoss: percent(30) }), 'SELL', p(10_000), TICK)).toBe(13_000);
    expect(initialStopPrice(legOf('BUY', { stopLoss: points(2_000) }), 'BUY', p(10_000), TICK)).toBe(8_000);
  });
  it('rounds to the tick on the tighter side', () => {
    // 10 % of 100.02 is 10.00 (rounded to paise): 110.02 → 110.00 for SELL, 90.02 → 90.05 for BUY.
    expect(initialStopPrice(legOf('SELL', { stopLoss: percent(10) }), 'SELL', p(10_002), TICK)).toBe(11_000);
    expect(initialStopPrice(legOf('BUY', { stopLoss: percent(10) }), 'BUY', p(10_002), TICK)).toBe(9_005);
  });
  it('is null without a stop loss, or when a BUY stop would be at or below zero', () => {
    expect(initialStopPrice(legOf('SELL', {}), 'SELL', p(10_000), TICK)).toBeNull();
    expect(initialStopPrice(legOf('BUY', { stopLoss: percent(100) }), 'BUY', p(10_000), TICK)).toBeNull();
  });
});

describe('fixed stop and target', () => {
  it('SELL leg: stop when the price rises to the stop', () => {
    const result = run(legOf('SELL', { stopLoss: percent(30) }), 10_000, [10_000, 11_000, 12_995, 13_000, 14_000]);
    expect(result.step).toBe(3);
    expect(result.reason).toBe('LEG_STOP');
    expect(result.message).toBe('Leg L1 (SELL) stop hit: last ₹130 is at or above the ₹130 stop.');
  });
  it('BUY leg: stop when the price falls to the stop', () => {
    expect(run(legOf('BUY', { stopLoss: points(2_000) }), 10_000, [9_000, 8_005, 8_000]).step).toBe(2);
  });
  it('SELL leg: target when the price falls by the target', () => {
    const result = run(legOf('SELL', { target: percent(50), stopLoss: percent(50) }), 10_000, [9_000, 5_005, 5_000]);
    expect(result.step).toBe(2);
    expect(result.reason).toBe('LEG_TARGET');
    expect(result.message).toBe('Leg L1 (SELL) target hit: last ₹50 is ₹50 or more in profit from the ₹100 entry.');
  });
  it('BUY leg: target when the price rises by the target', () => {
    expect(run(legOf('BUY', { target: points(1_500) }), 10_000, [11_000, 11_495, 11_500]).step).toBe(2);
  });
});

describe('trailing stop: SELL, stop 20 points, every 10 points of profit move it 5', () => {
  const leg = legOf('SELL', { stopLoss: points(2_000), trailing: { every: points(1_000), by: points(500) } });

  it('moves the stop down at each whole step, never back up, and stops out on the rise', () => {
    const result = run(leg, 10_000, [9_500, 9_000, 9_400, 8_000, 8_900, 10_000, 10_995, 11_000]);
    expect(result.moves).toEqual([
      [1, 11_500, 'TRAILING'],
      [3, 11_000, 'TRAILING'],
    ]);
    expect(result.step).toBe(7);
    expect(result.reason).toBe('LEG_STOP');
  });
  it('rounds a percent trail to the tick on the tighter side (BUY)', () => {
    // 1 % of ₹123.40 is ₹1.23 (rounded to paise): the stop 113.40 + 1.23 = 114.63 → 114.65.
    const buy = legOf('BUY', { stopLoss: points(1_000), trailing: { every: percent(1), by: percent(1) } });
    expect(run(buy, 12_340, [12_462, 12_463]).moves).toEqual([[1, 11_465, 'TRAILING']]);
  });
  it('needs a stop loss to trail from', () => {
    const bare = legOf('SELL', { trailing: { every: points(1_000), by: points(500) } });
    expect(run(bare, 10_000, [5_000, 20_000])).toMatchObject({ step: null, moves: [], stop: null });
  });
});

describe('stop to cost', () => {
  it('BUY leg: moves the stop to the entry once in profit by the threshold, then stops out at cost', () => {
    const leg = legOf('BUY', { stopLoss: percent(10), stopToCostAt: points(1_500) });
    const result = run(leg, 10_000, [10_500, 11_495, 11_500, 10_500, 10_005, 10_000]);
    expect(result.moves).toEqual([[2, 10_000, 'COST']]);
    expect(result.step).toBe(5);
  });
  it('sets a stop at cost on a leg that had none', () => {
    const leg = legOf('SELL', { stopToCostAt: percent(20) });
    const first = evaluateLeg({ leg, entered: enteredOf(leg, 10_000), lastPrice: p(8_000), tickSize: TICK });
    expect(first.moved).toEqual({ from: null, to: 10_000, why: 'COST', message: 'Leg L1: stop moved to cost, no stop → ₹100.' });
  });
  it('never loosens a stop already trailed past cost', () => {
    const leg = legOf('SELL', { stopLoss: points(1_000), stopToCostAt: points(500) });
    const result = evaluateLeg({ leg, entered: enteredOf(leg, 10_000, 9_800), lastPrice: p(9_000), tickSize: TICK });
    expect(result).toEqual({ stopPrice: 9_800, trigger: null, moved: null });
  });
});

describe('stop and target in one evaluation', () => {
  it('reports the stop', () => {
    const leg = legOf('SELL', { stopLoss: points(1_000), target: points(1_000) });
    const result = evaluateLeg({ leg, entered: enteredOf(leg, 10_000, 8_500), lastPrice: p(8_800), tickSize: TICK });
    expect(result.trigger?.reason).toBe('LEG_STOP');
  });
});

describe('legs that cannot trigger', () => {
  const leg = legOf('SELL', { stopLoss: points(1_000), target: points(1_000) });
  it('a closed leg never triggers', () => {
    for (const price of [5_000, 20_000]) {
      expect(evaluateLeg({ leg, entered: enteredOf(leg, 10_000, 11_000, true), lastPrice: p(price), tickSize: TICK })).toEqual({
        stopPrice: 11_000,
        trigger: null,
        moved: null,
      });
    }
  });
  it('an unfilled leg never triggers', () => {
    expect(evaluateLeg({ leg, entered: enteredOf(leg, null), lastPrice: p(20_000), tickSize: TICK }).trigger).toBeNull();
  });
});
