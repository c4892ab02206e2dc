import { DomainError, type AccountId } from '@strikedesk/domain';
import type { IdentityStore } from '@strikedesk/db/identity';

/**
 * Admin procedures that act on a named account check it belongs to a user first: the engine would
 * otherwise happily keep limits or halts for an account nobody can ever trade on, and the admin
 * would believe they had halted or limited someone. Any of a user's accounts counts (paper or live).
 */
export async function assertKnownAccount(identity: IdentityStore, accountId: AccountId): Promise<void> {
  if ((await identity.accounts.ownerOf(accountId)) === null) {
    throw new DomainError('VALIDATION_FAILED', `No user has the account ${accountId}.`);
  }
}
