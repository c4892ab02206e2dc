import { z } from 'zod';
import { AccountIdSchema, ClientOrderIdSchema, OrderIdSchema, PortfolioIdSchema, StrategyIdSchema, TradeIdSchema, UserIdSchema } from './ids.ts';
import { PaiseSchema } from './money.ts';
import { OrderOriginSchema, OrderSchema, OrderSliceSchema, OrderSpecSchema, OrderTypeSchema } from './order.ts';

/**
 * Engine journal events: past tense, one per concept. Every state change in the engine is one of
 * these, appended to the journal before it is applied (see docs/adr/0003-transports.md).
 */
const base = {
  accountId: AccountIdSchema,
  orderId: OrderIdSchema,
  /** Epoch ms when the engine recorded the event. */
  at: z.number().int(),
  /**
   * Set on events reconciliation derived from the broker's order and trade books (what happened
   * while the engine was down or its request's answer was lost), not from a live update.
   */
  reconciled: z.literal(true).optional(),
};

/**
 * What an order is created with besides its spec. Optional so journals written before these fields
 * existed still parse (absent = TERMINAL, unattributed, unchecked version, not sliced).
 */
const creation = {
  clientOrderId: ClientOrderIdSchema,
  userId: UserIdSchema,
  spec: OrderSpecSchema,
  origin: OrderOriginSchema.optional(),
  strategyId: StrategyIdSchema.optional(),
  strategyVersion: z.number().int().positive().optional(),
  portfolioId: PortfolioIdSchema.optional(),
  riskLimitsVersion: z.number().int().nonnegative().optional(),
  slice: OrderSliceSchema.optional(),
};

export const OrderSubmittedSchema = z.object({
  type: z.literal('OrderSubmitted'),
  ...base,
  ...creation,
});
export const OrderDeniedSchema = z.object({
  type: z.literal('OrderDenied'),
  ...base,
  ...creation,
  reasonCode: z.string(),
  reasonMessage: z.string(),
});
export const OrderAcceptedSchema = z.object({
  type: z.literal('OrderAccepted'),
  ...base,
  brokerOrderId: z.string(),
});
export const OrderRejectedSchema = z.object({
  type: z.literal('OrderRejected'),
  ...base,
  reasonCode: z.string(),
  reasonMessage: z.string(),
});
export const OrderTriggeredSchema = z.object({ type: z.literal('OrderTriggered'), ...base });
export const OrderModifyRequestedSchema = z.object({
  type: z.literal('OrderModifyRequested'),
  ...base,
  quantity: z.number().int().positive(),
  orderType: OrderTypeSchema,
  price: PaiseSchema.nullable(),
  triggerPrice: PaiseSchema.nullable(),
  /** The risk-limits version the modify was checked against (absent in journals before 2026-12-07, and when no limits applied). */
  riskLimitsVersion: z.number().int().nonnegative().optional(),
});
/**
 * Our pre-trade checks refused a modify (a risk limit, a halt, the market closed, no quote): the
 * order works on unchanged at the broker, and the refusal is kept with it — on the order as its
 * reason, and in the journal for its history — as a new order's refusal is (OrderDenied).
 * `quantity` … `triggerPrice`: what the trader asked for.
 */
export const OrderModifyDeniedSchema = z.object({
  type: z.literal('OrderModifyDenied'),
  ...base,
  quantity: z.number().int().positive(),
  orderType: OrderTypeSchema,
  price: PaiseSchema.nullable(),
  triggerPrice: PaiseSchema.nullable(),
  reasonCode: z.string(),
  reasonMessage: z.string(),
  /** The risk-limits version the modify was checked against, when limits applied. */
  riskLimitsVersion: z.number().int().nonnegative().optional(),
});
export const OrderModifiedSchema = z.object({
  type: z.literal('OrderModified'),
  ...base,
  quantity: z.number().int().positive(),
  orderType: OrderTypeSchema,
  price: PaiseSchema.nullable(),
  triggerPrice: PaiseSchema.nullable(),
});
export const OrderModifyRejectedSchema = z.object({
  type: z.literal('OrderModifyRejected'),
  ...base,
  reasonCode: z.string(),
  reasonMessage: z.string(),
});
export const OrderCancelRequestedSchema = z.object({ type: z.literal('OrderCancelRequested'), ...base });
/**
 * The broker refused a cancel (Kite: "Order cannot be cancelled as it is being processed"): the
 * order works on. `modifyPending`: a modify requested before the cancel is still unanswered, so
 * the order returns to PENDING_MODIFY rather than to its working status.
 */
export const OrderCancelRejectedSchema = z.object({
  type: z.literal('OrderCancelRejected'),
  ...base,
  reasonCode: z.string(),
  reasonMessage: z.string(),
  modifyPending: z.boolean(),
});
export const OrderCanceledSchema = z.object({ type: z.literal('OrderCanceled'), ...base });
/** The venue ended the order unfilled or part-filled at its validity's end (DAY orders at close). */
export const OrderExpiredSchema = z.object({ type: z.literal('OrderExpired'), ...base });
/**
 * The broker reports the order complete while ours still waits on an answer or shows it part-filled,
 * its fills already covering its quantity: a modify down the exchange applied and filled before
 * its answer arrived (the answer then left 60 of 60 filled), or a cancel whose answer was lost on an
 * order that filled first. Journaled by reconciliation; ends the order FILLED.
 */
export const OrderCompletedSchema = z.object({ type: z.literal('OrderCompleted'), ...base });
export const OrderFilledSchema = z.object({
  type: z.literal('OrderFilled'),
  ...base,
  tradeId: TradeIdSchema,
  quantity: z.number().int().positive(),
  price: PaiseSchema,
  /** The broker's execution time (epoch ms) when it differs from `at`: decides the fill's trading day. */
  executedAt: z.number().int().optional(),
});

export const EngineEventSchema = z.discriminatedUnion('type', [
  OrderSubmittedSchema,
  OrderDeniedSchema,
  OrderAcceptedSchema,
  OrderRejectedSchema,
  OrderTriggeredSchema,
  OrderModifyRequestedSchema,
  OrderModifyDeniedSchema,
  OrderModifiedSchema,
  OrderModifyRejectedSchema,
  OrderCancelRequestedSchema,
  OrderCancelRejectedSchema,
  OrderCanceledSchema,
  OrderExpiredSchema,
  OrderCompletedSchema,
  OrderFilledSchema,
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;
export type EngineEventType = EngineEvent['type'];
export type EngineEventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;

/**
 * What the engine's event stream carries: the journal sequence number (global, gap-free order of
 * the journal), the event, and the order as it stands after the event (so consumers need no fold).
 */
export const EngineEventEnvelopeSchema = z.object({
  seq: z.number().int().positive(),
  event: EngineEventSchema,
  order: OrderSchema,
});
export type EngineEventEnvelope = z.infer<typeof EngineEventEnvelopeSchema>;
