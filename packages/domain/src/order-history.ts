import { z } from 'zod';
import { EngineEventSchema, type EngineEvent } from './events.ts';
import { AccountIdSchema, OrderIdSchema } from './ids.ts';
import { OrderSchema, OrderStatusSchema, type Order } from './order.ts';
import { applyOrderEvent } from './order-transition.ts';

/**
 * One step of an order's life as the journal recorded it: the event, and the order's status and
 * filled quantity right after it (what the orderbook showed at that moment).
 */
export const OrderHistoryEntrySchema = z.object({
  seq: z.number().int().positive(),
  event: EngineEventSchema,
  status: OrderStatusSchema,
  filledQuantity: z.number().int().nonnegative(),
});
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntrySchema>;

/** An order now, and every journaled event of it, oldest first. */
export const OrderHistorySchema = z.object({ order: OrderSchema, entries: z.array(OrderHistoryEntrySchema) });
export type OrderHistory = z.infer<typeof OrderHistorySchema>;

/** Which order's history (the engine's query; the gateway fills the account from the caller's token). */
export const OrderHistoryQuerySchema = z.object({ accountId: AccountIdSchema, orderId: OrderIdSchema });
export type OrderHistoryQuery = z.infer<typeof OrderHistoryQuerySchema>;
export const OrderHistoryInputSchema = z.object({ orderId: OrderIdSchema });
export type OrderHistoryInput = z.infer<typeof OrderHistoryInputSchema>;

/**
 * An order's journal records, oldest first, as history entries: folded with the one state machine,
 * so each entry's status is the one the engine's fold gave the order then.
 */
export function orderHistoryEntries(records: readonly { seq: number; event: EngineEvent }[]): OrderHistoryEntry[] {
  let order: Order | undefined;
  return records.map(({ seq, event }) => {
    order = applyOrderEvent(order, event);
    return { seq, event, status: order.status, filledQuantity: order.filledQuantity };
  });
}
