import { AccountIdSchema, RoleSchema, UserIdSchema } from '@strikedesk/domain';
import type { IdentityUser, IdentityUserWithSecret } from './types.ts';

/** The slice of the Prisma row the mapper needs; Prisma's own types stay in this folder. */
export type UserRow = {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  accounts: { id: string }[];
};

/** Selects exactly what toIdentityUser reads: the oldest account is the user's trading account. */
export const userSelect = {
  id: true,
  username: true,
  passwordHash: true,
  role: true,
  mustChangePassword: true,
  disabledAt: true,
  createdAt: true,
  accounts: { select: { id: true }, orderBy: { createdAt: 'asc' }, take: 1 },
} as const;

export function toIdentityUserWithSecret(row: UserRow): IdentityUserWithSecret {
  const account = row.accounts[0];
  // Every user is created with an account in one transaction; a user without one is corrupt data.
  if (!account) throw new Error(`user ${row.id} has no trading account`);
  return {
    userId: UserIdSchema.parse(row.id),
    username: row.username,
    role: RoleSchema.parse(row.role),
    accountId: AccountIdSchema.parse(account.id),
    createdAt: row.createdAt.getTime(),
    mustChangePassword: row.mustChangePassword,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.getTime() ?? null,
    passwordHash: row.passwordHash,
  };
}

export function toIdentityUser(row: UserRow): IdentityUser {
  const { passwordHash: _secret, ...user } = toIdentityUserWithSecret(row);
  return user;
}
