import { z } from 'zod';
import { ERROR_CODE_LIST, ModifyOrderInputSchema, OrderIdSchema, OrderSchema, PlaceOrderInputSchema, PositionViewSchema, PriceAlertIdSchema, PriceAlertOrderSchema, PriceAlertSchema } from '@strikedesk/domain';

// REST shapes derived from the domain schemas the tRPC API uses: one definition of an order.

export const OrderPathSchema = z.object({ orderId: OrderIdSchema });

/**
 * A new order as a program sends it. Strict: a misspelt field (`clientOrderID`, `trigger_price`)
 * is refused rather than dropped — dropped, a typo in the client order id would silently cost the
 * request its idempotency. The strategy / portfolio attribution is left out: those virtual books
 * belong to the engine's own automation, which would then manage (exit, hedge) what a program put
 * there.
 */
export const PlaceOrderBodySchema = PlaceOrderInputSchema.omit({ strategyId: true, strategyVersion: true, portfolioId: true }).strict();

const MODIFIABLE_FIELDS = ['quantity', 'price', 'triggerPrice', 'type'] as const;

/**
 * The order id travels in the path. At least one field must change: a modification that changes
 * nothing would still go to the broker, and brokers cap modifications per order (Kite: 25).
 */
export const ModifyOrderBodySchema = ModifyOrderInputSchema.omit({ orderId: true })
  .strict()
  .refine((body) => MODIFIABLE_FIELDS.some((field) => body[field] !== undefined), `Send at least one of ${MODIFIABLE_FIELDS.join(', ')} to change.`);

export const OrderListSchema = z.object({ orders: z.array(OrderSchema) });

export const PositionListSchema = z.object({ positions: z.array(PositionViewSchema) });

export const AlertPathSchema = z.object({ alertId: PriceAlertIdSchema });

export const AlertListSchema = z.object({ alerts: z.array(PriceAlertSchema) });

/** The alert id travels in the path; the change is checked again whole (ModifyPriceAlertInputSchema) with it. */
export const ModifyAlertBodySchema = z.strictObject({
  price: PriceAlertSchema.shape.price.optional(),
  note: z.string().max(200).optional(),
  order: PriceAlertOrderSchema.optional(),
});

// The id names its OpenAPI component. (Registering it through createDocument's components instead
// renders the Order inside it as a second, input-side component: zod-openapi 5.4.)
export const ApiErrorSchema = z
  .object({
    error: z.enum(ERROR_CODE_LIST).describe('Stable error code (packages/domain/src/errors.ts).'),
    message: z.string().describe('What went wrong, written for a trader.'),
    order: OrderSchema.optional().describe('On an order our risk checks refused: the order as recorded, status DENIED. On a reused clientOrderId: the order it already names.'),
  })
  .meta({ id: 'ApiError' });
