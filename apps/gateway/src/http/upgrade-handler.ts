import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isEngineIoRequest, pathOf, routeLabel } from './request-path.ts';
import type { WebProxy } from './web-proxy.ts';

export type UpgradeHandler = {
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Destroys every upgraded socket still open (shutdown). */
  destroyAll(): void;
};

/**
 * The gateway's `upgrade` listener. An upgraded socket leaves the HTTP server's bookkeeping, so
 * `server.closeAllConnections()` never reaches it and `server.close()` waits for it forever: each
 * one is tracked here until it closes. Every upgrade is either taken (engine.io, web proxy) or
 * destroyed — one nobody answers would hold a file descriptor for as long as the client likes.
 */
export function createUpgradeHandler(proxy: WebProxy): UpgradeHandler {
  const open = new Set<Duplex>();
  return {
    handle(req, socket, head) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      // engine.io's own upgrade listener (registered first) takes exactly these.
      if (isEngineIoRequest(req.url)) return;
      // `/socket.io` without the slash is nobody's; the gateway's own paths (tRPC, REST, webhooks,
      // broker callbacks, health, metrics) are HTTP only and must never reach the web app either —
      // an upgrade there may carry an API key. Only what the request handler proxies is proxied.
      if (routeLabel(pathOf(req)) !== 'web') {
        socket.destroy();
        return;
      }
      proxy.upgrade(req, socket, head);
    },
    destroyAll() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
  };
}
