import { describe, expect, it } from 'vitest';
import { applyOrderEvent, asAccountId, asTradeId, type EngineEvent, type Order, type Paise, type PositionView, type TradingHalt } from '@strikedesk/domain';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';
import { runChecks, type CheckId, type JournalRow, type Observed, type VenueBooks } from './crash-checks.ts';
import { Ledger, type SubmitRecord } from './crash-traders.ts';

/**
 * The harness must be able to fail: each defect it exists to catch, planted in an otherwise
 * consistent world, fails exactly the check that names it.
 */
const ACCOUNT = asAccountId('11111111-1111-4111-8111-111111111111');
const USER = '22222222-2222-4222-8222-222222222222';
const FUTURE = 'NFO:NIFTY26DECFUT';
const at = 1_796_000_000_000;

function event(partial: Record<string, unknown>): EngineEvent {
  return { accountId: ACCOUNT, at, ...partial } as EngineEvent;
}

/** A filled MARKET buy (t1-1) and a resting LIMIT sell (t1-2), as every party should see them. */
function consistentWorld(): { observed: Observed; ledger: Ledger } {
  const events: EngineEvent[] = [
    stubOrderSubmitted({ accountId: ACCOUNT, userId: USER, orderId: '261205-1', clientOrderId: 't1-1', at }),
    event({ type: 'OrderAccepted', orderId: '261205-1', brokerOrderId: 'PB-1' }),
    event({ type: 'OrderFilled', orderId: '261205-1', tradeId: asTradeId('P-1'), quantity: 65, price: 2_400_000 }),
    stubOrderSubmitted({ accountId: ACCOUNT, userId: USER, orderId: '261205-2', clientOrderId: 't1-2', at, spec: { side: 'SELL', type: 'LIMIT', price: 2_500_000 as Paise } }),
    event({ type: 'OrderAccepted', orderId: '261205-2', brokerOrderId: 'PB-2' }),
  ];
  const journal: JournalRow[] = events.map((e, index) => ({ seq: index + 1, event: e }));
  const orders = new Map<string, Order>();
  for (const row of journal) orders.set(row.event.orderId, applyOrderEvent(orders.get(row.event.orderId), row.event));
  const position = { accountId: ACCOUNT, instrumentId: FUTURE, product: 'NRML', netQuantity: 65, carriedQuantity: 0, buyQuantity: 65, buyValue: 65 * 2_400_000, sellQuantity: 0, sellValue: 0 } as unknown as PositionView;
  const request = { accountId: ACCOUNT, instrumentId: FUTURE, product: 'NRML' as const, triggerPrice: null, triggered: false, reasonCode: null, reasonMessage: null };
  const venue: VenueBooks = {
    orders: [
      { ...request, clientOrderId: 't1-1', side: 'BUY', type: 'MARKET', quantity: 65, price: null, brokerOrderId: 'PB-1', status: 'FILLED', filledQuantity: 65 },
      { ...request, clientOrderId: 't1-2', side: 'SELL', type: 'LIMIT', quantity: 65, price: 2_500_000, brokerOrderId: 'PB-2', status: 'OPEN', filledQuantity: 0 },
    ] as VenueBooks['orders'],
    trades: [{ accountId: ACCOUNT, clientOrderId: 't1-1', brokerOrderId: 'PB-1', tradeId: 'P-1', instrumentId: FUTURE, side: 'BUY', product: 'NRML', quantity: 65, price: 2_400_000, executedAt: at }] as VenueBooks['trades'],
    positions: [{ accountId: ACCOUNT, instrumentId: FUTURE, product: 'NRML', netQuantity: 65 }] as VenueBooks['positions'],
  };
  const observed: Observed = {
    now: at,
    journal,
    engineLastSeq: journal.length,
    engineOrders: new Map([[ACCOUNT, [...orders.values()]]]),
    enginePositions: new Map([[ACCOUNT, [position]]]),
    venue,
    activeHalts: [],
    recentHalts: [],
    stream: {
      startSeq: 0,
      seqs: journal.map((row) => row.seq),
      delivered: new Map(journal.map((row) => [row.seq, [{ type: row.event.type, orderId: row.event.orderId }]])),
      lastOrders: new Map(orders),
    },
  };
  const ledger = new Ledger();
  for (const order of orders.values()) {
    const record: SubmitRecord = {
      trader: 1,
      accountId: ACCOUNT,
      userId: USER as SubmitRecord['userId'],
      clientOrderId: order.clientOrderId,
      order: { instrumentId: order.instrumentId, side: order.side, type: order.type, product: order.product, quantity: order.quantity, price: order.price, triggerPrice: null },
      attempts: [{ run: 1, startedAt: at, endedAt: at, outcome: 'ack' }],
      ack: { orderId: order.orderId, status: order.status, reasonCode: null, createdAt: at, slices: 1, attempt: 1, replayedExisting: false },
      problem: null,
    };
    ledger.submits.push(record);
  }
  return { observed, ledger };
}

const failedChecks = (world: { observed: Observed; ledger: Ledger }): CheckId[] => [...new Set(runChecks(world.observed, world.ledger).failures.map((failure) => failure.check as CheckId))];

