import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/send-json.ts';
import { readBody } from './read-body.ts';
import { forwardedClientIp, type ProxyTrust } from '../http/client-ip.ts';
import { receiveWebhook, WEBHOOK_BODY_LIMIT_BYTES, type WebhookIntakeDeps } from './webhook-intake.ts';

/** TradingView posts to `/webhooks/tradingview/<token>`. */
export const WEBHOOK_PATH_PREFIX = '/webhooks/tradingview/';
export const isWebhookPath = (path: string): boolean => path.startsWith('/webhooks/');

/** The HTTP side of the intake: method, body, client address; never throws, never hangs. */
export function createWebhookHandler(deps: WebhookIntakeDeps & { proxyTrust: ProxyTrust }) {
  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const token = path.startsWith(WEBHOOK_PATH_PREFIX) ? path.slice(WEBHOOK_PATH_PREFIX.length) : '';
    if (req.method !== 'POST' || token === '' || token.includes('/')) {
      req.resume();
      return sendJson(res, 404, { error: 'NOT_FOUND', message: 'Not found.' });
    }
    void (async () => {
      const read = await readBody(req, WEBHOOK_BODY_LIMIT_BYTES);
      if (!read.ok && read.reason === 'ABORTED') return; // the sender went away; nothing to answer
      const reply = await receiveWebhook(
        {
          token,
          contentType: req.headers['content-type'],
          body: read.ok ? read.body : null,
          ...(read.ok ? {} : { bodyPrefix: read.prefix }),
          sourceIp: forwardedClientIp(req, deps.proxyTrust),
          now: Date.now(),
        },
        deps,
      );
      sendJson(res, reply.status, reply.body);
    })().catch((error: unknown) => {
      deps.logger.error({ err: error }, 'webhook request failed');
      // Nothing was stored: a 5xx other than 504 makes TradingView send it again.
      if (!res.headersSent) sendJson(res, 503, { error: 'INTERNAL', message: 'The alert could not be stored; TradingView will resend it.' });
    });
  };
}
