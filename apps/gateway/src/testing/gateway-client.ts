import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../router-type.ts';

/**
 * A tRPC client as the browser would be: a bearer token, and a one-cookie jar that keeps
 * whatever `sd_refresh` the gateway last set (and forgets it when cleared).
 */
export function createGatewayClient(baseUrl: string) {
  const state: { token: string | null; cookie: string | null; lastSetCookie: string | null } = {
    token: null,
    cookie: null,
    lastSetCookie: null,
  };
  const fetchWithJar: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (state.cookie) headers.set('cookie', state.cookie);
    const response = await fetch(input, { ...init, headers });
    for (const setCookie of response.headers.getSetCookie()) {
      state.lastSetCookie = setCookie;
      const [pair = ''] = setCookie.split(';');
      const value = pair.slice(pair.indexOf('=') + 1);
      state.cookie = value ? pair : null;
    }
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        fetch: fetchWithJar,
        headers: () => (state.token ? { authorization: `Bearer ${state.token}` } : {}),
      }),
    ],
  });
  return { trpc, state };
}

export type GatewayClient = ReturnType<typeof createGatewayClient>;

/** Logs in and keeps the token on the client. */
export async function loginAs(client: GatewayClient, username: string, password: string) {
  const session = await client.trpc.auth.login.mutate({ username, password });
  client.state.token = session.accessToken;
  return session;
}

/** The failure a call produced, with its tRPC code and our appCode, for assertions. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; appCode: string; message: string; httpStatus: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data: unknown = error.data;
      const read = (key: string): unknown => (typeof data === 'object' && data !== null && key in data ? (data as Record<string, unknown>)[key] : undefined);
      return { code: String(read('code')), appCode: String(read('appCode')), message: error.message, httpStatus: Number(read('httpStatus')) };
    }
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
