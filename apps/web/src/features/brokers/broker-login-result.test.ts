import { describe, expect, it } from 'vitest';
import { readBrokerLoginResult, withoutBrokerLoginResult } from './broker-login-result.ts';

describe('broker login result', () => {
  it('reads what the callback reported', () => {
    expect(readBrokerLoginResult('?broker=connected&broker_account=b1')).toEqual({ kind: 'connected', brokerAccountId: 'b1' });
    expect(readBrokerLoginResult('?broker_error=BROKER_LOGIN_FAILED&broker_account=b1')).toMatchObject({
      kind: 'error',
      code: 'BROKER_LOGIN_FAILED',
      message: expect.stringContaining('did not complete'),
    });
    expect(readBrokerLoginResult('?broker_error=ENGINE_UNAVAILABLE')).toMatchObject({ code: 'ENGINE_UNAVAILABLE', brokerAccountId: null });
    expect(readBrokerLoginResult('')).toBeNull();
    expect(readBrokerLoginResult('?broker=maybe')).toBeNull();
  });

  it('explains only our own codes', () => {
    expect(readBrokerLoginResult('?broker_error=<script>')).toMatchObject({ code: 'BROKER_LOGIN_FAILED', message: expect.stringContaining('did not complete') });
  });

  it('drops the outcome from the address, keeping the rest', () => {
    expect(withoutBrokerLoginResult('?broker=connected&broker_account=b1')).toBe('');
    expect(withoutBrokerLoginResult('?tab=x&broker_error=BROKER_LOGIN_FAILED')).toBe('?tab=x');
  });
});
