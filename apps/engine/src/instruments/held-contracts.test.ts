import { afterEach, describe, expect, it } from 'vitest';
import { expirySettlementPrice, mulPaise, type Instrument, type PlaceOrderInput } from '@strikedesk/domain';
import { loadEngineConfig } from '../config/engine-config.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { placeAnswered } from '../testing/scripted-orders.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';
import { heldContracts } from './held-contracts.ts';
import { InstrumentCatalog } from './instrument-catalog.ts';
import { buildInstrumentMaster } from './instrument-master.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const logger = { warnings: [] as object[], warn(details: object) { this.warnings.push(details); } };
// Wednesday 2026-12-16 09:30 IST: the session after NIFTY's 2026-12-15 weekly expired.
const NEXT_SESSION = Date.UTC(2026, 11, 16, 4, 0);

describe('contracts still held after they left the listing', () => {
  it('are listed again at the next start from their remembered definition: an expired one refuses orders and is settled', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const broker = new ScriptedBroker();
    const first = await startTestEngine(database, new ManualClock(TEST_START), { createBroker: () => broker });
    const chain = first.services.catalog.chains[0]!;
    const { expiry, strikes } = chain.expiries[0]!;
    const middle = strikes[Math.floor(strikes.length / 2)]!;
    const held: Instrument = middle.call;
    await placeAnswered(first, broker, ACCOUNT_A, USER_A, { instrumentId: held.id, quantity: held.lotSize }, held.lotSize);
    await first.close();

    // The engine was down over the expiry close; the next session lists that expiry no more.
    const clock = new ManualClock(NEXT_SESSION);
    const next = await startTestEngine(database, clock, { createBroker: () => new ScriptedBroker() });
    cleanups.push(() => next.close());
    const { catalog } = next.services;
    expect(catalog.chains[0]!.expiries.map((series) => series.expiry)).not.toContain(expiry);
    expect(catalog.get(held.id)).toEqual({ ...held, tradable: false });
    // What nobody holds stays gone.
    expect(catalog.get(middle.put.id)).toBeUndefined();
    expect(catalog.search(held.displayName, 5, clock.now()).map((instrument) => instrument.id)).toContain(held.id);

    const order: PlaceOrderInput = { instrumentId: held.id, side: 'SELL', type: 'MARKET', product: 'NRML', quantity: held.lotSize, price: null, triggerPrice: null };
    const refused = await next.services.orders.submit({ accountId: ACCOUNT_A, userId: USER_A, origin: 'TERMINAL', order });
    expect([refused.status, refused.reasonCode]).toEqual(['DENIED', 'CONTRACT_EXPIRED']);

    next.runner.stepNow();
    const index = next.services.market.latest(chain.index.id)!;
    expect(await next.services.expirySettlement.settleDue()).toBe(1);
    expect(next.services.state.netQuantity(ACCOUNT_A, held.id, 'NRML')).toBe(0);
    const settlement = next.services.orders.listOrders(ACCOUNT_A).find((each) => each.origin === 'EXPIRY')!;
    expect(settlement.filledValue).toBe(mulPaise(expirySettlementPrice(held, index.previousClose)!, held.lotSize));
  });
});

describe('the catalog with held contracts', () => {
  const config = loadEngineConfig();
  const spots = new Map(Object.entries(config.simulation.underlyings).map(([underlying, params]) => [underlying, params.spot]));
  const chains = buildInstrumentMaster({ specs: config.underlyings, spots, asOf: '2026-12-09', holidays: new Set() });
  const listed = chains[0]!.expiries[0]!.strikes[0]!.call;
  const outside: Instrument = { ...listed, id: 'NFO:NIFTY26D15999900CE' as Instrument['id'], tradingSymbol: 'NIFTY26D15999900CE', displayName: 'NIFTY 15 DEC 9999 CE' };

  it('lists a held contract the chains lack after them, in no chain, and keeps the chain’s own definition of one they have', () => {
    const catalog = new InstrumentCatalog(chains, [outside, { ...listed, lotSize: 1 }]);
    expect(catalog.get(outside.id)).toEqual(outside);
    expect(catalog.all.at(-1)).toEqual(outside);
    expect(catalog.get(listed.id)).toEqual(listed);
    expect(catalog.all.filter((instrument) => instrument.id === listed.id)).toHaveLength(1);
    expect(catalog.chains.flatMap((chain) => chain.expiries.flatMap((series) => series.strikes.map((row) => row.call.id)))).not.toContain(outside.id);
  });

  it('reads remembered definitions: expired ones are not tradable, unreadable ones are left out with a warning', () => {
    const contracts = heldContracts(
      [
        { id: outside.id, expiry: '2026-12-15', definition: outside },
        { id: 'NFO:OLD', expiry: '2026-12-08', definition: { ...outside, id: 'NFO:OLD', expiry: '2026-12-08' } },
        { id: 'NFO:BROKEN', expiry: '2026-12-15', definition: { id: 'NFO:BROKEN', lotSize: 'x' } },
        { id: 'NFO:OTHER', expiry: '2026-12-15', definition: outside },
      ],
      '2026-12-09',
      logger,
    );
    expect(contracts.map((contract) => [contract.id, contract.tradable])).toEqual([
      [outside.id, true],
      ['NFO:OLD', false],
    ]);
    expect(logger.warnings.map((warning) => (warning as { instrumentId: string }).instrumentId)).toEqual(['NFO:BROKEN', 'NFO:OTHER']);
  });
});
