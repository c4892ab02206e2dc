import { z } from 'zod';
import { istMinuteOfDay } from '../portfolios/monitor/ist-clock.ts';
import type { AlertMessage } from './alert-message.ts';
import type { StrategyConfig, StrategyGuards } from './strategy.ts';

const clockMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the strategy's accepted window (IST, start inclusive, end exclusive). */
export function inAlertWindow(window: StrategyGuards['window'], at: number): boolean {
  const minute = istMinuteOfDay(at);
  return minute >= clockMinutes(window.start) && minute < clockMinutes(window.end);
}

/**
 * Whether an alert may take the strategy's position towards flat, judged from the alert alone (the
 * gateway does not know the position). The time window and the maximum delay guard entries; an exit
 * must always get through (ADR 0015), so such an alert is stored and the engine, which knows the
 * position, sends only its closing part. Exit, reverse (its closing part) and target may reduce;
 * so may TradingView's strategy.close()/strategy.exit() orders, which alert "sell" while the market
 * position after them is long or flat (a long reduced or closed) and "buy" while it is short or flat;
 * and, with POSITION sizing, any buy/sell that carries a position size (it moves to that target).
 */
export function alertCouldReduce(message: Pick<AlertMessage, 'action' | 'marketPosition' | 'positionSize'>, config: Pick<StrategyConfig, 'sizing'>): boolean {
  switch (message.action) {
    case 'EXIT':
    case 'REVERSE':
    case 'TARGET':
      return true;
    case 'BUY':
    case 'SELL': {
      if (config.sizing === 'POSITION' && message.positionSize !== null) return true;
      const closes = message.action === 'SELL' ? 'long' : 'short';
      return message.marketPosition === 'flat' || message.marketPosition === closes;
    }
  }
}

/**
 * What the gateway's intake adds beside the stored alert: that it arrived outside the strategy's
 * window and was let through only because it could reduce. The engine then sends its closing part
 * alone (no entry, no opening part of a reversal).
 */
export const IntakeMarksSchema = z.object({ outsideWindow: z.boolean().default(false) });
export type IntakeMarks = z.infer<typeof IntakeMarksSchema>;
