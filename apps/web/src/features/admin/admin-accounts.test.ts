import { describe, expect, it } from 'vitest';
import type { TradingAccount } from '@strikedesk/domain';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { accountNamer, accountOptions, adminAccounts } from './admin-accounts.ts';

const paper = (id: string, username: string) => ({ id, name: `${username} (paper)`, kind: 'paper', brokerAccount: null }) as TradingAccount;
const live = (id: string, brokerName: string | null) =>
  ({ id, name: 'Kite desk', kind: 'live', brokerAccount: brokerName === null ? null : { name: brokerName } }) as TradingAccount;
const user = (userId: string, username: string, accounts: TradingAccount[]): AdminUser => ({
  userId,
  username,
  role: 'trader',
  accountId: accounts[0]?.id ?? '',
  accounts,
  createdAt: 0,
  disabled: false,
  disabledAt: null,
  mustChangePassword: false,
});

const users = [
  user('u-bob', 'bob', [paper('a-bob', 'bob')]),
  user('u-alice', 'alice', [paper('a-alice', 'alice'), live('a-alice-kite', 'Kite desk'), live('a-alice-old', null)]),
];

describe('admin accounts', () => {
  it('lists every account of every user, by username, paper first, named "user — account"', () => {
    expect(adminAccounts(users).map((account) => [account.accountId, account.label])).toEqual([
      ['a-alice', 'alice — Paper'],
      ['a-alice-kite', 'alice — Kite desk'],
      ['a-alice-old', 'alice — Kite desk (detached)'],
      ['a-bob', 'bob — Paper'],
    ]);
    expect(accountOptions(adminAccounts(users)).map((option) => option.value)).toEqual(['', 'a-alice', 'a-alice-kite', 'a-alice-old', 'a-bob']);
  });

  it("names a live account's halt by its owner and account; an unknown account keeps its id", () => {
    const name = accountNamer(adminAccounts(users));
    expect(name('a-alice-kite')).toBe('alice — Kite desk');
    expect(name('00000000-0000-4000-8000-0000000000ff')).toBe('00000000-0000-4000-8000-0000000000ff');
  });
});
