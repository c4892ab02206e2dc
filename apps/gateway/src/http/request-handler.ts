import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from './metrics.ts';
import { metricsRefusal, type MetricsAccess } from './metrics-access.ts';
import { isApiPath, isSocketIoPath, isTrpcPath, pathOf, routeLabel } from './request-path.ts';
import { sendJson } from './send-json.ts';
import type { WebProxy } from './web-proxy.ts';
import type { BrokerHttpHandler } from '../brokers/broker-http.ts';
import { isBrokerPath } from '../brokers/broker-paths.ts';
import { isWebhookPath } from '../webhooks/webhook-handler.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type PathHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/** Routes plain HTTP: /healthz, /metrics, /trpc/*, /webhooks/*, /brokers/* (Kite login and postbacks), /api/* (REST), and everything else to the web app. */
export function createRequestHandler(deps: {
  trpc: Handler;
  webhooks: PathHandler;
  rest: PathHandler;
  brokers: BrokerHttpHandler;
  proxy: WebProxy;
  metrics: GatewayMetrics;
  metricsAccess: MetricsAccess;
  health: () => { engineConnected: boolean; version: string; startedAt: number };
}): Handler {
  return (req, res) => {
    const path = pathOf(req);
    const route = routeLabel(path);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics.observeRequest(route, req.method ?? 'GET', res.statusCode, seconds);
    });
    if (isTrpcPath(path)) return deps.trpc(req, res);
    if (isWebhookPath(path)) return deps.webhooks(req, res, path);
    if (isApiPath(path)) return deps.rest(req, res, path);
    if (isBrokerPath(path)) return deps.brokers(req, res, path);
    // engine.io takes `/socket.io/...` before this handler runs. What lands here under that name
    // (`/socket.io`, `/socket.io?x`) is nobody's: answer it, never leave the request hanging, and
    // never send it to the web app.
    if (isSocketIoPath(path)) return sendJson(res, 404, { error: 'NOT_FOUND', message: 'Not found.' });
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
      const refusal = metricsRefusal(req, deps.metricsAccess);
      if (refusal) return sendJson(res, refusal.status, { error: refusal.code, message: refusal.message });
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
