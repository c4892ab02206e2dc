import { describe, expect, it } from 'vitest';
import { asOrderId, type SignalEvent } from '@strikedesk/domain';
import { signalIsSettling } from './signal-settling.ts';

const O1 = asOrderId('o-1');
const O2 = asOrderId('o-2');
const event = (stage: SignalEvent['stage'], detail: Record<string, unknown> = {}): SignalEvent => ({ stage, at: 0, detail });

describe('signal settling', () => {
  it('is settling while queued or processing', () => {
    expect(signalIsSettling({ status: 'ACCEPTED', events: [event('RECEIVED')], orders: [] })).toBe(true);
    expect(signalIsSettling({ status: 'PROCESSING', events: [event('RECEIVED')], orders: [] })).toBe(true);
    expect(signalIsSettling({ status: 'REJECTED', events: [event('REJECTED')], orders: [] })).toBe(false);
  });

  it('waits for the timeline step of an order that has ended', () => {
    const sent = [event('RECEIVED'), event('ORDER_SENT'), event('ACKNOWLEDGED', { orderId: 'o-1' })];
    expect(signalIsSettling({ status: 'EXECUTED', events: sent, orders: [{ orderId: O1, status: 'OPEN' }] })).toBe(false);
    expect(signalIsSettling({ status: 'EXECUTED', events: sent, orders: [{ orderId: O1, status: 'FILLED' }] })).toBe(true);
    const filled = [...sent, event('FILLED', { orderId: 'o-1' })];
    expect(signalIsSettling({ status: 'EXECUTED', events: filled, orders: [{ orderId: O1, status: 'FILLED' }] })).toBe(false);
    // A second slice filled later needs its own step.
    expect(
      signalIsSettling({
        status: 'EXECUTED',
        events: filled,
        orders: [
          { orderId: O1, status: 'FILLED' },
          { orderId: O2, status: 'FILLED' },
        ],
      }),
    ).toBe(true);
  });
});
