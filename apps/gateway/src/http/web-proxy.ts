import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import type { Logger } from '../logger.ts';
import { sendJson } from './send-json.ts';

/**
 * Headers Next.js reserves for its own internal requests, which a browser never sends: believed
 * when they come from outside, they bypassed its middleware (x-middleware-subrequest,
 * CVE-2025-29927) or poisoned its cache (x-now-route-matches, CVE-2024-46982). Our Next is patched
 * and has no middleware today; the front door still never lets them in.
 */
const NEXT_INTERNAL_HEADERS = ['x-middleware-subrequest', 'x-now-route-matches'] as const;

const withoutNextInternals = (req: IncomingMessage): IncomingMessage => {
  for (const name of NEXT_INTERNAL_HEADERS) delete req.headers[name];
  return req;
};

export type WebProxy = {
  web(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
};

/** Everything that isn't the API goes to the Next.js app (pages, assets, its dev HMR socket). */
export function createWebProxy(webUrl: string | undefined, logger: Logger): WebProxy {
  if (!webUrl) {
    return {
      web: (_req, res) => sendJson(res, 404, { error: 'NOT_FOUND', message: 'No web app is configured on this gateway (WEB_URL is unset).' }),
      upgrade: (_req, socket) => socket.destroy(),
      close: () => undefined,
    };
  }
  const proxy = createProxyServer({ target: webUrl, ws: true, xfwd: true });
  proxy.on('error', (error, _req, res) => {
    logger.warn({ err: error }, 'web proxy error');
    if (res && 'writeHead' in res && !res.headersSent) {
      sendJson(res, 502, { error: 'BAD_GATEWAY', message: 'The web app is not reachable.' });
    } else {
      res?.destroy();
    }
  });
  return {
    web: (req, res) => proxy.web(withoutNextInternals(req), res),
    upgrade: (req, socket, head) => proxy.ws(withoutNextInternals(req), socket, head),
    close: () => proxy.close(),
  };
}
