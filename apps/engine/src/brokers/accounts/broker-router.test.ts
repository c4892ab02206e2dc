import { describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, asTradeId, paise } from '@strikedesk/domain';
import { ScriptedBroker } from '../../testing/scripted-broker.ts';
import type { BrokerEvent, BrokerOrderRequest, BrokerOrderSnapshot } from '../broker.ts';
import { BrokerRouter } from './broker-router.ts';

const PAPER_ACCOUNT = asAccountId('11111111-1111-4111-8111-111111111111');
const LIVE_ACCOUNT = asAccountId('22222222-2222-4222-8222-222222222222');
const FUTURE = asInstrumentId('NFO:NIFTY26DECFUT');
const silent = { warn: () => undefined };

const request = (accountId = LIVE_ACCOUNT, id = 'c1'): BrokerOrderRequest => ({
  accountId,
  clientOrderId: asClientOrderId(id),
  instrumentId: FUTURE,
  side: 'BUY',
  type: 'MARKET',
  product: 'NRML',
  quantity: 65,
  price: null,
  triggerPrice: null,
});
const snapshot = (accountId = LIVE_ACCOUNT): BrokerOrderSnapshot => ({ ...request(accountId), brokerOrderId: 'b1', status: 'OPEN', filledQuantity: 0, triggered: false, reasonCode: null, reasonMessage: null });

describe('BrokerRouter', () => {
  it("sends a bound account's requests to its venue and every other account's to paper; events of both come out of one stream", () => {
    const paper = new ScriptedBroker();
    const kite = new ScriptedBroker();
    const router = new BrokerRouter(paper, silent);
    const events: BrokerEvent[] = [];
    router.onEvent((event) => events.push(event));
    router.attach(LIVE_ACCOUNT, kite);
    router.placeOrder(request(LIVE_ACCOUNT, 'live1'));
    router.placeOrder(request(PAPER_ACCOUNT, 'paper1'));
    router.cancelOrder({ accountId: LIVE_ACCOUNT, clientOrderId: asClientOrderId('live1'), brokerOrderId: 'b1' });
    expect(kite.placed.map((sent) => sent.clientOrderId)).toEqual(['live1']);
    expect(paper.placed.map((sent) => sent.clientOrderId)).toEqual(['paper1']);
    expect(kite.canceled).toHaveLength(1);
    kite.emit({ kind: 'filled', accountId: LIVE_ACCOUNT, clientOrderId: asClientOrderId('live1'), brokerOrderId: 'b1', tradeId: asTradeId('t1'), quantity: 65, price: paise(100), executedAt: 1 });
    paper.emit({ kind: 'accepted', accountId: PAPER_ACCOUNT, clientOrderId: asClientOrderId('paper1'), brokerOrderId: 'p1' });
    expect(events.map((event) => event.kind)).toEqual(['filled', 'accepted']);
  });

  it("asks the account's own venue whether an order is still being sent (a venue that does not say: never)", () => {
    const kite = Object.assign(new ScriptedBroker(), { sending: (_accountId: string, clientOrderId: string) => clientOrderId === 'live1' });
    const router = new BrokerRouter(new ScriptedBroker(), silent);
    router.attach(LIVE_ACCOUNT, kite);
    expect([router.sending(LIVE_ACCOUNT, 'live1'), router.sending(LIVE_ACCOUNT, 'live2'), router.sending(PAPER_ACCOUNT, 'live1')]).toEqual([true, false, false]);
  });

  it('never sends a detached account anywhere (not to paper either), and stops hearing a venue no account uses', () => {
    const paper = new ScriptedBroker();
    const kite = new ScriptedBroker();
    const router = new BrokerRouter(paper, silent);
    const events: BrokerEvent[] = [];
    router.onEvent((event) => events.push(event));
    router.attach(LIVE_ACCOUNT, kite);
    router.detach(LIVE_ACCOUNT);
    router.placeOrder(request());
    expect(paper.placed).toEqual([]);
    expect(kite.placed).toEqual([]);
    expect(router.venueOf(LIVE_ACCOUNT)).toBeNull();
    kite.emit({ kind: 'accepted', accountId: LIVE_ACCOUNT, clientOrderId: asClientOrderId('c1'), brokerOrderId: 'b1' });
    expect(events).toEqual([]);
    router.forget(LIVE_ACCOUNT);
    expect(router.venueOf(LIVE_ACCOUNT)).toBe(paper);
  });

  it("merges books by account and names the accounts whose venue could not be read (never as 'no orders')", async () => {
    const paper = new ScriptedBroker();
    const kite = new ScriptedBroker();
    const router = new BrokerRouter(paper, silent);
    // The paper venue knows nothing of the live account; a stale row of it there must not leak in.
    paper.booksSource = () => ({ orders: [snapshot(PAPER_ACCOUNT), snapshot(LIVE_ACCOUNT)], trades: [], positions: [] });
    kite.booksSource = () => ({ orders: [snapshot(LIVE_ACCOUNT), snapshot(PAPER_ACCOUNT)], trades: [], positions: [] });
    router.attach(LIVE_ACCOUNT, kite);
    const read = await router.books();
    expect(read.orders.map((order) => order.accountId).sort()).toEqual([PAPER_ACCOUNT, LIVE_ACCOUNT].sort());
    expect(read.unreachableAccounts).toEqual([]);

    kite.booksSource = () => {
      throw new Error('kite down');
    };
    const partial = await router.books();
    expect(partial.orders.map((order) => order.accountId)).toEqual([PAPER_ACCOUNT]);
    expect(partial.unreachableAccounts).toEqual([LIVE_ACCOUNT]);

    router.detach(LIVE_ACCOUNT);
    expect((await router.books()).unreachableAccounts).toEqual([LIVE_ACCOUNT]);
  });
});
