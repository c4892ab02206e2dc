import { afterEach, describe, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';
import type { PlaceOrderInput, Product } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import type { EngineRouter } from '../router-type.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, startTestEngine, TEST_TOKEN, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** 2026-12-09 (a Wednesday) and 2026-12-12 (a Saturday) at hh:mm IST. */
const wednesday = (hours: number, minutes: number): number => Date.UTC(2026, 11, 9, hours - 5, minutes - 30);
const saturday = (hours: number, minutes: number): number => Date.UTC(2026, 11, 12, hours - 5, minutes - 30);

async function start(clock: ManualClock, env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const engine: RunningEngine = await startTestEngine(database, clock, { env });
  cleanups.push(() => engine.close());
  const wsClient = createWSClient({ url: engine.url, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, connectionParams: { token: TEST_TOKEN } });
  cleanups.push(() => wsClient.close());
  const future = engine.services.catalog.chains[0]!.future;
  /** A new one-lot MARKET buy of the future: what the order checks make of it now. */
  const buy = async (product: Product) => {
    const order = await engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product, quantity: future.lotSize, price: null, triggerPrice: null } as PlaceOrderInput,
    });
    return order.status === 'DENIED' ? order.reasonCode : 'SENT';
  };
  return { client: createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] }), buy };
}

describe('market.session', () => {
  it('follows the engine clock through the MIS cut-off and the close, and says what the order checks then do', async () => {
    const clock = new ManualClock(wednesday(15, 5));
    const { client, buy } = await start(clock, { MARKET_ALWAYS_OPEN: 'false', INTRADAY_SQUARE_OFF_IST: '15:15' });
    expect(await client.market.session.query()).toEqual({
      at: wednesday(15, 5),
      closed: null,
      alwaysOpen: false,
      hours: { opens: '09:15', closes: '15:30' },
      intradaySquareOff: { at: '15:15', passed: false },
    });
    expect(await buy('MIS')).toBe('SENT');

    clock.time = wednesday(15, 15);
    expect((await client.market.session.query()).intradaySquareOff).toEqual({ at: '15:15', passed: true });
    expect([await buy('MIS'), await buy('NRML')]).toEqual(['INTRADAY_CUTOFF', 'SENT']);

    clock.time = wednesday(15, 30);
    expect((await client.market.session.query()).closed).toBe('AFTER_CLOSE');
    expect(await buy('NRML')).toBe('MARKET_CLOSED');

    clock.time = saturday(11, 0);
    expect((await client.market.session.query()).closed).toBe('WEEKEND');

    // Christmas 2026, a Friday: on the NSE holiday list in apps/engine/config/exchange-calendar.json.
    clock.time = Date.UTC(2026, 11, 25, 6, 0);
    expect((await client.market.session.query()).closed).toBe('HOLIDAY');
    expect(await buy('NRML')).toBe('MARKET_CLOSED');
  });

  it('says always open, with no cut-off, in the sandbox default', async () => {
    const { client, buy } = await start(new ManualClock(saturday(22, 0)));
    const session = await client.market.session.query();
    expect([session.closed, session.alwaysOpen, session.intradaySquareOff]).toEqual([null, true, null]);
    expect(await buy('MIS')).toBe('SENT');
  });
});
