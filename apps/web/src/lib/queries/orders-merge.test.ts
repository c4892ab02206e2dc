import { describe, expect, it } from 'vitest';
import type { Order } from '@strikedesk/domain';
import { mergeOrders } from './orders-merge.ts';

const order = (orderId: string, createdAt: number, updatedAt: number, status: Order['status']): Order =>
  ({ orderId, createdAt, updatedAt, status }) as unknown as Order;
const statuses = (orders: Order[]) => orders.map((o) => [o.orderId, o.status]);

describe('mergeOrders', () => {
  it('keeps the newer copy of each order: a push newer than the list wins, an older one does not', () => {
    const book = [order('a', 1, 3, 'OPEN'), order('b', 2, 9, 'CANCELED')];
    expect(statuses(mergeOrders(book, [order('a', 1, 5, 'FILLED'), order('b', 2, 4, 'OPEN')]))).toEqual([
      ['b', 'CANCELED'],
      ['a', 'FILLED'],
    ]);
  });

  it('gives a tie to the pushed copy', () => {
    expect(statuses(mergeOrders([order('a', 1, 5, 'OPEN')], [order('a', 1, 5, 'FILLED')]))).toEqual([['a', 'FILLED']]);
  });

  it('adds pushed orders the list lacks, newest first, and applies pushes in turn (a late stale one loses)', () => {
    const merged = mergeOrders([order('a', 1, 1, 'OPEN')], [order('c', 3, 3, 'OPEN'), order('c', 3, 6, 'FILLED'), order('c', 3, 4, 'OPEN')]);
    expect(statuses(merged)).toEqual([
      ['c', 'FILLED'],
      ['a', 'OPEN'],
    ]);
  });
});

describe('mergeOrders, two copies stamped in the same millisecond', () => {
  const full = (status: Order['status'], filledQuantity: number, updatedAt = 5): Order =>
    ({ orderId: 'a', createdAt: 1, updatedAt, status, filledQuantity }) as unknown as Order;

  it('keeps the fill: a modify answer (OPEN) landing after the fill it caused (same ms) does not bring the order back to life', () => {
    expect(statuses(mergeOrders([full('FILLED', 75)], [full('OPEN', 0)]))).toEqual([['a', 'FILLED']]);
  });

  it('keeps a cancel: a PENDING_CANCEL answer arriving after the CANCELED push of the same ms does not reopen it', () => {
    expect(statuses(mergeOrders([full('CANCELED', 0)], [full('PENDING_CANCEL', 0)]))).toEqual([['a', 'CANCELED']]);
  });

  it('still lets a later copy through, and a tie between equals go to the told one', () => {
    expect(statuses(mergeOrders([full('FILLED', 75)], [full('PARTIALLY_FILLED', 75, 6)]))).toEqual([['a', 'PARTIALLY_FILLED']]);
    expect(statuses(mergeOrders([full('OPEN', 0)], [full('PENDING_CANCEL', 0)]))).toEqual([['a', 'PENDING_CANCEL']]);
    expect(statuses(mergeOrders([full('PARTIALLY_FILLED', 25)], [full('FILLED', 75)]))).toEqual([['a', 'FILLED']]);
  });
});
