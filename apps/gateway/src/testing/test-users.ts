import type { IdentityStore, IdentityUser } from '@strikedesk/db/identity';
import type { Role } from '@strikedesk/domain';
import { hashPassword } from '../auth/password.ts';

export const TEST_PASSWORD = 'correct horse battery';

/** Creates a user straight in the identity store, as an admin would through admin.users.create. */
export async function createTestUser(
  identity: IdentityStore,
  username: string,
  role: Role,
  password = TEST_PASSWORD,
): Promise<IdentityUser> {
  return identity.users.create({ username, passwordHash: await hashPassword(password), role });
}
