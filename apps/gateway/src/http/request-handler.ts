import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_CODES } from '@strikedesk/domain';
import type { GatewayMetrics } from './metrics.ts';
import { metricsRefusal, type MetricsAccess } from './metrics-access.ts';
import { isApiPath, isSocketIoPath, isTrpcPath, pathOf, routeLabel } from './request-path.ts';
import { isCrossSiteBrowserRequest } from './cross-site.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { sendJson } from './send-json.ts';
import type { WebProxy } from './web-proxy.ts';
import type { BrokerHttpHandler } from '../brokers/broker-http.ts';
import { isBrokerPath } from '../brokers/broker-paths.ts';
import { isWebhookPath } from '../webhooks/webhook-handler.ts';
import { isExportPath } from '../exports/tradebook-export.ts';

/**
 * tRPC's error shape (what the web's client reads), for a call another site's page made (see
 * isCrossSiteBrowserRequest). Nothing ran.
 */
const CROSS_SITE_REFUSAL = {
  error: {
    code: -32003,
    message: ERROR_CODES.CROSS_SITE_REQUEST,
    data: { code: 'FORBIDDEN', httpStatus: 403, appCode: 'CROSS_SITE_REQUEST' },
  },
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type PathHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/** Routes plain HTTP: /healthz, /metrics, /trpc/*, /webhooks/*, /brokers/* (Kite login and postbacks), /api/* (REST), /exports/* (downloads), and everything else to the web app. */
export function createRequestHandler(deps: {
  trpc: Handler;
  webhooks: PathHandler;
  rest: PathHandler;
  /** Downloads for the browser (the tradebook as Excel or CSV), authenticated by its access token. */
  exports: PathHandler;
  brokers: BrokerHttpHandler;
  proxy: WebProxy;
  metrics: GatewayMetrics;
  metricsAccess: MetricsAccess;
  health: () => { engineConnected: boolean; version: string; startedAt: number };
  /** The desk is served over HTTPS (PUBLIC_URL https:// or COOKIE_SECURE): answers carry HSTS. */
  tls: boolean;
}): Handler {
  return (req, res) => {
    const path = pathOf(req);
    const route = routeLabel(path);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics.observeRequest(route, req.method ?? 'GET', res.statusCode, seconds);
    });
    applySecurityHeaders(res, { tls: deps.tls });
    if (isTrpcPath(path)) {
      if (isCrossSiteBrowserRequest(req)) {
        req.resume();
        return sendJson(res, 403, CROSS_SITE_REFUSAL);
      }
      return deps.trpc(req, res);
    }
    if (isWebhookPath(path)) return deps.webhooks(req, res, path);
    if (isApiPath(path)) return deps.rest(req, res, path);
    if (isExportPath(path)) return deps.exports(req, res, path);
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
