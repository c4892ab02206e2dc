import { describe, expect, it } from 'vitest';
import type { BrokerAccount, BrokerAccountId, UserId } from '@strikedesk/domain';
import { createInputOf, emptyBrokerAccountForm, formFromAccount, updateInputOf } from './broker-account-form.ts';
import { disableConsequence, reconciliationText } from './broker-accounts-text.ts';

const id = '2b1f6f3e-0000-4000-8000-000000000001' as BrokerAccountId;

describe('broker account form', () => {
  it('sends a Zerodha account with its key and secret, and nothing of XTS', () => {
    const form = { ...emptyBrokerAccountForm('KITE'), name: 'Desk', apiKey: 'abc', apiSecret: 'shh', rootUrl: 'https://ignored.example' };
    expect(createInputOf(form)).toEqual({ ok: true, input: { broker: 'KITE', enabled: true, name: 'Desk', apiKey: 'abc', apiSecret: 'shh', apiUrl: null, loginUrl: null, tickerUrl: null } });
  });

  it('puts each refusal beside its field', () => {
    const result = createInputOf({ ...emptyBrokerAccountForm('XTS'), name: 'X', rootUrl: 'http://xts.example.in', interactiveAppKey: 'a', marketDataAppKey: 'b', marketDataSecret: 'c' });
    expect(result).toEqual({
      ok: false,
      errors: { rootUrl: 'XTS root URL must be https://… (http:// only for a server on this machine)', interactiveSecret: 'Interactive secret is required' },
    });
  });

  it('edits an account without its secrets (empty secret fields are not sent), on the version it opened', () => {
    const account = {
      id,
      updatedAt: 1_796_652_559_863,
      name: 'Symphony',
      broker: 'XTS',
      enabled: true,
      apiKey: null,
      rootUrl: 'https://xts.example.in',
      marketDataUrl: null,
      clientId: 'C1',
      interactiveAppKey: 'ia',
      marketDataAppKey: 'md',
    } as BrokerAccount;
    const form = formFromAccount(account);
    expect(form).toMatchObject({ interactiveSecret: '', marketDataSecret: '', clientId: 'C1', apiKey: '' });
    const result = updateInputOf({ ...form, name: 'Symphony 2' }, account);
    expect(result.ok && result.input).toEqual({ broker: 'XTS', id, expectedUpdatedAt: 1_796_652_559_863, name: 'Symphony 2', rootUrl: 'https://xts.example.in', marketDataUrl: null, clientId: 'C1', interactiveAppKey: 'ia', marketDataAppKey: 'md' });
    expect(JSON.stringify(result)).not.toContain('Secret');
  });

  it('says what the last reconciliation found', () => {
    expect(reconciliationText(null)).toBe('Not yet');
    expect(reconciliationText({ eventsRecovered: 0, mismatches: 0, blocked: false })).toBe('In step');
    expect(reconciliationText({ eventsRecovered: 2, mismatches: 0, blocked: false })).toBe('In step (2 missed events recovered)');
    expect(reconciliationText({ eventsRecovered: 0, mismatches: 1, blocked: true })).toBe('1 unexplained difference — new orders blocked');
  });

  it('says before disabling who is cut off from their broker, and that their working orders cannot be cancelled meanwhile', () => {
    const assigned = { name: 'Kite desk', traderIds: [id as unknown as UserId] };
    expect(disableConsequence(assigned, 'alice')).toBe(
      'The engine disconnects Kite desk. alice can no longer trade through it: new orders and cancels of orders already working at the broker are refused until it is enabled again (cancel those at the broker).',
    );
    expect(disableConsequence({ name: 'Spare', traderIds: [] }, '')).toBe('The engine disconnects Spare. No trader is assigned to it.');
  });
});
