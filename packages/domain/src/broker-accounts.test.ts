import { describe, expect, it } from 'vitest';
import { CreateBrokerAccountInputSchema, UpdateBrokerAccountInputSchema } from './broker-accounts.ts';

const messages = (input: unknown, schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } } = CreateBrokerAccountInputSchema) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : (parsed.error?.issues.map((issue) => issue.message) ?? []);
};

const xts = {
  broker: 'XTS',
  name: 'Symphony',
  rootUrl: 'https://xts.broker.in/',
  interactiveAppKey: 'ia',
  interactiveSecret: ' ia-secret ',
  marketDataAppKey: 'md',
  marketDataSecret: 'md-secret',
};

describe('broker account inputs', () => {
  it('take a complete XTS account, trimming the secret and the root URL’s trailing slash', () => {
    expect(CreateBrokerAccountInputSchema.parse({ ...xts, clientId: '', marketDataUrl: '' })).toEqual({
      ...xts,
      rootUrl: 'https://xts.broker.in',
      interactiveSecret: 'ia-secret',
      clientId: null,
      marketDataUrl: null,
      enabled: true,
    });
  });

  it('explain what is wrong in words an admin understands', () => {
    expect(messages({ ...xts, rootUrl: 'http://xts.broker.in' })).toEqual(['XTS root URL must be https://… (http:// only for a server on this machine)']);
    expect(messages({ ...xts, rootUrl: 'https://user:pw@xts.broker.in' })).toHaveLength(1);
    expect(messages({ ...xts, interactiveSecret: '  ' })).toEqual(['Interactive secret is required']);
    expect(messages({ broker: 'KITE', name: ' ', apiKey: 'k k', apiSecret: '' })).toEqual([
      'Name the account (e.g. "Zerodha – desk 1")',
      'Zerodha API key cannot contain spaces',
      'Zerodha API secret is required',
    ]);
    expect(messages({ broker: 'KITE', name: 'K', apiKey: 'k', apiSecret: 's', tickerUrl: 'https://ws.kite.trade' })).toEqual([
      'Kite ticker URL must be wss://… (ws:// only for a server on this machine)',
    ]);
  });

  it('allow plain http only towards this machine, where the broker fakes listen', () => {
    expect(messages({ ...xts, rootUrl: 'http://127.0.0.1:4310' })).toEqual([]);
    expect(messages({ broker: 'SIMULATED_KITE', name: 'Sim', apiUrl: 'http://localhost:5000', tickerUrl: 'ws://127.0.0.1:5001' })).toEqual([]);
  });

  it('need no credentials for a simulated broker', () => {
    expect(CreateBrokerAccountInputSchema.parse({ broker: 'SIMULATED_XTS', name: 'Sim XTS' })).toEqual({ broker: 'SIMULATED_XTS', name: 'Sim XTS', enabled: true });
  });

  it('on update, leave a secret out when it is absent or empty (= keep it)', () => {
    const update = UpdateBrokerAccountInputSchema.parse({ broker: 'KITE', id: '2b1f6f3e-0000-4000-8000-000000000001', name: 'K', apiKey: 'k', apiSecret: '' });
    expect((update as { apiSecret?: string }).apiSecret).toBeUndefined();
  });
});
