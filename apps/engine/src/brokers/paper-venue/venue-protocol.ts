import { z } from 'zod';
import {
  AccountIdSchema,
  ClientOrderIdSchema,
  InstrumentIdSchema,
  OrderSpecSchema,
  OrderTypeSchema,
  PaiseSchema,
  ProductSchema,
  SideSchema,
  TradeIdSchema,
} from '@strikedesk/domain';
import { BROKER_ORDER_STATUSES } from '../broker.ts';

/**
 * The paper venue's own wire protocol (it is our simulator, not a real broker, so the shapes are
 * ours): JSON over HTTP for requests and books, a WebSocket of sequenced order updates that a
 * client resumes with `?after=<seq>`. Both sides parse with these schemas.
 *
 *   POST   /orders                  PlaceRequest  → { brokerOrderId, status, reasonCode?, reasonMessage? }
 *   PUT    /orders/:brokerOrderId   ModifyRequest → 200 | 409 { reasonCode, reasonMessage }
 *   DELETE /orders/:brokerOrderId?accountId=…&clientOrderId=…  → 200 | 409 (the refusal also as a cancelRejected event)
 *   GET    /books                   → BrokerBooks
 *   GET    /events (WebSocket)      → { hello: { lastSeq } }, then { seq, event: BrokerEvent } messages after `after`
 *   POST   /faults                  Faults (tests: failures on demand)
 */
export const PlaceRequestSchema = OrderSpecSchema.extend({ accountId: AccountIdSchema, clientOrderId: ClientOrderIdSchema });

/** DELETE /orders/:brokerOrderId's query: whose order, and its id of ours (a refusal names it). */
export const CancelRequestSchema = z.object({ accountId: AccountIdSchema, clientOrderId: ClientOrderIdSchema });

export const ModifyRequestSchema = z.object({
  accountId: AccountIdSchema,
  clientOrderId: ClientOrderIdSchema,
  type: OrderTypeSchema,
  quantity: z.number().int().positive(),
  price: PaiseSchema.nullable(),
  triggerPrice: PaiseSchema.nullable(),
});

const ref = { accountId: AccountIdSchema, clientOrderId: ClientOrderIdSchema };
export const VenueEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted'), ...ref, brokerOrderId: z.string() }),
  z.object({ kind: z.literal('rejected'), ...ref, reasonCode: z.string(), reasonMessage: z.string() }),
  z.object({ kind: z.literal('triggered'), ...ref, brokerOrderId: z.string() }),
  z.object({ kind: z.literal('filled'), ...ref, brokerOrderId: z.string(), tradeId: TradeIdSchema, quantity: z.number().int().positive(), price: PaiseSchema, executedAt: z.number().int() }),
  z.object({ kind: z.literal('modified'), ...ref, brokerOrderId: z.string(), type: OrderTypeSchema, quantity: z.number().int().positive(), price: PaiseSchema.nullable(), triggerPrice: PaiseSchema.nullable() }),
  z.object({ kind: z.literal('modifyRejected'), ...ref, reasonCode: z.string(), reasonMessage: z.string() }),
  z.object({ kind: z.literal('cancelRejected'), ...ref, reasonCode: z.string(), reasonMessage: z.string() }),
  z.object({ kind: z.literal('canceled'), ...ref, brokerOrderId: z.string() }),
  z.object({ kind: z.literal('expired'), ...ref, brokerOrderId: z.string() }),
]);

export const VenueMessageSchema = z.object({ seq: z.number().int().positive(), event: VenueEventSchema });
export type VenueMessage = z.infer<typeof VenueMessageSchema>;

/** The first message on every event socket: the venue's last seq, where a first connection starts following. */
export const VenueHelloSchema = z.object({ hello: z.object({ lastSeq: z.number().int().nonnegative() }) });

const OrderSnapshotSchema = PlaceRequestSchema.extend({
  brokerOrderId: z.string(),
  status: z.enum(BROKER_ORDER_STATUSES),
  filledQuantity: z.number().int().nonnegative(),
  triggered: z.boolean(),
  reasonCode: z.string().nullable(),
  reasonMessage: z.string().nullable(),
});

export const BooksSchema = z.object({
  orders: z.array(OrderSnapshotSchema),
  trades: z.array(
    z.object({
      ...ref,
      brokerOrderId: z.string(),
      tradeId: TradeIdSchema,
      instrumentId: InstrumentIdSchema,
      side: SideSchema,
      product: ProductSchema,
      quantity: z.number().int().positive(),
      price: PaiseSchema,
      executedAt: z.number().int(),
    }),
  ),
  positions: z.array(z.object({ accountId: AccountIdSchema, instrumentId: InstrumentIdSchema, product: ProductSchema, netQuantity: z.number().int() })),
});

export const PlaceResponseSchema = z.object({
  brokerOrderId: z.string(),
  status: z.enum(BROKER_ORDER_STATUSES),
  reasonCode: z.string().nullable(),
  reasonMessage: z.string().nullable(),
});

/**
 * Faults on demand, each applying to the next N requests of its kind: `failRequests` answers 503
 * without acting; `dropResponses` acts, then destroys the connection instead of answering (an
 * acknowledgement lost after the venue accepted); `delayMs` holds each answer; `closeEventSockets`
 * cuts every event WebSocket now.
 */
export const FaultsSchema = z.object({
  failRequests: z.number().int().nonnegative().optional(),
  dropResponses: z.number().int().nonnegative().optional(),
  delayMs: z.number().int().nonnegative().max(60_000).optional(),
  closeEventSockets: z.boolean().optional(),
});
export type Faults = z.infer<typeof FaultsSchema>;
