import { canAdminister, DomainError, logsInThroughKite, type BrokerAccount, type BrokerAccountId, type Role, type UserId } from '@strikedesk/domain';
import type { BrokerAccountStore } from '@strikedesk/db/client';

/**
 * Who may connect or disconnect a broker account: an admin, or the trader it is assigned to (the
 * one whose orders it carries). Everyone else is refused before anything reaches the engine.
 */
export async function brokerAccountFor(
  store: Pick<BrokerAccountStore, 'get'>,
  user: { userId: UserId; role: Role },
  id: BrokerAccountId,
): Promise<BrokerAccount> {
  // A viewer is refused before the lookup: whether an account exists is none of their business.
  if (user.role === 'viewer') throw new DomainError('FORBIDDEN_ROLE');
  const account = await store.get(id);
  if (!canAdminister(user.role) && !account.traderIds.includes(user.userId)) {
    throw new DomainError('FORBIDDEN_ROLE', 'This broker account is not assigned to you: only its trader or an admin can connect it.');
  }
  return account;
}

/**
 * An account connects for the trader whose live account it carries, and only while enabled: the
 * engine keeps no connection for anything else, so say why here rather than relay its refusal.
 */
function assertConnectable(account: BrokerAccount): void {
  if (!account.enabled) throw new DomainError('VALIDATION_FAILED', `${account.name} is disabled: an admin must enable it before it can connect.`);
  if (account.traderIds.length === 0) {
    throw new DomainError('VALIDATION_FAILED', `${account.name} is not assigned to a trader: assign it first, it connects for the trader whose orders it carries.`);
  }
}

/** The accounts "Connect Zerodha" applies to; anything else is a clear refusal, not an engine error. */
export function assertKiteLogin(account: BrokerAccount): void {
  if (!logsInThroughKite(account.broker)) {
    throw new DomainError('VALIDATION_FAILED', `${account.name} is an XTS account: it connects with its app keys ("Reconnect"), not through a Zerodha login.`);
  }
  assertConnectable(account);
}

/** XTS accounts log in with their stored keys, no browser step; Zerodha needs the trader's login. */
export function assertReconnect(account: BrokerAccount): void {
  if (logsInThroughKite(account.broker)) throw new DomainError('VALIDATION_FAILED', `${account.name} is a Zerodha account: connect it through the Kite login ("Connect Zerodha").`);
  assertConnectable(account);
}
