import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type Order, type OrderStatus } from '@strikedesk/domain';
import { canCancelOrder, canModifyOrder } from './order-actions.ts';

const order = (status: OrderStatus, brokerOrderId: string | null = 'B1'): Pick<Order, 'status' | 'brokerOrderId'> => ({ status, brokerOrderId });
const offered = (can: (o: Pick<Order, 'status' | 'brokerOrderId'>) => boolean) => ORDER_STATUSES.filter((status) => can(order(status)));

describe('order actions offered on a row (as the engine decides them)', () => {
  it('offers Modify only on a working order the broker has acknowledged', () => {
    expect(offered(canModifyOrder)).toEqual(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);
  });

  it('offers Cancel on a working order and on one whose modify is pending (the engine cancels it)', () => {
    expect(offered(canCancelOrder)).toEqual(['OPEN', 'TRIGGER_PENDING', 'PENDING_MODIFY', 'PARTIALLY_FILLED']);
  });

  it('offers neither before the broker acknowledged the order (a fill that beat the accept): the engine has no broker id to send', () => {
    expect(canModifyOrder(order('PARTIALLY_FILLED', null))).toBe(false);
    expect(canCancelOrder(order('PARTIALLY_FILLED', null))).toBe(false);
  });

  it('offers nothing on a finished order or one with a cancel on its way', () => {
    for (const status of ['FILLED', 'CANCELED', 'REJECTED', 'DENIED', 'EXPIRED', 'PENDING_CANCEL', 'SUBMITTED'] as const) {
      expect(canModifyOrder(order(status)), status).toBe(false);
      expect(canCancelOrder(order(status)), status).toBe(false);
    }
  });
});
