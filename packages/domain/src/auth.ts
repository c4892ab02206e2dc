import { z } from 'zod';
import { AccountIdSchema, UserIdSchema } from './ids.ts';

export const ROLES = ['admin', 'trader', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const canTrade = (role: Role): boolean => role === 'admin' || role === 'trader';
export const canAdminister = (role: Role): boolean => role === 'admin';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'Username: 3-32 letters, digits, dot, dash or underscore');
export const PasswordSchema = z.string().min(10, 'Password must be at least 10 characters').max(200);

export const LoginInputSchema = z.object({
  username: UsernameSchema,
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const SessionUserSchema = z.object({
  userId: UserIdSchema,
  username: z.string(),
  role: RoleSchema,
  accountId: AccountIdSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const CreateUserInputSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  role: RoleSchema,
});
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const ChangePasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: PasswordSchema,
  })
  .refine((input) => input.currentPassword !== input.newPassword, {
    message: 'Choose a new password different from the current one',
    path: ['newPassword'],
  });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

/** Admin → Users: disable (ends every session of the user at once) or enable again. */
export const SetUserDisabledInputSchema = z.object({ userId: UserIdSchema, disabled: z.boolean() });
export type SetUserDisabledInput = z.infer<typeof SetUserDisabledInputSchema>;

/** Admin → Users: a new role; the user's sessions end, so it applies at once. */
export const SetUserRoleInputSchema = z.object({ userId: UserIdSchema, role: RoleSchema });
export type SetUserRoleInput = z.infer<typeof SetUserRoleInputSchema>;

/** Admin → Users: a generated one-time password, shown once to the admin. */
export const ResetUserPasswordInputSchema = z.object({
  userId: UserIdSchema,
  /** Also revoke every API key of theirs: a reset ends their sessions, not the programs using their keys (a compromised account). */
  revokeApiKeys: z.boolean().default(false),
});
export type ResetUserPasswordInput = z.input<typeof ResetUserPasswordInputSchema>;
