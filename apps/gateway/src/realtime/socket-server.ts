import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { AccessTokens } from '../auth/access-token.ts';
import type { SessionRevocations } from '../auth/session-revocations.ts';
import type { EngineClient } from '../engine/engine-client.ts';
import type { Logger } from '../logger.ts';
import { createChainRooms } from './chain-rooms.ts';
import { handleChainSubscriptions } from './chain-subscriptions.ts';
import { startFanOut } from './fan-out.ts';
import { handleInstrumentSubscriptions } from './instrument-subscriptions.ts';
import { socketAuth } from './socket-auth.ts';
import { accountRoom, userRoom, type GatewayIo } from './socket-events.ts';
import { disconnectAtTokenExpiry } from './socket-expiry.ts';
import { disconnectRevokedSockets, isSocketRevoked } from './socket-revocation.ts';

export const SOCKET_PATH = '/socket.io';

/** What the API needs from the live side: ending a user's sockets when their session changes. */
export type LiveSessions = {
  /**
   * Disconnects every socket of the user, whichever of their trading accounts it follows, on every
   * gateway (the Redis adapter relays it). The clients reconnect with whatever access token they
   * hold now — or cannot, when it is gone.
   */
  disconnectUser(userId: string): void;
};

export type SocketServer = LiveSessions & {
  io: GatewayIo;
  /**
   * Hooks socket.io into the HTTP server. Separate from creation so the API (which needs
   * LiveSessions) can be built first: engine.io wraps the server's request listeners present at
   * attach time, so the request handler must already be there.
   */
  attach(httpServer: HttpServer): void;
  close(): Promise<void>;
};

export function createSocketServer(deps: {
  accessTokens: AccessTokens;
  revocations: Pick<SessionRevocations, 'isRevoked' | 'onRevoked'>;
  engine: EngineClient;
  logger: Logger;
  redisUrl: string | undefined;
}): SocketServer {
  const io: GatewayIo = new Server({
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

  io.use(socketAuth(deps));
  const stopRevocations = disconnectRevokedSockets(io, deps.revocations);
  const chainRooms = createChainRooms(io, deps.engine.chains);
  io.on('connection', (socket) => {
    if (isSocketRevoked(socket, deps.revocations)) {
      socket.disconnect(true);
      return;
    }
    void socket.join([accountRoom(socket.data.user.accountId), userRoom(socket.data.user.userId)]);
    disconnectAtTokenExpiry(socket);
    handleInstrumentSubscriptions(socket, deps.engine.ticks);
    handleChainSubscriptions(socket, { engine: deps.engine, rooms: chainRooms });
    socket.on('error', (error) => deps.logger.debug({ err: error }, 'socket error'));
  });
  const stopFanOut = startFanOut(io, deps.engine);
  let attached = false;

  return {
    io,
    attach(httpServer) {
      io.attach(httpServer);
      attached = true;
    },
    disconnectUser(userId) {
      io.in(userRoom(userId)).disconnectSockets(true);
    },
    async close() {
      stopFanOut();
      stopRevocations();
      // local: through the Redis adapter a plain disconnectSockets would end every gateway's sockets.
      io.local.disconnectSockets(true);
      // Not io.close(): that also closes the http server, which the gateway owns and closes itself.
      if (attached) io.engine.close();
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
    },
  };
}
