import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { AccessTokens } from '../auth/access-token.ts';
import type { EngineClient } from '../engine/engine-client.ts';
import type { Logger } from '../logger.ts';
import { startFanOut } from './fan-out.ts';
import { handleInstrumentSubscriptions } from './instrument-subscriptions.ts';
import { socketAuth } from './socket-auth.ts';
import { accountRoom, type GatewayIo } from './socket-events.ts';

export const SOCKET_PATH = '/socket.io';

export type SocketServer = { io: GatewayIo; close(): Promise<void> };

export function createSocketServer(
  httpServer: HttpServer,
  deps: { accessTokens: AccessTokens; engine: EngineClient; logger: Logger; redisUrl: string | undefined },
): SocketServer {
  const io: GatewayIo = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Other upgrades on this server (proxied to the web app) must not be cut by engine.io.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
  });

  const redisClients: Redis[] = [];
  if (deps.redisUrl) {
    const pub = new Redis(deps.redisUrl, { lazyConnect: false });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', (error) => deps.logger.warn({ err: error }, 'socket.io redis error'));
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub));
  }

  io.use(socketAuth(deps.accessTokens));
  io.on('connection', (socket) => {
    void socket.join(accountRoom(socket.data.user.accountId));
    handleInstrumentSubscriptions(socket, deps.engine.ticks);
    socket.on('error', (error) => deps.logger.debug({ err: error }, 'socket error'));
  });
  const stopFanOut = startFanOut(io, deps.engine);

  return {
    io,
    async close() {
      stopFanOut();
      io.disconnectSockets(true);
      // Not io.close(): that also closes the http server, which the gateway owns and closes itself.
      io.engine.close();
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
    },
  };
}
