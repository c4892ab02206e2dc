import { z } from 'zod';
import { AccountIdSchema } from './ids.ts';
import { EngageKillSwitchInputSchema, type TradingHalt } from './trading-halt.ts';

/**
 * What the gateway's web-facing API adds around trading halts (docs/contracts.md, "Engine core"):
 * the admin's inputs and the `halt` push. Traders act on their own account only (the gateway takes
 * it from the token); admins name the account.
 */

/** An admin's kill switch: ACCOUNT scope names the account; GLOBAL names none (it stops everyone). */
export const AdminEngageKillSwitchInputSchema = EngageKillSwitchInputSchema.extend({
  accountId: AccountIdSchema.optional(),
}).superRefine((input, context) => {
  if (input.scope === 'ACCOUNT' && input.accountId === undefined) {
    context.addIssue({ code: 'custom', path: ['accountId'], message: 'An account kill switch needs the account to halt.' });
  }
  if (input.scope === 'GLOBAL' && input.accountId !== undefined) {
    context.addIssue({ code: 'custom', path: ['accountId'], message: 'A global kill switch halts every account: name no account.' });
  }
});
export type AdminEngageKillSwitchInput = z.infer<typeof AdminEngageKillSwitchInputSchema>;

/** The halt audit trail, newest first: every account's, or one account's (its own and global halts). */
export const RecentHaltsQuerySchema = z.object({
  accountId: AccountIdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type RecentHaltsQuery = z.infer<typeof RecentHaltsQuerySchema>;

/** The gateway's `halt` push: a halt engaged, completed (details added) or released. */
export type HaltServerEvents = {
  halt: (halt: TradingHalt) => void;
};

/** True while a halt blocks orders (it stays in the audit trail once released). */
export const isHaltActive = (halt: Pick<TradingHalt, 'releasedAt'>): boolean => halt.releasedAt === null;
