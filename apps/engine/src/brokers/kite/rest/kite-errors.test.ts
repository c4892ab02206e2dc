import { describe, expect, it } from 'vitest';
import { DomainError } from '@strikedesk/domain';
import { isOutcomeUnknown, kiteErrorDetails, kiteResponseError, kiteTransportError } from './kite-errors.ts';

const answer = (httpStatus: number, errorType: string | null, brokerMessage: string | null = 'message from Kite') =>
  kiteResponseError({ httpStatus, errorType, brokerMessage, raw: { status: 'error', error_type: errorType, message: brokerMessage } });

describe('Kite errors → our codes', () => {
  it.each([
    [403, 'TokenException', 'BROKER_SESSION_EXPIRED', 'refused'],
    [400, 'InputException', 'BROKER_INPUT_REJECTED', 'refused'],
    [400, 'OrderException', 'BROKER_ORDER_REJECTED', 'refused'],
    [400, 'MarginException', 'BROKER_ORDER_REJECTED', 'refused'],
    [400, 'HoldingException', 'BROKER_ORDER_REJECTED', 'refused'],
    [403, 'PermissionException', 'BROKER_PERMISSION_DENIED', 'refused'],
    [400, 'UserException', 'BROKER_PERMISSION_DENIED', 'refused'],
    [503, 'NetworkException', 'BROKER_UNAVAILABLE', 'unknown'],
    [502, 'DataException', 'BROKER_UNAVAILABLE', 'unknown'],
    [500, 'GeneralException', 'BROKER_UNAVAILABLE', 'unknown'],
    [500, 'SomeNewException', 'BROKER_UNAVAILABLE', 'unknown'],
    // A 5xx is never a refusal, whatever exception it names: the OMS may hold the order.
    [504, 'OrderException', 'BROKER_UNAVAILABLE', 'unknown'],
    [500, 'InputException', 'BROKER_UNAVAILABLE', 'unknown'],
    // 429 wins over whatever exception name its (undocumented) body carries.
    [429, 'NetworkException', 'BROKER_RATE_LIMITED', 'refused'],
    [429, null, 'BROKER_RATE_LIMITED', 'refused'],
    [403, null, 'BROKER_SESSION_EXPIRED', 'refused'],
    [504, null, 'BROKER_UNAVAILABLE', 'unknown'],
    [400, null, 'BROKER_INPUT_REJECTED', 'refused'],
  ])('%s %s → %s (%s)', (status, errorType, code, outcome) => {
    const error = answer(status, errorType);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(kiteErrorDetails(error)).toMatchObject({ outcome, source: 'server', httpStatus: status, errorType });
    expect(isOutcomeUnknown(error)).toBe(outcome === 'unknown');
  });

  it("keeps Kite's own words for rejections, and the raw payload for debugging", () => {
    const error = answer(400, 'OrderException', 'Insufficient funds. Required margin is 95417.84.');
    expect(error.message).toBe('The broker rejected the order: Insufficient funds. Required margin is 95417.84.');
    expect(kiteErrorDetails(error)?.raw).toEqual({ status: 'error', error_type: 'OrderException', message: 'Insufficient funds. Required margin is 95417.84.' });
  });

  it('says a session ended in our words, not Kite\'s', () => {
    expect(answer(403, 'TokenException', 'Incorrect `api_key` or `access_token`.').message).toMatch(/Reconnect the broker account/);
  });

  it('treats a timeout or reset as an unknown outcome', () => {
    const error = kiteTransportError(new TypeError('fetch failed'), { method: 'POST', path: '/orders/regular', timedOut: true });
    expect(error.code).toBe('BROKER_UNAVAILABLE');
    expect(kiteErrorDetails(error)).toMatchObject({ outcome: 'unknown', source: 'network', raw: 'timed out' });
    expect(isOutcomeUnknown(new Error('not ours'))).toBe(true);
  });
});
