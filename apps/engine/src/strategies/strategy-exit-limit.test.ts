import { describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId, asTradeId, paise, type EngineEvent, type OrderSpec, type StrategyId } from '@strikedesk/domain';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';
import { TradingState } from '../orders/trading-state.ts';
import { strategyExitQuantity } from './strategy-exit-limit.ts';

const ACCOUNT = asAccountId('11111111-1111-4111-8111-111111111111');
const USER = '5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f';
const FUT = asInstrumentId('NFO:NIFTY26DECFUT');
const STRATEGY = 'strat-1' as StrategyId;
let n = 0;

/** One order (the strategy's, or the trader's from the ticket) and, unless working, its fill. */
function order(spec: Partial<OrderSpec>, options: { strategy?: boolean; working?: boolean; inFlight?: boolean } = {}): EngineEvent[] {
  n += 1;
  const submitted = { ...stubOrderSubmitted({ accountId: ACCOUNT, userId: USER, orderId: `261209-${n}`, clientOrderId: `c${n}`, spec }), ...(options.strategy === false ? {} : { strategyId: STRATEGY }) };
  const base = { accountId: ACCOUNT, orderId: submitted.orderId, at: 2 };
  const accepted: EngineEvent = { type: 'OrderAccepted', ...base, brokerOrderId: `B-${n}` };
  if (options.inFlight) return [submitted];
  if (options.working) return [submitted, accepted];
  return [submitted, accepted, { type: 'OrderFilled', ...base, tradeId: asTradeId(`T-${n}`), quantity: submitted.spec.quantity, price: paise(2_600_000) }];
}
function stateOf(...orders: EngineEvent[][]): TradingState {
  const state = new TradingState();
  orders.flat().forEach((event, index) => state.apply({ seq: index + 1, event }));
  return state;
}
const exit = (state: TradingState, side: 'BUY' | 'SELL', quantity: number, product: 'NRML' | 'MIS' = 'NRML') =>
  strategyExitQuantity(state, { accountId: ACCOUNT, strategyId: STRATEGY, instrumentId: FUT, product, side, quantity });

describe('strategyExitQuantity', () => {
  it('sends a reduce in full while the account holds the strategy position', () => {
    expect(exit(stateOf(order({ quantity: 130 })), 'SELL', 130)).toBe(130);
    expect(exit(stateOf(order({ quantity: 130 })), 'SELL', 65)).toBe(65);
  });

  it('sends nothing, or only what is left, after the trader closed it from the ticket', () => {
    expect(exit(stateOf(order({ quantity: 130 }), order({ side: 'SELL', quantity: 130 }, { strategy: false })), 'SELL', 130)).toBe(0);
    expect(exit(stateOf(order({ quantity: 130 }), order({ side: 'SELL', quantity: 65 }, { strategy: false })), 'SELL', 130)).toBe(65);
    // A partial exit too (the strategy still thinks it is long 130).
    expect(exit(stateOf(order({ quantity: 130 }), order({ side: 'SELL', quantity: 130 }, { strategy: false })), 'SELL', 65)).toBe(0);
    // A short the trader bought back.
    expect(exit(stateOf(order({ side: 'SELL', quantity: 65 }), order({ quantity: 65 }, { strategy: false })), 'BUY', 65)).toBe(0);
  });

  it("covers the strategy's orders on the position's side still in flight, which are about to fill", () => {
    const state = stateOf(order({ quantity: 65 }), order({ quantity: 65 }, { inFlight: true }), order({ side: 'SELL', quantity: 65 }, { strategy: false }));
    expect(exit(state, 'SELL', 130)).toBe(65);
  });

  it('does not cover an order resting at the broker: it may never fill, and the exit would open a short', () => {
    expect(exit(stateOf(order({ quantity: 65 }, { working: true })), 'SELL', 65)).toBe(0);
    expect(exit(stateOf(order({ quantity: 65 }), order({ quantity: 65 }, { working: true })), 'SELL', 130)).toBe(65);
  });

  it('goes by the order product and side: a book in another product, or on the other side, is not closed by it', () => {
    expect(exit(stateOf(order({ quantity: 65 })), 'SELL', 65, 'MIS')).toBe(0);
    // MIS long 130 and NRML short 65: net +65, so the alert sells 65 NRML, which would only add to the NRML short.
    expect(exit(stateOf(order({ quantity: 130, product: 'MIS' }), order({ side: 'SELL', quantity: 65 })), 'SELL', 65)).toBe(0);
  });
});
