import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyWSSHandler, type CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import type { EngineRouter } from '../api/root.ts';
import type { EngineContext } from '../api/trpc.ts';

export type WsServerOptions = {
  host: string;
  port: number;
  router: EngineRouter;
  createContext: (options: CreateWSSContextFnOptions) => EngineContext;
  onError: (details: { path: string | undefined; error: Error }) => void;
};

export type RunningWsServer = { url: string; port: number; close(): Promise<void> };

/** tRPC over WebSocket on a plain http server (which answers anything else with 426). */
export async function startWsServer(options: WsServerOptions): Promise<RunningWsServer> {
  const http = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('tRPC over WebSocket only\n');
  });
  const wss = new WebSocketServer({ server: http });
  const handler = applyWSSHandler({
    wss,
    router: options.router,
    createContext: options.createContext,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    onError: ({ path, error }) => {
      // Auth failures and user errors are expected traffic, not faults worth an error log.
      if (error.code !== 'UNAUTHORIZED' && error.code !== 'BAD_REQUEST' && error.code !== 'NOT_FOUND' && error.code !== 'CONFLICT') {
        options.onError({ path, error });
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://${options.host}:${port}`,
    port,
    async close() {
      // Tell clients to reconnect elsewhere/later, then drop them: wss.close() alone leaves them open.
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
