import { expect, type APIRequestContext } from '@playwright/test';

/**
 * Direct calls to the gateway's tRPC over HTTP (plain JSON, no batching) for test setup and for
 * choosing instruments from live data. The browser under test never uses these.
 */
type TrpcEnvelope<T> = { result?: { data: T }; error?: { message: string; data?: { appCode?: string } } };

export type ApiInstrument = {
  id: string;
  displayName: string;
  tradingSymbol: string;
  underlying: string;
  kind: 'INDEX' | 'FUTURE' | 'CALL' | 'PUT';
  strike: number | null;
  lotSize: number;
  tickSize: number;
  tradable: boolean;
  expiry: string | null;
};

export type ApiTick = { instrumentId: string; lastPrice: number; bid: number | null; ask: number | null };

async function unwrap<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  const body = (await response.json()) as TrpcEnvelope<T>;
  if (!response.ok() || !body.result) {
    throw new Error(`${what} failed (${response.status()}): ${body.error?.message ?? 'no result'}`);
  }
  return body.result.data;
}

export async function trpcQuery<T>(request: APIRequestContext, token: string | null, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(`/trpc/${path}${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return unwrap<T>(response, path);
}

export async function trpcMutation<T>(request: APIRequestContext, token: string | null, path: string, input?: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, {
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: input === undefined ? {} : input,
  });
  return unwrap<T>(response, path);
}

export async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const session = await trpcMutation<{ accessToken: string }>(request, null, 'auth.login', { username, password });
  expect(session.accessToken).toBeTruthy();
  return session.accessToken;
}

export async function apiCreateUser(
  request: APIRequestContext,
  adminToken: string,
  user: { username: string; password: string; role: 'admin' | 'trader' | 'viewer' },
): Promise<void> {
  await trpcMutation(request, adminToken, 'admin.users.create', user);
}

export const searchInstruments = (request: APIRequestContext, token: string, query: string, limit = 100) =>
  trpcQuery<ApiInstrument[]>(request, token, 'instruments.search', { query, limit });

export const quotes = (request: APIRequestContext, token: string, instrumentIds: string[]) =>
  trpcQuery<ApiTick[]>(request, token, 'market.quotes', { instrumentIds });

/** A MARKET order for whole lots through the API (setup only); returns the order's status. */
export async function apiPlaceMarketOrder(
  request: APIRequestContext,
  token: string,
  order: { instrumentId: string; side: 'BUY' | 'SELL'; quantity: number },
): Promise<{ orderId: string; status: string }> {
  return trpcMutation(request, token, 'orders.place', { ...order, type: 'MARKET', product: 'MIS', price: null, triggerPrice: null });
}

/** A LIMIT BUY 15% under the market (rests OPEN, inside the 20% price band) through the API (setup only). */
export async function apiPlaceRestingBuy(
  request: APIRequestContext,
  token: string,
  instrument: { id: string; lotSize: number; tickSize: number },
): Promise<{ orderId: string; status: string }> {
  const [tick] = await quotes(request, token, [instrument.id]);
  if (!tick) throw new Error(`no quote for ${instrument.id}`);
  const price = Math.max(instrument.tickSize, Math.floor((tick.lastPrice * 0.85) / instrument.tickSize) * instrument.tickSize);
  return trpcMutation(request, token, 'orders.place', {
    instrumentId: instrument.id,
    side: 'BUY',
    type: 'LIMIT',
    product: 'MIS',
    quantity: instrument.lotSize,
    price,
    triggerPrice: null,
  });
}
