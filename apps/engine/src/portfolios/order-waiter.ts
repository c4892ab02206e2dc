import { isTerminalStatus, type EngineEventEnvelope, type Order } from '@strikedesk/domain';
import type { Topic } from '../events/topic.ts';
import type { TradingState } from '../orders/trading-state.ts';

/**
 * Resolves with the order once it is terminal (filled, cancelled, rejected…) or `timeoutMs` passed
 * (then with its state at that moment). Listens to the engine's journaled events, so it sees
 * exactly what the order book shows.
 */
export function waitForTerminal(published: Topic<EngineEventEnvelope>, state: TradingState, orderId: string, timeoutMs: number): Promise<Order> {
  const now = state.order(orderId);
  if (!now) return Promise.reject(new Error(`order ${orderId} is not in the book`));
  if (isTerminalStatus(now.status)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(state.order(orderId) ?? now);
    };
    const timer = setTimeout(finish, timeoutMs);
    const unsubscribe = published.listen((envelope) => {
      if (envelope.order.orderId === orderId && isTerminalStatus(envelope.order.status)) finish();
    });
  });
}
