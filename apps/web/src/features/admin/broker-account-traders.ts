import { canTrade, type BrokerAccount, type Role, type SetBrokerAccountTradersInput, type UserId } from '@strikedesk/domain';

/** What the traders dialog needs of a user (an AdminUser has more). */
export type TraderCandidate = { userId: string; username: string; role: Role; disabled: boolean };

/** One box of the traders dialog. `assignable` false: it can only be unticked (or is shown greyed). */
export type TraderChoice = { userId: UserId; username: string; label: string; hint: string | null; assignable: boolean };

/**
 * Who the dialog offers for `account`: every enabled trader or admin, and whoever is assigned now
 * even if they can no longer be (demoted to viewer, disabled) — else the admin could never untick
 * them, and every other assignment would be refused because the account is taken.
 */
export function traderChoices(users: readonly TraderCandidate[], account: BrokerAccount, accounts: readonly BrokerAccount[]): TraderChoice[] {
  const elsewhere = new Map<string, string>();
  for (const other of accounts) if (other.id !== account.id) for (const traderId of other.traderIds) elsewhere.set(traderId, other.name);
  return [...users]
    .sort((a, b) => a.username.localeCompare(b.username))
    .flatMap((user): TraderChoice[] => {
      const userId = user.userId as UserId;
      const assignedHere = account.traderIds.includes(userId);
      const eligible = canTrade(user.role) && !user.disabled;
      if (!assignedHere && !eligible) return [];
      const label = user.role === 'admin' ? `${user.username} (admin)` : user.username;
      if (!eligible) {
        const why = user.disabled ? 'disabled' : `now a ${user.role}`;
        return [{ userId, username: user.username, label, hint: `${why}: can only be unassigned`, assignable: false }];
      }
      const other = elsewhere.get(user.userId);
      if (!assignedHere && other !== undefined) {
        return [{ userId, username: user.username, label, hint: `trades through ${other}: unassign them there first`, assignable: false }];
      }
      return [{ userId, username: user.username, label, hint: null, assignable: true }];
    });
}

export type TraderPlan = { ok: true; input: SetBrokerAccountTradersInput } | { ok: false; message: string };

/**
 * The save that makes `chosen` the account's traders, or why not, checked before anything is sent.
 * One call (setTraders): the server hands the account over in one transaction, on the version the
 * dialog opened (another admin's change meanwhile is refused, not undone).
 */
export function planTraderChange(account: BrokerAccount, chosen: ReadonlySet<string>, choices: readonly TraderChoice[]): TraderPlan {
  if (chosen.size > 1) return { ok: false, message: 'A broker account trades for one trader: tick only one.' };
  const byId = new Map(choices.map((choice) => [choice.userId as string, choice]));
  for (const id of chosen) {
    if (account.traderIds.includes(id as UserId)) continue;
    const choice = byId.get(id);
    if (!choice?.assignable) return { ok: false, message: `${choice?.label ?? 'That user'} cannot be assigned${choice?.hint ? ` (${choice.hint})` : ''}.` };
  }
  return { ok: true, input: { id: account.id, traderIds: [...chosen] as UserId[], expectedUpdatedAt: account.updatedAt } };
}
