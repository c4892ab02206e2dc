import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyWSSHandler, type CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineRouter } from '../api/root.ts';
import type { EngineContext } from '../api/trpc.ts';

export type WsServerOptions = {
  host: string;
  port: number;
  router: EngineRouter;
  createContext: (options: CreateWSSContextFnOptions) => EngineContext;
  onError: (details: { path: string | undefined; error: Error }) => void;
  /** A connection not authenticated within this time is closed (default 5 s). */
  authTimeoutMs?: number;
  /** Largest message accepted from a client (default 1 MiB; commands are a few hundred bytes). */
  maxPayloadBytes?: number;
};

/** Close code for a connection that never authenticated (4000-4999: application-defined). */
export const AUTH_TIMEOUT_CLOSE_CODE = 4401;
const DEFAULT_AUTH_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Auth failures and user errors (incl. a resume point past the journal) are traffic, not faults. */
const EXPECTED_ERRORS: ReadonlySet<string> = new Set(['UNAUTHORIZED', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED']);

export type RunningWsServer = { url: string; port: number; close(): Promise<void> };

/** tRPC over WebSocket on a plain http server (which answers anything else with 426). */
export async function startWsServer(options: WsServerOptions): Promise<RunningWsServer> {
  const http = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('tRPC over WebSocket only\n');
  });
  const wss = new WebSocketServer({ server: http, maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES });
  // With `?connectionParams=1` tRPC waits for the params message indefinitely; an unauthenticated
  // socket must not hold a connection (and its buffers) open for as long as it likes.
  const authenticated = new WeakSet<WebSocket>();
  const authTimeoutMs = options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS;
  wss.on('connection', (socket) => {
    let timer = setTimeout(() => {
      if (authenticated.has(socket)) return;
      socket.close(AUTH_TIMEOUT_CLOSE_CODE, 'authentication timeout');
      // A peer that ignores the close frame too would otherwise keep the socket for ws's 30 s.
      timer = setTimeout(() => socket.terminate(), 1_000);
    }, authTimeoutMs);
    socket.once('close', () => clearTimeout(timer));
  });
  const handler = applyWSSHandler({
    wss,
    router: options.router,
    createContext: (contextOptions) => {
      const context = options.createContext(contextOptions); // throws when the token is wrong
      authenticated.add(contextOptions.res);
      return context;
    },
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    onError: ({ path, error }) => {
      if (!EXPECTED_ERRORS.has(error.code)) {
        options.onError({ path, error });
      }
    },
  });
  // ws re-emits the http server's errors on the WebSocketServer; a listen error (port taken) is
  // reported by the promise below, not as an unhandled 'error' event that kills the process.
  wss.on('error', () => undefined);
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
