import { z } from 'zod';
import {
  AccountIdSchema,
  ClientOrderIdSchema,
  InstrumentIdSchema,
  OrderIdSchema,
  PortfolioIdSchema,
  RequestedClientOrderIdSchema,
  StrategyIdSchema,
} from './ids.ts';
import { PaiseSchema, isOnTick, type Paise } from './money.ts';
import { DomainError } from './errors.ts';
import type { Instrument } from './instrument.ts';

export const SIDES = ['BUY', 'SELL'] as const;
export const SideSchema = z.enum(SIDES);
export type Side = z.infer<typeof SideSchema>;

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'SL', 'SL_M'] as const;
export const OrderTypeSchema = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof OrderTypeSchema>;

export const PRODUCTS = ['MIS', 'NRML'] as const;
export const ProductSchema = z.enum(PRODUCTS);
export type Product = z.infer<typeof ProductSchema>;

export const ORDER_STATUSES = [
  'SUBMITTED', // sent to the broker, no answer yet (in flight)
  'OPEN', // accepted and working
  'TRIGGER_PENDING', // SL / SL-M waiting for its trigger
  'PENDING_MODIFY',
  'PENDING_CANCEL',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'REJECTED', // the broker said no
  'DENIED', // our risk checks said no
  'EXPIRED',
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELED', 'REJECTED', 'DENIED', 'EXPIRED']);
export const isTerminalStatus = (status: OrderStatus): boolean => TERMINAL_STATUSES.has(status);

/** What a trader asks for. Quantity is in units (a multiple of the lot size), prices in paise. */
export const OrderSpecSchema = z.object({
  instrumentId: InstrumentIdSchema,
  side: SideSchema,
  type: OrderTypeSchema,
  product: ProductSchema,
  quantity: z.number().int().positive().max(10_000_000),
  price: PaiseSchema.nullable().default(null),
  triggerPrice: PaiseSchema.nullable().default(null),
});
export type OrderSpec = z.infer<typeof OrderSpecSchema>;

/** Who or what created an order: audit, and the kill switch / daily-loss rules (exits are exempt). */
// Append only: snapshots store an origin as its index here. GTT: a fired price alert's order (ADR 0028).
export const ORDER_ORIGINS = ['TERMINAL', 'API', 'WEBHOOK', 'STRATEGY', 'PORTFOLIO', 'SQUARE_OFF', 'KILL_SWITCH', 'RISK', 'AUTO_SQUARE_OFF', 'EXPIRY', 'GTT'] as const;
export const OrderOriginSchema = z.enum(ORDER_ORIGINS);
export type OrderOrigin = z.infer<typeof OrderOriginSchema>;

/**
 * Origins a caller may claim for a new order. The exit origins (SQUARE_OFF, KILL_SWITCH, RISK,
 * AUTO_SQUARE_OFF — the intraday cut-off's) are the engine's own: it computes those orders from
 * positions, and they bypass halts and limits.
 */
export const ENTRY_ORIGINS = ['TERMINAL', 'API', 'WEBHOOK', 'STRATEGY', 'PORTFOLIO'] as const;
export const EntryOriginSchema = z.enum(ENTRY_ORIGINS);
export type EntryOrigin = z.infer<typeof EntryOriginSchema>;

/**
 * An order above the exchange freeze quantity is split into `count` child orders (slices), all
 * journaled in one atomic commit. Slice 1 carries the client's own clientOrderId; slice k ≥ 2 a
 * derived id containing `.` (see apps/engine/src/orders/slice-ids.ts). `parentClientOrderId` and
 * `parentQuantity` let every consumer regroup them.
 */
export const OrderSliceSchema = z.object({
  parentClientOrderId: ClientOrderIdSchema,
  index: z.number().int().min(1),
  count: z.number().int().min(2).max(1_000),
  parentQuantity: z.number().int().positive(),
});
export type OrderSlice = z.infer<typeof OrderSliceSchema>;

/** Attribution into a virtual book: the broker nets positions, we keep them per strategy/portfolio. */
export const OrderAttributionSchema = z.object({
  strategyId: StrategyIdSchema.optional(),
  /** The strategy configuration version the order was placed under (with strategyId). */
  strategyVersion: z.number().int().positive().optional(),
  portfolioId: PortfolioIdSchema.optional(),
});

export const PlaceOrderInputSchema = OrderSpecSchema.extend({
  clientOrderId: RequestedClientOrderIdSchema.optional(),
}).extend(OrderAttributionSchema.shape);
export type PlaceOrderInput = z.infer<typeof PlaceOrderInputSchema>;

export const ModifyOrderInputSchema = z.object({
  orderId: OrderIdSchema,
  quantity: z.number().int().positive().max(10_000_000).optional(),
  price: PaiseSchema.nullable().optional(),
  triggerPrice: PaiseSchema.nullable().optional(),
  type: OrderTypeSchema.optional(),
});
export type ModifyOrderInput = z.infer<typeof ModifyOrderInputSchema>;

export const CancelOrderInputSchema = z.object({ orderId: OrderIdSchema });
export type CancelOrderInput = z.infer<typeof CancelOrderInputSchema>;

/** The order as everyone outside the engine sees it. */
export const OrderSchema = z.object({
  orderId: OrderIdSchema,
  clientOrderId: ClientOrderIdSchema,
  accountId: AccountIdSchema,
  instrumentId: InstrumentIdSchema,
  side: SideSchema,
  type: OrderTypeSchema,
  product: ProductSchema,
  quantity: z.number().int().positive(),
  price: PaiseSchema.nullable(),
  triggerPrice: PaiseSchema.nullable(),
  status: OrderStatusSchema,
  filledQuantity: z.number().int().nonnegative(),
  /** Sum of fill price × fill quantity, exact; average = filledValue / filledQuantity. */
  filledValue: PaiseSchema,
  brokerOrderId: z.string().nullable(),
  /** When an SL / SL-M order's trigger was hit (it then works as LIMIT / MARKET). */
  triggeredAt: z.number().int().nullable(),
  /** Stable code and readable message for DENIED / REJECTED orders. */
  reasonCode: z.string().nullable(),
  reasonMessage: z.string().nullable(),
  origin: OrderOriginSchema,
  strategyId: StrategyIdSchema.nullable(),
  strategyVersion: z.number().int().positive().nullable(),
  portfolioId: PortfolioIdSchema.nullable(),
  /** The account risk-limits version this order was checked against (0 = engine defaults). */
  riskLimitsVersion: z.number().int().nonnegative().nullable(),
  slice: OrderSliceSchema.nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Order = z.infer<typeof OrderSchema>;

/**
 * Checks an order's shape against its instrument (lot multiple, tick, price fields per type).
 * Throws a DomainError with a stable code; the pre-trade risk engine runs after this.
 */
export function validateOrderSpec(spec: OrderSpec, instrument: Instrument): void {
  // A derivative is listed as not tradable only once expired (still held, awaiting its settlement).
  if (!instrument.tradable) throw new DomainError(instrument.kind === 'INDEX' || instrument.expiry === null ? 'INSTRUMENT_NOT_TRADABLE' : 'CONTRACT_EXPIRED');
  if (spec.quantity % instrument.lotSize !== 0) {
    throw new DomainError(
      'QUANTITY_NOT_LOT_MULTIPLE',
      `Quantity must be a multiple of the lot size ${instrument.lotSize} (got ${spec.quantity}).`,
    );
  }
  const needsPrice = spec.type === 'LIMIT' || spec.type === 'SL';
  const needsTrigger = spec.type === 'SL' || spec.type === 'SL_M';
  if (needsPrice && spec.price === null) throw new DomainError('PRICE_REQUIRED');
  if (!needsPrice && spec.price !== null) throw new DomainError('PRICE_NOT_ALLOWED', `${spec.type} orders take no limit price.`);
  if (needsTrigger && spec.triggerPrice === null) throw new DomainError('TRIGGER_PRICE_REQUIRED');
  if (!needsTrigger && spec.triggerPrice !== null) {
    throw new DomainError('VALIDATION_FAILED', `${spec.type} orders take no trigger price.`);
  }
  // Two checks rather than a loop over [price, triggerPrice]: this runs for every order.
  const offTick = (spec.price !== null && !isOnTick(spec.price, instrument.tickSize)) || (spec.triggerPrice !== null && !isOnTick(spec.triggerPrice, instrument.tickSize));
  if (offTick) throw new DomainError('PRICE_NOT_ON_TICK', `Price must be a positive multiple of the tick size ₹${(instrument.tickSize / 100).toFixed(2)}.`);
  if (spec.type === 'SL' && spec.price !== null && spec.triggerPrice !== null) {
    // A buy stop triggers on a rise, so its limit must be at or above the trigger; a sell stop the reverse.
    const wrongSide = spec.side === 'BUY' ? spec.price < spec.triggerPrice : spec.price > spec.triggerPrice;
    if (wrongSide) throw new DomainError('TRIGGER_PRICE_INVALID');
  }
}

export const averageFillPrice = (order: Pick<Order, 'filledQuantity' | 'filledValue'>): number | null =>
  order.filledQuantity === 0 ? null : order.filledValue / order.filledQuantity / 100;

export const signedQuantity = (side: Side, quantity: number): number => (side === 'BUY' ? quantity : -quantity);

export type OrderPrices = { price: Paise | null; triggerPrice: Paise | null };
