import { z } from 'zod';
import { ERROR_CODE_LIST, ModifyOrderInputSchema, OrderIdSchema, OrderSchema, PositionViewSchema } from '@strikedesk/domain';

// REST shapes derived from the domain schemas the tRPC API uses: one definition of an order.

export const OrderPathSchema = z.object({ orderId: OrderIdSchema });

/** The order id travels in the path. */
export const ModifyOrderBodySchema = ModifyOrderInputSchema.omit({ orderId: true });

export const OrderListSchema = z.object({ orders: z.array(OrderSchema) });

export const PositionListSchema = z.object({ positions: z.array(PositionViewSchema) });

// The id names its OpenAPI component. (Registering it through createDocument's components instead
// renders the Order inside it as a second, input-side component: zod-openapi 5.4.)
export const ApiErrorSchema = z
  .object({
    error: z.enum(ERROR_CODE_LIST).describe('Stable error code (packages/domain/src/errors.ts).'),
    message: z.string().describe('What went wrong, written for a trader.'),
    order: OrderSchema.optional().describe('On an order our risk checks refused: the order as recorded, status DENIED.'),
  })
  .meta({ id: 'ApiError' });
