import type { IncomingMessage, ServerResponse } from 'node:http';
import { BROKER_LOGIN_RESULT_PARAMS, CompleteKiteLoginInputSchema, type ErrorCode } from '@strikedesk/domain';
import type { BrokerAccountStore } from '@strikedesk/db/client';
import type { UsersRepository } from '@strikedesk/db/identity';
import type { EngineBrokerAccounts } from '../engine/engine-client.ts';
import { toDomainError } from '../engine/engine-errors.ts';
import type { Logger } from '../logger.ts';
import { assertKiteLogin, brokerAccountFor } from './broker-access.ts';
import { redirect, sendBrokerError, sendLoginProblem } from './broker-replies.ts';
import type { KiteLoginState, KiteLoginStates } from './kite-login-state.ts';
import type { SingleUse } from './single-use.ts';

export type KiteCallbackDeps = {
  states: KiteLoginStates;
  singleUse: SingleUse;
  users: Pick<UsersRepository, 'findById'>;
  brokerAccounts: Pick<BrokerAccountStore, 'get'>;
  engine: Pick<EngineBrokerAccounts, 'completeKiteLogin'>;
  logger: Logger;
};

const NO_STATE_MESSAGE = 'This Zerodha login link is not valid, has expired (after 10 minutes) or was already used. Start "Connect Zerodha" again.';

/** The page that started the login, with its outcome as query parameters it shows as a message. */
function returnUrl(state: KiteLoginState, outcome: { connected: true } | { error: ErrorCode }): string {
  const query = new URLSearchParams();
  if ('error' in outcome) query.set(BROKER_LOGIN_RESULT_PARAMS.error, outcome.error);
  else query.set(BROKER_LOGIN_RESULT_PARAMS.connected, 'connected');
  query.set(BROKER_LOGIN_RESULT_PARAMS.account, state.brokerAccountId);
  return `/${state.returnTo}?${query.toString()}`;
}

/**
 * `GET /brokers/kite/callback?request_token=…&action=login&status=success&state=…`: the browser
 * back from Kite's login page. It has no session (it comes from kite.zerodha.com), so the signed
 * state says who started the login; without a valid one nothing reaches the engine. Kite's request
 * token is exchanged by the engine, which alone holds the API secret for the checksum (ADR 0018).
 */
export function createKiteCallback(deps: KiteCallbackDeps) {
  const finish = async (state: KiteLoginState, params: URLSearchParams): Promise<ErrorCode | null> => {
    if (params.get('status') !== 'success') return 'BROKER_LOGIN_FAILED';
    const input = CompleteKiteLoginInputSchema.safeParse({ brokerAccountId: state.brokerAccountId, requestToken: params.get('request_token') ?? '' });
    if (!input.success) return 'BROKER_LOGIN_FAILED';
    try {
      // Checked again: within the state's 10 minutes the trader may have been unassigned or disabled.
      const user = await deps.users.findById(state.userId);
      if (!user || user.disabled) return 'FORBIDDEN_ROLE';
      assertKiteLogin(await brokerAccountFor(deps.brokerAccounts, user, state.brokerAccountId));
      await deps.engine.completeKiteLogin(input.data);
      return null;
    } catch (error) {
      const { code } = toDomainError(error);
      if (code === 'INTERNAL') deps.logger.error({ err: error, brokerAccountId: state.brokerAccountId }, 'kite login could not be completed');
      return code;
    }
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    // Not even HEAD: anything that reads the state spends it.
    if (req.method !== 'GET') {
      req.resume();
      return sendBrokerError(res, 405, 'VALIDATION_FAILED', 'Use GET on this path.', { allow: 'GET' });
    }
    const state = await deps.states.verify(url.searchParams.get('state') ?? '');
    if (!state) {
      deps.logger.warn({ sourceIp: req.socket.remoteAddress }, 'kite login callback without a valid state');
      return sendLoginProblem(req, res, 400, 'BROKER_LOGIN_FAILED', NO_STATE_MESSAGE);
    }
    // Spent before anything else: a replayed callback URL (browser history, a shared link) does nothing.
    if (!(await deps.singleUse.claim(state.nonce, state.expiresAt - Date.now()))) {
      deps.logger.warn({ brokerAccountId: state.brokerAccountId, userId: state.userId }, 'kite login callback replayed');
      return sendLoginProblem(req, res, 400, 'BROKER_LOGIN_FAILED', NO_STATE_MESSAGE);
    }
    const failure = await finish(state, url.searchParams);
    deps.logger.info(
      { brokerAccountId: state.brokerAccountId, userId: state.userId, outcome: failure ?? 'CONNECTED', kiteStatus: url.searchParams.get('status')?.slice(0, 20) ?? null },
      'kite login callback',
    );
    redirect(res, returnUrl(state, failure ? { error: failure } : { connected: true }));
  };
}
