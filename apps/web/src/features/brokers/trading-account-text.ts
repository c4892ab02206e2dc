import { isTradingAccountConnected, type TradingAccount } from '@strikedesk/domain';

/** The header's status dot: paper is neutral, live is green only when it can take orders now. */
export type AccountDot = 'paper' | 'ok' | 'warning' | 'down';

/** "Paper", or the broker account's name for a live account (what the trader knows it by). */
export function accountLabel(account: TradingAccount): string {
  if (account.kind === 'paper') return 'Paper';
  return account.brokerAccount ? account.brokerAccount.name : `${account.name} (detached)`;
}

export function accountDot(account: TradingAccount): AccountDot {
  if (account.kind === 'paper') return 'paper';
  if (isTradingAccountConnected(account)) return 'ok';
  // An expired session is routine (brokers log everyone out daily): reconnecting fixes it.
  return account.brokerAccount?.connection === 'SESSION_EXPIRED' && account.brokerAccount.enabled ? 'warning' : 'down';
}

/** One line for the account's state, for a title or a screen reader. */
export function accountStatusText(account: TradingAccount): string {
  if (account.kind === 'paper') return 'Paper trading on the simulated market';
  const broker = account.brokerAccount;
  if (!broker) return 'Live account without a broker account: it takes no orders (an admin unassigned it)';
  if (!broker.enabled) return `${broker.name} is disabled by an admin`;
  if (broker.connection === 'CONNECTED') return `Live through ${broker.name}: connected`;
  return `Live through ${broker.name}: not connected${broker.statusMessage ? ` (${broker.statusMessage})` : ''}`;
}

/** What the switcher's list shows for each account. */
export const accountOptionLabel = (account: TradingAccount): string =>
  account.kind === 'paper' ? 'Paper' : `${accountLabel(account)} — live${accountDot(account) === 'ok' ? '' : ', not connected'}`;
