import { BROKER_LOGIN_RESULT_PARAMS, ERROR_CODES, isErrorCode } from '@strikedesk/domain';

/** What the gateway's Kite callback reported back to the page (docs/contracts.md, "Broker connections"). */
export type BrokerLoginResult = { kind: 'connected'; brokerAccountId: string | null } | { kind: 'error'; code: string; message: string; brokerAccountId: string | null };

/** The outcome in a page's query string, or null when there is none. */
export function readBrokerLoginResult(search: string): BrokerLoginResult | null {
  const params = new URLSearchParams(search);
  const brokerAccountId = params.get(BROKER_LOGIN_RESULT_PARAMS.account);
  const code = params.get(BROKER_LOGIN_RESULT_PARAMS.error);
  if (code !== null) {
    // Only our own codes are explained; anything else in a hand-made link gets the generic text.
    const message = isErrorCode(code) ? ERROR_CODES[code] : ERROR_CODES.BROKER_LOGIN_FAILED;
    return { kind: 'error', code: isErrorCode(code) ? code : 'BROKER_LOGIN_FAILED', message, brokerAccountId };
  }
  if (params.get(BROKER_LOGIN_RESULT_PARAMS.connected) === 'connected') return { kind: 'connected', brokerAccountId };
  return null;
}

/** The same query string without the outcome, so a reload does not show it again. */
export function withoutBrokerLoginResult(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of Object.values(BROKER_LOGIN_RESULT_PARAMS)) params.delete(name);
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}
