import type { IncomingMessage, ServerResponse } from 'node:http';
import { BrokerAccountIdSchema, logsInThroughKite } from '@strikedesk/domain';
import type { BrokerAccountStore } from '@strikedesk/db/client';
import type { EngineBrokerAccounts } from '../engine/engine-client.ts';
import { toDomainError } from '../engine/engine-errors.ts';
import { sendJson } from '../http/send-json.ts';
import type { Logger } from '../logger.ts';
import { httpStatusOf } from '../rest/rest-reply.ts';
import { readBody } from '../webhooks/read-body.ts';
import { sendBrokerError } from './broker-replies.ts';

/** Kite's postbacks are one order's JSON, a few hundred bytes; 64 KB is generous and bounded. */
export const KITE_POSTBACK_BODY_LIMIT_BYTES = 64 * 1024;

export type KitePostbackDeps = {
  brokerAccounts: Pick<BrokerAccountStore, 'get'>;
  engine: Pick<EngineBrokerAccounts, 'kitePostback'>;
  logger: Logger;
};

const isJsonObject = (text: string): boolean => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};

/**
 * `POST /brokers/kite/postback/<broker account id>`: Kite's order update, passed to the engine as
 * the raw text it arrived as — the engine checks its checksum with the account's API secret, which
 * the gateway cannot read (ADR 0018). Never throws, never hangs, whatever arrives.
 */
export function createKitePostback(deps: KitePostbackDeps) {
  const notFound = (res: ServerResponse) => sendBrokerError(res, 404, 'BROKER_ACCOUNT_NOT_FOUND');

  return async (req: IncomingMessage, res: ServerResponse, idText: string): Promise<void> => {
    if (req.method !== 'POST') {
      req.resume();
      return sendBrokerError(res, 405, 'VALIDATION_FAILED', 'Use POST on this path.', { allow: 'POST' });
    }
    const id = BrokerAccountIdSchema.safeParse(idText);
    if (!id.success) {
      req.resume();
      return notFound(res);
    }
    const read = await readBody(req, KITE_POSTBACK_BODY_LIMIT_BYTES);
    if (!read.ok && read.reason === 'ABORTED') return; // the sender went away; nothing to answer
    if (!read.ok) return sendBrokerError(res, 413, 'VALIDATION_FAILED', 'A postback is at most 64 KB.');
    if (!isJsonObject(read.body)) {
      deps.logger.warn({ brokerAccountId: id.data, bodyPrefix: read.body.slice(0, 200) }, 'kite postback refused: not a JSON object');
      return sendBrokerError(res, 400, 'VALIDATION_FAILED', 'A Kite postback is a JSON object.');
    }
    try {
      // Only Kite-speaking accounts take postbacks: anything else is answered as unknown.
      const account = await deps.brokerAccounts.get(id.data);
      if (!logsInThroughKite(account.broker)) return notFound(res);
      await deps.engine.kitePostback({ brokerAccountId: id.data, body: read.body });
      deps.logger.info({ brokerAccountId: id.data }, 'kite postback accepted');
      return sendJson(res, 200, { status: 'ok' }, { 'cache-control': 'no-store' });
    } catch (error) {
      // Kite posts once and never resends: a refusal's status is for our logs and for whoever probes.
      const failure = toDomainError(error);
      const status = httpStatusOf(failure.code); // FORGED 403, NOT_FOUND 404, ENGINE_UNAVAILABLE 503, as over tRPC
      if (failure.code === 'BROKER_POSTBACK_FORGED') deps.logger.warn({ brokerAccountId: id.data, sourceIp: req.socket.remoteAddress }, 'kite postback refused: forged checksum');
      else if (status >= 500) deps.logger.warn({ err: error, brokerAccountId: id.data }, 'kite postback not delivered to the engine');
      return sendBrokerError(res, status, failure.code, failure.code === 'INTERNAL' ? undefined : failure.message);
    }
  };
}