describe('crash harness checks', () => {
  it('pass on a consistent world', () => {
    expect(runChecks(consistentWorld().observed, consistentWorld().ledger).failures).toEqual([]);
  });

  it('catch an acknowledged order the journal and the engine lost', () => {
    const world = consistentWorld();
    world.observed.journal = world.observed.journal.slice(0, 3);
    world.observed.engineLastSeq = 3;
    world.observed.engineOrders.set(ACCOUNT, (world.observed.engineOrders.get(ACCOUNT) ?? []).filter((order) => order.clientOrderId !== 't1-2'));
    world.observed.venue.orders.pop();
    world.observed.stream.seqs = [1, 2, 3];
    world.observed.stream.delivered.delete(4);
    world.observed.stream.delivered.delete(5);
    expect(failedChecks(world)).toEqual(['1-acknowledged-orders']);
  });

  it('catch an order the journal holds but orders.list no longer shows', () => {
    const world = consistentWorld();
    world.observed.engineOrders.set(ACCOUNT, (world.observed.engineOrders.get(ACCOUNT) ?? []).filter((order) => order.clientOrderId !== 't1-2'));
    expect(failedChecks(world)).toEqual(['1-acknowledged-orders', '4-event-stream-and-status']);
  });

  it('catch an acknowledgement naming another order id, and a retry that did not return the first result', () => {
    const world = consistentWorld();
    const record = world.ledger.submits[1];
    if (record?.ack) record.ack.orderId = '261205-9';
    expect(failedChecks(world)).toEqual(['1-acknowledged-orders']);
    const probed = consistentWorld();
    probed.ledger.probes.push({ accountId: ACCOUNT, clientOrderId: 't1-1', expectedOrderId: '261205-1', gotOrderId: '261205-7', run: 2, error: null });
    expect(failedChecks(probed)).toEqual(['1-acknowledged-orders']);
  });

  it('catch a client order id placed twice at the broker', () => {
    const world = consistentWorld();
    const resting = world.observed.venue.orders[1];
    if (resting) world.observed.venue.orders.push({ ...resting, brokerOrderId: 'PB-3' });
    const failures = runChecks(world.observed, world.ledger);
    expect(failures.failures.map((failure) => failure.check)).toContain('2-no-duplicate-at-broker');
    expect(failures.figures.duplicatesAtBroker).toBe(1);
  });

  it('catch positions that disagree with the fills, and a venue trade the journal lacks', () => {
    const world = consistentWorld();
    const position = world.observed.enginePositions.get(ACCOUNT)?.[0];
    if (position) position.netQuantity = 130;
    expect(failedChecks(world)).toEqual(['3-positions-equal-fills']);
    const lostFill = consistentWorld();
    lostFill.observed.venue.trades.push({ ...(lostFill.observed.venue.trades[0] as VenueBooks['trades'][number]), tradeId: asTradeId('P-2') });
    expect(failedChecks(lostFill)).toContain('3-positions-equal-fills');
  });

  it('catch a gap, a duplicate and a wrong envelope in the gateway stream', () => {
    const gap = consistentWorld();
    gap.observed.stream.seqs = [1, 2, 4, 5];
    gap.observed.stream.delivered.delete(3);
    expect(failedChecks(gap)).toEqual(['4-event-stream-and-status']);
    const duplicate = consistentWorld();
    duplicate.observed.stream.seqs = [1, 2, 3, 3, 4, 5];
    expect(failedChecks(duplicate)).toEqual(['4-event-stream-and-status']);
    const wrong = consistentWorld();
    wrong.observed.stream.delivered.set(2, [{ type: 'OrderCanceled', orderId: '261205-1' }]);
    expect(failedChecks(wrong)).toEqual(['4-event-stream-and-status']);
  });

  it('catch an order OPEN at the engine but FILLED at the venue, and one left in flight', () => {
    const world = consistentWorld();
    const resting = world.observed.venue.orders[1];
    if (resting) Object.assign(resting, { status: 'FILLED', filledQuantity: 65 });
    expect(failedChecks(world)).toContain('4-event-stream-and-status');
    const inFlight = consistentWorld();
    const order = inFlight.observed.engineOrders.get(ACCOUNT)?.find((entry) => entry.clientOrderId === 't1-2');
    if (order) order.status = 'PENDING_CANCEL';
    expect(failedChecks(inFlight)).toContain('4-event-stream-and-status');
  });

  it('catch a reconciliation halt', () => {
    const world = consistentWorld();
    const halt: TradingHalt = {
      id: 1,
      scope: 'ACCOUNT',
      accountId: ACCOUNT,
      kind: 'RECONCILIATION',
      reason: 'broker books disagree',
      flatten: false,
      engagedBy: null,
      engagedAt: at,
      releasedBy: null,
      releasedAt: null,
      releaseNote: null,
      details: { mismatches: [{ kind: 'POSITION_DIFFERS', message: 'NFO:NIFTY26DECFUT NRML: the broker holds 130, the journal 65.' }] },
    };
    world.observed.activeHalts.push(halt);
    const result = runChecks(world.observed, world.ledger);
    expect(result.failures.map((failure) => failure.check)).toEqual(['5-no-reconciliation-halt']);
    expect(result.failures[0]?.details.join('\n')).toContain('POSITION_DIFFERS');
  });
});
