import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';
import { KITE_CALLBACK_PATH, KITE_POSTBACK_PREFIX } from './broker-paths.ts';
import { sendBrokerError } from './broker-replies.ts';
import { createKiteCallback, type KiteCallbackDeps } from './kite-callback.ts';
import { createKitePostback, type KitePostbackDeps } from './kite-postback.ts';

export type BrokerHttpHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/** The gateway's plain-HTTP broker routes (no session: browsers back from Kite, and Kite itself). */
export function createBrokerHttpHandler(deps: KiteCallbackDeps & KitePostbackDeps & { logger: Logger }): BrokerHttpHandler {
  const callback = createKiteCallback(deps);
  const postback = createKitePostback(deps);
  return (req, res, path) => {
    const handled =
      path === KITE_CALLBACK_PATH
        ? callback(req, res, new URL(req.url ?? '/', 'http://gateway.invalid'))
        : path.startsWith(KITE_POSTBACK_PREFIX) && !path.slice(KITE_POSTBACK_PREFIX.length).includes('/')
          ? postback(req, res, path.slice(KITE_POSTBACK_PREFIX.length))
          : null;
    if (!handled) {
      req.resume();
      return sendBrokerError(res, 404, 'VALIDATION_FAILED', 'Not found.');
    }
    handled.catch((error: unknown) => {
      deps.logger.error({ err: error, path }, 'broker request failed');
      if (!res.headersSent) sendBrokerError(res, 500, 'INTERNAL');
      else res.destroy();
    });
  };
}
