import { z } from 'zod';
import { AccountIdSchema, InstrumentIdSchema, UserIdSchema } from './ids.ts';
import { CancelOrderInputSchema, ModifyOrderInputSchema, PlaceOrderInputSchema } from './order.ts';

/**
 * Commands the gateway sends the engine (imperative). The gateway has already authenticated the
 * user and resolved which account they act for; the engine checks the order belongs to it.
 */
const actor = { accountId: AccountIdSchema, userId: UserIdSchema };

export const SubmitOrderCommandSchema = z.object({ ...actor, order: PlaceOrderInputSchema });
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
