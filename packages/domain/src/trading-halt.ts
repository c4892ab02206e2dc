import { z } from 'zod';
import { AccountIdSchema, UserIdSchema } from './ids.ts';

/**
 * A trading halt blocks new orders — for one account or for everyone — until an admin releases it.
 * KILL_SWITCH: engaged by a person (cancels open orders, optionally flattens). RECONCILIATION: the
 * engine found a broker state it cannot explain at start-up. DAILY_LOSS: the daily loss limit was hit
 * with square-off configured. BROKER_SESSION: the account's broker session ended (daily expiry, a login
 * elsewhere); the engine releases it itself once the account is reconnected. Orders that only reduce risk (square-off, kill-switch flattening) pass.
 */
export const HALT_SCOPES = ['GLOBAL', 'ACCOUNT'] as const;
export const HaltScopeSchema = z.enum(HALT_SCOPES);
export type HaltScope = z.infer<typeof HaltScopeSchema>;

export const HALT_KINDS = ['KILL_SWITCH', 'RECONCILIATION', 'DAILY_LOSS', 'BROKER_SESSION'] as const;
export const HaltKindSchema = z.enum(HALT_KINDS);
export type HaltKind = z.infer<typeof HaltKindSchema>;

export const TradingHaltSchema = z.object({
  id: z.number().int().positive(),
  scope: HaltScopeSchema,
  /** Null for a GLOBAL halt. */
  accountId: AccountIdSchema.nullable(),
  kind: HaltKindSchema,
  reason: z.string(),
  flatten: z.boolean(),
  /** Null when the engine engaged it itself (reconciliation, daily loss). */
  engagedBy: UserIdSchema.nullable(),
  engagedAt: z.number().int(),
  releasedBy: UserIdSchema.nullable(),
  releasedAt: z.number().int().nullable(),
  releaseNote: z.string().nullable(),
  /** What the engine did or found: orders cancelled, square-off orders, mismatches. */
  details: z.record(z.string(), z.unknown()),
});
export type TradingHalt = z.infer<typeof TradingHaltSchema>;

export const EngageKillSwitchInputSchema = z.object({
  scope: HaltScopeSchema,
  reason: z.string().trim().min(3).max(500),
  /** Also square off every open position (MARKET, sliced above the freeze quantity). */
  flatten: z.boolean().default(false),
});
export type EngageKillSwitchInput = z.infer<typeof EngageKillSwitchInputSchema>;

export const ReleaseHaltInputSchema = z.object({
  haltId: z.number().int().positive(),
  note: z.string().trim().min(3).max(500),
});
export type ReleaseHaltInput = z.infer<typeof ReleaseHaltInputSchema>;

/** Square off some or all of the caller's positions (an exit path: never blocked by a halt). */
export const SquareOffInputSchema = z.object({
  /** Empty / absent: every open position of the account. */
  positions: z
    .array(z.object({ instrumentId: z.string(), product: z.enum(['MIS', 'NRML']) }))
    .max(500)
    .optional(),
});
export type SquareOffInput = z.infer<typeof SquareOffInputSchema>;
