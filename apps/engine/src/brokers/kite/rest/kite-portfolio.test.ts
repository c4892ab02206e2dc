import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asClientOrderId, asInstrumentId, paise } from '@strikedesk/domain';
import { requestsTo, startKiteHarness, type KiteHarness } from '../fake/fake-kite-harness.ts';

/** Positions, margins and basket margins against the fake Kite, in paise. */
const CE = asInstrumentId('NFO:NIFTY26DEC24000CE');
const PE = asInstrumentId('NFO:NIFTY26DEC23800PE');

let h: KiteHarness;
beforeEach(async () => {
  h = await startKiteHarness({ fake: { cash: 10_000_000 } });
});
afterEach(async () => h.close());

const trade = (id: string, side: 'BUY' | 'SELL', quantity: number, instrumentId = CE) =>
  h.client.placeOrder({ clientOrderId: asClientOrderId(id), instrumentId, side, type: 'MARKET', product: 'NRML', quantity, price: null, triggerPrice: null });

describe('positions', () => {
  it('maps net and day positions with money in paise', async () => {
    h.fake.setMarketPrice(CE, 10_000);
    await trade('p1', 'BUY', 130);
    h.fake.setMarketPrice(CE, 10_505);
    await trade('p2', 'SELL', 65);
    const { net, day } = await h.client.positions();
    expect(net).toHaveLength(1);
    expect(net[0]).toMatchObject({
      instrumentId: CE,
      product: 'NRML',
      netQuantity: 65,
      averagePrice: 10_000,
      lastPrice: 10_505,
      buyQuantity: 130,
      buyValue: 1_300_000,
      sellQuantity: 65,
      sellValue: 682_825,
      realised: 32_825,
      // (682,825 − 1,300,000) + 65 × 10,505
      pnl: 65_650,
    });
    expect(day[0]).toMatchObject({ instrumentId: CE, netQuantity: 65, dayBuyQuantity: 130, daySellQuantity: 65 });
  });
});

describe('margins', () => {
  it("maps the user's segment margins", async () => {
    h.fake.setMarketPrice(CE, 10_000);
    await trade('m1', 'BUY', 65);
    const margins = await h.client.margins();
    expect(margins.equity).toMatchObject({
      enabled: true,
      net: 10_000_000 - 650_000,
      available: { cash: 10_000_000, openingBalance: 10_000_000, liveBalance: 9_350_000 },
      utilised: { optionPremium: 650_000, debits: 650_000 },
    });
    expect(margins.commodity?.net).toBe(0);
  });

  it('asks basket margins with a JSON body and maps initial, final and per-leg margins', async () => {
    h.fake.setMarketPrice(CE, 10_000);
    const basket = await h.client.basketMargins([
      { instrumentId: CE, side: 'SELL', type: 'LIMIT', product: 'NRML', quantity: 65, price: paise(10_000), triggerPrice: null },
      { instrumentId: PE, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null },
    ]);
    const [sent] = requestsTo(h.fake, 'POST', /^\/margins\/basket$/);
    expect(sent?.headers.contentType).toBe('application/json');
    expect(sent?.query).toEqual({ consider_positions: ['true'] });
    expect(sent?.body).toEqual([
      { exchange: 'NFO', tradingsymbol: 'NIFTY26DEC24000CE', transaction_type: 'SELL', variety: 'regular', product: 'NRML', order_type: 'LIMIT', quantity: 65, price: 100, trigger_price: 0 },
      { exchange: 'NFO', tradingsymbol: 'NIFTY26DEC23800PE', transaction_type: 'BUY', variety: 'regular', product: 'NRML', order_type: 'MARKET', quantity: 65, price: 0, trigger_price: 0 },
    ]);
    expect(basket.orders.map((o) => o.instrumentId)).toEqual([CE, PE]);
    expect(basket.initial.instrumentId).toBeNull();
    // The short leg blocks SPAN; the hedged basket needs less; the premium received shows negative in `final`.
    expect(basket.orders[0]?.span).toBeGreaterThan(0);
    expect(basket.final.span).toBeLessThan(basket.initial.span);
    expect(basket.final.optionPremium).toBeLessThan(0);
    expect(basket.initial.total).toBe(basket.initial.span + basket.initial.exposure + basket.initial.optionPremium);
    expect(basket.charges).toBeGreaterThan(0);
  });
});
