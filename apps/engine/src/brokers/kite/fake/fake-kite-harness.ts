import { asClientOrderId, asInstrumentId } from '@strikedesk/domain';
import { KiteClient, type KiteClientOptions } from '../rest/kite-client.ts';
import type { KitePlaceRequest } from '../rest/kite-orders.ts';
import { SkippingClock } from '../rest/kite-clock.ts';
import { KiteRateLimiter, type KiteRateLimiterOptions } from '../rest/rate-limiter.ts';
import { startFakeKiteServer, type FakeKiteOptions, type FakeKiteRequest, type RunningFakeKite } from './fake-kite-server.ts';

/**
 * Tests' wiring: a fake Kite on port 0 and a KiteClient pointed at it, already logged in. By
 * default the client's waits (rate limits, backoff, the placement grace) run on a SkippingClock,
 * so no test sleeps through them; tests about real arrival times pass `realClock: true`.
 */
export type KiteHarness = { fake: RunningFakeKite; client: KiteClient; clock: SkippingClock | null; close(): Promise<void> };

export type KiteHarnessOptions = {
  fake?: FakeKiteOptions;
  client?: Partial<KiteClientOptions>;
  limiter?: KiteRateLimiterOptions;
  realClock?: boolean;
};

export async function startKiteHarness(options: KiteHarnessOptions = {}): Promise<KiteHarness> {
  const fake = await startFakeKiteServer(options.fake);
  const clock = options.realClock ? null : new SkippingClock();
  const rateLimiter = new KiteRateLimiter({ ...(clock ? { clock } : {}), ...options.limiter });
  const client = new KiteClient({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    accessToken: fake.accessToken,
    timeoutMs: 2_000,
    rateLimiter,
    ...(clock ? { clock } : {}),
    ...options.client,
  });
  return { fake, client, clock, close: () => fake.close() };
}

/** The requests the fake received for one method and path pattern. */
export const requestsTo = (fake: RunningFakeKite, method: string, path: RegExp): FakeKiteRequest[] =>
  fake.requests.filter((request) => request.method === method && path.test(request.path));

let placed = 0;
/** A placement stub: one lot of NIFTY's monthly 24000 CE at market, with a fresh client order id. */
export const placeRequest = (over: Partial<KitePlaceRequest> = {}): KitePlaceRequest => ({
  clientOrderId: asClientOrderId(`t-${++placed}`),
  instrumentId: asInstrumentId('NFO:NIFTY26DEC24000CE'),
  side: 'BUY',
  type: 'MARKET',
  product: 'NRML',
  quantity: 65,
  price: null,
  triggerPrice: null,
  ...over,
});

/** The largest number of requests in any window of `windowMs` (arrival times in ms, any order). */
export function maxRequestsInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
