import { z } from 'zod';
import { AccountIdSchema, InstrumentIdSchema, UserIdSchema } from './ids.ts';
import { CancelOrderInputSchema, EntryOriginSchema, ModifyOrderInputSchema, PlaceOrderInputSchema } from './order.ts';
import { EngageKillSwitchInputSchema, ReleaseHaltInputSchema, SquareOffInputSchema } from './trading-halt.ts';
import { SetRiskLimitsInputSchema } from './risk-limits.ts';

/**
 * Commands the gateway sends the engine (imperative). The gateway has already authenticated the
 * user and resolved which account they act for; the engine checks the order belongs to it.
 */
const actor = { accountId: AccountIdSchema, userId: UserIdSchema };

/** The user the engine names in events it creates on its own (daily-loss square-off, reconciliation). */
export const ENGINE_USER_ID = UserIdSchema.parse('00000000-0000-4000-8000-000000000000');

export const SubmitOrderCommandSchema = z.object({ ...actor, order: PlaceOrderInputSchema, origin: EntryOriginSchema.default('TERMINAL') });
export type SubmitOrderCommand = z.infer<typeof SubmitOrderCommandSchema>;

export const ModifyOrderCommandSchema = z.object({ ...actor, modify: ModifyOrderInputSchema });
export type ModifyOrderCommand = z.infer<typeof ModifyOrderCommandSchema>;

export const CancelOrderCommandSchema = z.object({ ...actor, cancel: CancelOrderInputSchema });
export type CancelOrderCommand = z.infer<typeof CancelOrderCommandSchema>;

export const AccountQuerySchema = z.object({ accountId: AccountIdSchema });
export type AccountQuery = z.infer<typeof AccountQuerySchema>;

export const InstrumentSearchSchema = z.object({
  query: z.string().trim().max(60).default(''),
  limit: z.number().int().min(1).max(100).default(20),
});
export type InstrumentSearch = z.infer<typeof InstrumentSearchSchema>;

export const InstrumentIdsSchema = z.object({ instrumentIds: z.array(InstrumentIdSchema).max(500) });
export type InstrumentIds = z.infer<typeof InstrumentIdsSchema>;

/** Resume point for the engine's event stream: the last journal sequence the consumer has. */
export const EventStreamInputSchema = z.object({ lastEventId: z.string().regex(/^\d+$/).nullish() });

/** Engage the kill switch: ACCOUNT scope acts on `accountId`; GLOBAL on every account (admins only, checked by the gateway). */
export const EngageKillSwitchCommandSchema = z.object({ ...actor, halt: EngageKillSwitchInputSchema });
export type EngageKillSwitchCommand = z.infer<typeof EngageKillSwitchCommandSchema>;

export const ReleaseHaltCommandSchema = z.object({ userId: UserIdSchema, release: ReleaseHaltInputSchema });
export type ReleaseHaltCommand = z.infer<typeof ReleaseHaltCommandSchema>;

export const SquareOffCommandSchema = z.object({ ...actor, squareOff: SquareOffInputSchema });
export type SquareOffCommand = z.infer<typeof SquareOffCommandSchema>;

export const SetRiskLimitsCommandSchema = z.object({ userId: UserIdSchema, change: SetRiskLimitsInputSchema });
export type SetRiskLimitsCommand = z.infer<typeof SetRiskLimitsCommandSchema>;
