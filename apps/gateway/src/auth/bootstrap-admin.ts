import { DomainError } from '@strikedesk/domain';
import type { IdentityStore } from '@strikedesk/db/identity';
import { generatePassword, hashPassword } from './password.ts';

export type BootstrapResult =
  | { created: false }
  | { created: true; username: string; password: string; generated: boolean };

/**
 * First start: with no users at all, create the admin so someone can log in. A generated password
 * is shown once (stdout) and must be changed; nothing else ever prints a password.
 */
export async function bootstrapAdmin(
  identity: IdentityStore,
  options: { username: string; password: string | undefined },
): Promise<BootstrapResult> {
  if ((await identity.users.count()) > 0) return { created: false };
  const generated = options.password === undefined;
  const password = options.password ?? generatePassword();
  try {
    await identity.users.create({
      username: options.username,
      passwordHash: await hashPassword(password),
      role: 'admin',
      mustChangePassword: generated,
    });
  } catch (error) {
    // Two gateways starting together both saw zero users; the other one created the admin.
    if (error instanceof DomainError && error.code === 'USERNAME_TAKEN') return { created: false };
    throw error;
  }
  return { created: true, username: options.username, password, generated };
}

export function formatAdminBanner(result: Extract<BootstrapResult, { created: true }>, loginUrl: string): string {
  const rule = '='.repeat(64);
  return [
    rule,
    ' Strikedesk: first start, admin account created',
    ` Log in at: ${loginUrl}`,
    // A configured password is the operator's secret already; only a generated one is shown.
    result.generated ? ` ${result.username} / ${result.password}` : ` ${result.username} / (the ADMIN_PASSWORD you configured)`,
    result.generated ? ' This password is shown only once. Change it in Settings after logging in.' : '',
    rule,
  ]
    .filter((line) => line !== '')
    .join('\n');
}
