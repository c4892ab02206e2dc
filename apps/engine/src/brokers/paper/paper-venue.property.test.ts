import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, paise, type Tick } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import type { BrokerEvent } from '../broker.ts';
import { PaperVenue } from './paper-venue.ts';

const ACCOUNT = asAccountId('5b0f7c9e-6f43-4a36-9d43-1d1c1bb4c001');
const INSTRUMENT = asInstrumentId('NFO:NIFTY26DECFUT');
const tickAt = (last: number): Tick => stubTick(INSTRUMENT, last, { bid: paise(last - 5), ask: paise(last + 5) });

const step = fc.oneof(
  fc.record({ kind: fc.constant('place' as const), buy: fc.boolean(), type: fc.constantFrom('LIMIT', 'SL', 'SL_M') as fc.Arbitrary<'LIMIT' | 'SL' | 'SL_M'>, offset: fc.integer({ min: -20, max: 20 }) }),
  fc.record({ kind: fc.constant('modify' as const), pick: fc.nat(), offset: fc.integer({ min: -20, max: 20 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('tick' as const), moveTicks: fc.integer({ min: -15, max: 15 }) }),
);

describe('paper venue matching by price', () => {
  it('after every tick, no working order is left that the tick makes marketable or triggers; fills obey the rules', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        let tick = tickAt(1_000_000);
        const events: BrokerEvent[] = [];
        const venue = new PaperVenue({ latest: () => tick }, (event) => events.push(event), () => 0);
        let n = 0;
        for (const action of steps) {
          const working = venue.books().orders.filter((order) => order.status === 'OPEN' || order.status === 'TRIGGER_PENDING');
          if (action.kind === 'place') {
            n += 1;
            const level = paise(tick.lastPrice + action.offset * 5);
            const side = action.buy ? 'BUY' : 'SELL';
            // SL limits sit on the far side of the trigger, as validation requires.
            const price = action.type === 'SL_M' ? null : action.type === 'SL' ? paise(level + (action.buy ? 10 : -10)) : level;
            venue.place({ accountId: ACCOUNT, clientOrderId: asClientOrderId(`c${n}`), instrumentId: INSTRUMENT, side, type: action.type, product: 'NRML', quantity: 65, price, triggerPrice: action.type === 'LIMIT' ? null : level });
          } else if (action.kind === 'modify' && working.length > 0) {
            const order = working[action.pick % working.length]!;
            const level = paise(tick.lastPrice + action.offset * 5);
            const price = order.type === 'SL_M' ? null : order.type === 'SL' ? paise(level + (order.side === 'BUY' ? 10 : -10)) : level;
            venue.modify({ accountId: ACCOUNT, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId, type: order.type, quantity: 130, price, triggerPrice: order.type === 'LIMIT' ? null : level });
          } else if (action.kind === 'cancel' && working.length > 0) {
            const order = working[action.pick % working.length]!;
            venue.cancel({ accountId: ACCOUNT, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId });
          } else if (action.kind === 'tick') {
            tick = tickAt(tick.lastPrice + action.moveTicks * 5);
            venue.onTicks([tick]);
          }
          for (const order of venue.books().orders) {
            if (order.status !== 'OPEN' && order.status !== 'TRIGGER_PENDING') continue;
            const stop = (order.type === 'SL' || order.type === 'SL_M') && !order.triggered;
            if (stop) {
              expect(order.side === 'BUY' ? tick.lastPrice < order.triggerPrice! : tick.lastPrice > order.triggerPrice!).toBe(true);
            } else {
              expect(order.side === 'BUY' ? (tick.ask as number) > order.price! : (tick.bid as number) < order.price!).toBe(true);
            }
          }
        }
        for (const event of events) {
          if (event.kind !== 'filled') continue;
          const order = venue.books().orders.find((candidate) => candidate.brokerOrderId === event.brokerOrderId)!;
          if (order.type === 'LIMIT' || order.type === 'SL') expect(order.side === 'BUY' ? event.price <= order.price! : event.price >= order.price!).toBe(true);
          expect(order.status).toBe('FILLED');
        }
        expect(venue.workingCount).toBe(venue.books().orders.filter((order) => order.status === 'OPEN' || order.status === 'TRIGGER_PENDING').length);
      }),
      { numRuns: 300 },
    );
  });
});
