import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '@strikedesk/gateway/router';

export type GatewayClient = ReturnType<typeof createGatewayClient>;

/** Plain-JSON tRPC over HTTP to the gateway, which is this page's own origin. */
export function createGatewayClient(getAccessToken: () => string | null) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: '/trpc',
        headers: () => {
          const token = getAccessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        // The refresh token is an httpOnly cookie scoped to /trpc; same-origin sends it.
        fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
}
