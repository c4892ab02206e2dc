import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from './metrics.ts';
import { isSocketIoPath, isTrpcPath, pathOf, routeLabel } from './request-path.ts';
import { sendJson } from './send-json.ts';
import type { WebProxy } from './web-proxy.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Routes plain HTTP: /healthz, /metrics, /trpc/*, and everything else to the web app. */
export function createRequestHandler(deps: {
  trpc: Handler;
  proxy: WebProxy;
  metrics: GatewayMetrics;
  health: () => { engineConnected: boolean; version: string; startedAt: number };
}): Handler {
  return (req, res) => {
    const path = pathOf(req);
    // engine.io answers its own path before this handler runs; a request landing here under
    // /socket.io is one it refused, so don't send it to the web app.
    if (isSocketIoPath(path)) return;
    const route = routeLabel(path);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics.observeRequest(route, req.method ?? 'GET', res.statusCode, seconds);
    });
    if (isTrpcPath(path)) return deps.trpc(req, res);
    if (path === '/healthz') {
      const health = deps.health();
      return sendJson(res, 200, {
        status: health.engineConnected ? 'ok' : 'degraded',
        engineConnected: health.engineConnected,
        version: health.version,
        uptimeSeconds: Math.round((Date.now() - health.startedAt) / 1000),
      });
    }
    if (path === '/metrics') {
      deps.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
          res.end(text);
        },
        () => sendJson(res, 500, { error: 'INTERNAL', message: 'metrics unavailable' }),
      );
      return;
    }
    deps.proxy.web(req, res);
  };
}
