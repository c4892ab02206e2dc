import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from '@trpc/client';
import WebSocket from 'ws';
import type { EngineRouter } from '@strikedesk/engine/router';
import type { Logger } from '../logger.ts';

export type EngineTrpcClient = TRPCClient<EngineRouter>;

export type EngineConnection = {
  client: EngineTrpcClient;
  isConnected(): boolean;
  /** Called with every change of connectivity; returns an unsubscribe function. */
  onConnectedChange(listener: (connected: boolean) => void): () => void;
  /** Resolves once connected, or rejects when the signal aborts. */
  waitUntilConnected(signal: AbortSignal): Promise<void>;
  /** Test hook: drops the socket as a network failure would; the client reconnects by itself. */
  dropSocket(): void;
  close(): Promise<void>;
};

// Reconnect quickly at first (a restarting engine is back within a second), then back off to 5 s
// so a long outage doesn't hammer it.
const backoff = (attempt: number): number => Math.min(250 * 2 ** attempt, 5_000);

export function createEngineConnection(options: { url: string; token: string; logger: Logger }): EngineConnection {
  const listeners = new Set<(connected: boolean) => void>();
  let connected = false;
  const setConnected = (next: boolean) => {
    if (next === connected) return;
    connected = next;
    options.logger.info({ engineUrl: options.url, connected }, next ? 'engine connected' : 'engine disconnected');
    for (const listener of listeners) listener(next);
  };

  const wsClient = createWSClient({
    url: options.url,
    // Node 20 has no global WebSocket; `ws` implements the same browser interface.
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: { token: options.token },
    retryDelayMs: backoff,
    // Without pings a half-open TCP connection (engine host gone) would look connected forever.
    keepAlive: { enabled: true, intervalMs: 5_000, pongTimeoutMs: 2_000 },
  });
  const stateSubscription = wsClient.connectionState.subscribe({
    next: (state) => setConnected(state.state === 'pending'),
  });

  return {
    client: createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] }),
    isConnected: () => connected,
    onConnectedChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitUntilConnected(signal) {
      if (connected) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          listeners.delete(onChange);
          signal.removeEventListener('abort', onAbort);
        };
        const onChange = (next: boolean) => {
          if (!next) return;
          done();
          resolve();
        };
        const onAbort = () => {
          done();
          reject(signal.reason);
        };
        listeners.add(onChange);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    dropSocket() {
      wsClient.connection?.ws?.close();
    },
    async close() {
      stateSubscription.unsubscribe();
      listeners.clear();
      await wsClient.close();
      connected = false;
    },
  };
}
