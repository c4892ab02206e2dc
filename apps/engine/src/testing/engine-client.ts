import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from '@trpc/client';
import { WebSocket } from 'ws';
import type { EngineRouter } from '../router-type.ts';
import { TEST_TOKEN } from './test-token.ts';

/** A tRPC client on an engine's WebSocket, as the gateway connects; `close` ends the socket. */
export function connectEngine(url: string): { client: TRPCClient<EngineRouter>; close(): void } {
  const wsClient = createWSClient({ url, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, connectionParams: { token: TEST_TOKEN }, retryDelayMs: () => 50 });
  return { client: createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] }), close: () => void wsClient.close() };
}
