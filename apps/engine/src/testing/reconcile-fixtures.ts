import { asAccountId, asClientOrderId, asInstrumentId, asTradeId, paise, type EngineEvent, type OrderSpec } from '@strikedesk/domain';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';
import type { BrokerOrderSnapshot, BrokerTrade } from '../brokers/broker.ts';
import { TradingState } from '../orders/trading-state.ts';
import type { ReconcileOutcome } from '../reconciliation/reconcile-account.ts';

// One account's journal and broker books for reconciliation tests: orders `261209-<n>` with client
// order id `c<n>` on a NIFTY future, 65 a lot, answered by the broker as `PB-<n>`.

export const ACCOUNT = asAccountId('11111111-1111-4111-8111-111111111111');
export const USER = '5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f';
export const FUT = asInstrumentId('NFO:NIFTY26DECFUT');
export const T0 = Date.UTC(2026, 11, 9, 5, 30);
export const POLICY = { inFlightGraceMs: 5_000, resendWithinMs: 60_000 };

/** A trading state folded from these events, as the journal would hold them. */
export function stateOf(...events: EngineEvent[]): TradingState {
  const state = new TradingState();
  events.forEach((event, index) => state.apply({ seq: index + 1, event }));
  return state;
}

export const submitted = (n: number, spec: Partial<OrderSpec> = {}, at = T0): EngineEvent =>
  stubOrderSubmitted({ accountId: ACCOUNT, userId: USER, orderId: `261209-${n}`, clientOrderId: `c${n}`, at, spec: { type: 'LIMIT', price: paise(2_600_000), ...spec } });
export const base = (n: number, at = T0) => ({ accountId: ACCOUNT, orderId: `261209-${n}` as never, at });
export const accepted = (n: number): EngineEvent => ({ type: 'OrderAccepted', ...base(n), brokerOrderId: `PB-${n}` });
export const filled = (n: number, tradeId: string, quantity: number): EngineEvent => ({ type: 'OrderFilled', ...base(n), tradeId: asTradeId(tradeId), quantity, price: paise(2_600_000) });

export function brokerOrder(n: number, overrides: Partial<BrokerOrderSnapshot> = {}): BrokerOrderSnapshot {
  return {
    accountId: ACCOUNT,
    clientOrderId: asClientOrderId(`c${n}`),
    instrumentId: FUT,
    side: 'BUY',
    type: 'LIMIT',
    product: 'NRML',
    quantity: 65,
    price: paise(2_600_000),
    triggerPrice: null,
    brokerOrderId: `PB-${n}`,
    status: 'OPEN',
    filledQuantity: 0,
    triggered: false,
    reasonCode: null,
    reasonMessage: null,
    ...overrides,
  };
}
export const trade = (n: number, tradeId: string, quantity: number, executedAt = T0 + 1_000): BrokerTrade => ({
  accountId: ACCOUNT,
  clientOrderId: asClientOrderId(`c${n}`),
  brokerOrderId: `PB-${n}`,
  tradeId: asTradeId(tradeId),
  instrumentId: FUT,
  side: 'BUY',
  product: 'NRML',
  quantity,
  price: paise(2_599_995),
  executedAt,
});
export const position = (netQuantity: number) => ({ accountId: ACCOUNT, instrumentId: FUT, product: 'NRML' as const, netQuantity });
export const types = (outcome: ReconcileOutcome) => outcome.events.map((event) => event.type);
export const kinds = (outcome: ReconcileOutcome) => outcome.mismatches.map((mismatch) => mismatch.kind);

/** The events must be legal in order on top of the state, and leave positions equal to the broker's. */
export function applyAll(state: TradingState, outcome: ReconcileOutcome): TradingState {
  let seq = state.lastSeq;
  for (const event of outcome.events) state.apply({ seq: (seq += 1), event });
  return state;
}
