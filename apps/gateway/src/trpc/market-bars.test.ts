import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bar, InstrumentId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// The chart's history through the gateway, from the ticks the real engine records as its simulated market moves.
let stack: TestStack;
let trader: GatewayClient;
let future: InstrumentId;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'bars-trader', 'trader');
  const [listed] = (await trader.trpc.instruments.search.query({ query: 'NIFTY', limit: 20 })).filter((instrument) => instrument.kind === 'FUTURE');
  if (!listed) throw new Error('no NIFTY future listed');
  future = listed.id;
}, 90_000);
afterAll(async () => {
  await stack?.close();
});

describe('market.bars', () => {
  it('gives the recorded candles, oldest first, each a whole minute apart from the 09:15 IST grid, in paise', async () => {
    const bars = await waitUntil(
      async () => {
        const read = await trader.trpc.market.bars.query({ instrumentId: future, interval: '1m' });
        return read.length > 0 ? read : undefined;
      },
      { message: 'recorded bars', timeoutMs: 20_000 },
    );
    const times = bars.map((bar: Bar) => bar.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // 09:15 IST is a whole minute of UTC (03:45): every 1m bar starts on a whole minute.
    for (const time of times) expect(time % 60_000).toBe(0);
    for (const bar of bars) {
      expect(Number.isInteger(bar.open) && Number.isInteger(bar.close)).toBe(true);
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
    }
    const latest = bars.at(-1)!;
    const [quote] = await trader.trpc.market.quotes.query({ instrumentIds: [future] });
    // The last candle is within a few percent of the live price (the simulated market moves meanwhile).
    expect(Math.abs(latest.close - quote!.lastPrice) / quote!.lastPrice).toBeLessThan(0.05);
  });

  it('refuses an interval it does not chart and an unknown instrument, with their codes', async () => {
    expect(await failureOf(trader.trpc.market.bars.query({ instrumentId: future, interval: '2m' as never }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect(await failureOf(trader.trpc.market.bars.query({ instrumentId: 'NFO:NOSUCH26DECFUT' as InstrumentId, interval: '5m' }))).toMatchObject({ appCode: 'INSTRUMENT_NOT_FOUND' });
  });
});
