import { describe, expect, it } from 'vitest';
import type { TradingAccount, TradingAccountBroker } from '@strikedesk/domain';
import { accountDot, accountLabel, accountOptionLabel, accountStatusText } from './trading-account-text.ts';

const paper = { id: '00000000-0000-4000-8000-000000000001', name: 'asha (paper)', kind: 'paper', brokerAccount: null } as TradingAccount;
const broker: TradingAccountBroker = {
  id: '00000000-0000-4000-8000-0000000000b1' as TradingAccountBroker['id'],
  name: 'Zerodha desk',
  broker: 'KITE',
  enabled: true,
  connection: 'CONNECTED',
  statusMessage: null,
  lastTickAt: null,
  lastReconciledAt: null,
  lastReconciliation: null,
};
const live = (overrides: Partial<TradingAccountBroker> | null): TradingAccount =>
  ({ id: '00000000-0000-4000-8000-000000000002', name: 'Zerodha desk', kind: 'live', brokerAccount: overrides === null ? null : { ...broker, ...overrides } }) as TradingAccount;

describe('trading account text', () => {
  it('names paper "Paper" and a live account by its broker account', () => {
    expect(accountLabel(paper)).toBe('Paper');
    expect(accountLabel(live({}))).toBe('Zerodha desk');
    expect(accountLabel(live(null))).toBe('Zerodha desk (detached)');
  });

  it('is green only when a live account can take orders', () => {
    expect(accountDot(paper)).toBe('paper');
    expect(accountDot(live({}))).toBe('ok');
    expect(accountDot(live({ connection: 'SESSION_EXPIRED' }))).toBe('warning');
    expect(accountDot(live({ connection: 'NEVER_CONNECTED' }))).toBe('down');
    expect(accountDot(live({ enabled: false }))).toBe('down');
    expect(accountDot(live(null))).toBe('down');
  });

  it('says why a live account is not connected', () => {
    expect(accountStatusText(live({ connection: 'ERROR', statusMessage: 'Kite refused the token' }))).toBe('Live through Zerodha desk: not connected (Kite refused the token)');
    expect(accountOptionLabel(live({ connection: 'DISCONNECTED' }))).toBe('Zerodha desk — live, not connected');
    expect(accountOptionLabel(live({}))).toBe('Zerodha desk — live');
  });
});
