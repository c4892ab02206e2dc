import { afterEach, describe, expect, it } from 'vitest';
import { asClientOrderId, asInstrumentId, paise } from '@strikedesk/domain';
import { startXtsHarness, type XtsHarness } from '../fake/fake-xts-harness.ts';

/** The most requests whose arrival times fall within any `windowMs`. */
function mostInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('XtsInteractiveClient rate limits (orders 10/s, order book 1/s)', () => {
  let harness: XtsHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('a burst of 12 placements (a sliced order) reaches XTS at most 10 in any second, every one placed', async () => {
    const running = (harness = await startXtsHarness());
    const slices = Array.from({ length: 12 }, (_, index) =>
      running.client.place({ clientOrderId: asClientOrderId(`rl${process.pid % 1000}s${index}`), instrumentId: asInstrumentId('NFO:NIFTY26DECFUT'), side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: 75, price: paise(2_400_000), triggerPrice: null }),
    );
    const placed = await Promise.all(slices);
    expect(new Set(placed.map((answer) => answer.brokerOrderId)).size).toBe(12);
    const arrivals = running.fake.requests.filter((request) => request.method === 'POST' && request.path === '/interactive/orders').map((request) => request.at);
    expect(arrivals).toHaveLength(12);
    expect(mostInWindow(arrivals, 1_000)).toBeLessThanOrEqual(10);
  });

  it('order book reads asked for together are spaced a second apart', async () => {
    const running = (harness = await startXtsHarness({ pollMs: 600_000 }));
    const before = running.fake.requests.length;
    await Promise.all([running.client.orders(), running.client.orders(), running.client.orders()]);
    const reads = running.fake.requests.slice(before).filter((request) => request.method === 'GET' && request.path === '/interactive/orders').map((request) => request.at);
    expect(reads).toHaveLength(3);
    expect(mostInWindow(reads, 1_000)).toBe(1);
  });
});
