import { FINAL_SIGNAL_STATUSES, type Order, type SignalEvent, type SignalStage, type SignalStatus } from '@strikedesk/domain';

/** The timeline step the engine adds when one of the signal's orders ends this way. */
const STAGE_OF_FINAL_ORDER: Partial<Record<Order['status'], SignalStage>> = {
  FILLED: 'FILLED',
  REJECTED: 'ORDER_REJECTED',
  CANCELED: 'ORDER_CANCELED',
};

/**
 * True while the engine may still add to what the trader sees: the signal is queued or being
 * processed (no push yet), or one of its orders ended but the matching step is not on the timeline
 * yet — the engine writes it just after the order's own push, so a refetch on that push can
 * arrive first.
 */
export function signalIsSettling(signal: { status: SignalStatus; events: readonly SignalEvent[]; orders: readonly Pick<Order, 'orderId' | 'status'>[] }): boolean {
  if (!FINAL_SIGNAL_STATUSES.includes(signal.status)) return true;
  return signal.orders.some((order) => {
    const stage = STAGE_OF_FINAL_ORDER[order.status];
    return stage !== undefined && !signal.events.some((event) => event.stage === stage && event.detail['orderId'] === order.orderId);
  });
}
