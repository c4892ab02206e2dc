import { z } from 'zod';
import { AccountIdSchema, InstrumentIdSchema, PortfolioIdSchema, StrategyIdSchema, UserIdSchema } from './ids.ts';
import { ProductSchema } from './order.ts';

/**
 * Greeks of positions in rupees: risk estimates as floats, never booked money (ADR 0002, 0007).
 * deltaLots: equivalent lots of the underlying; deltaRupees: exposure of an equivalent futures
 * position.
 */
export const GreeksTotalsSchema = z.object({
  deltaLots: z.number(),
  deltaRupees: z.number(),
  /** Change of ₹ delta for a 1% rise of the underlying. */
  gammaRupeesPerPercent: z.number(),
  thetaRupeesPerDay: z.number(),
  vegaRupeesPerVolPoint: z.number(),
});
export type GreeksTotals = z.infer<typeof GreeksTotalsSchema>;

export const PositionGreeksViewSchema = GreeksTotalsSchema.extend({
  instrumentId: InstrumentIdSchema,
  product: ProductSchema,
  underlying: z.string(),
  netQuantity: z.number().int(),
  /** Per-unit delta and IV used (null for futures / no IV). */
  delta: z.number(),
  iv: z.number().nullable(),
});
export type PositionGreeksView = z.infer<typeof PositionGreeksViewSchema>;

export const UnderlyingGreeksSchema = GreeksTotalsSchema.extend({ underlying: z.string() });
export type UnderlyingGreeks = z.infer<typeof UnderlyingGreeksSchema>;

/** Greeks of one virtual book: the positions attributed to a strategy or a multi-leg portfolio. */
export const BookGreeksSchema = GreeksTotalsSchema.extend({ strategyId: StrategyIdSchema.nullable(), portfolioId: PortfolioIdSchema.nullable() });
export type BookGreeks = z.infer<typeof BookGreeksSchema>;

/**
 * An account's Greeks, per position, per underlying, per strategy / portfolio book and in total;
 * streamed by the engine. Positions not attributed to a book count in the totals only.
 */
export const AccountGreeksSchema = z.object({
  accountId: AccountIdSchema,
  timestamp: z.number().int(),
  positions: z.array(PositionGreeksViewSchema),
  byUnderlying: z.array(UnderlyingGreeksSchema),
  byBook: z.array(BookGreeksSchema),
  total: GreeksTotalsSchema,
});
export type AccountGreeks = z.infer<typeof AccountGreeksSchema>;

/**
 * Optional pre-trade limits on an account's net Greeks per underlying. An order that would take
 * |net delta| above maxAbsDeltaLots, or |net vega| above maxAbsVegaRupees, is Denied — unless it
 * reduces the exposure (risk-reducing orders always pass).
 */
export const GreekLimitSchema = z.object({
  accountId: AccountIdSchema,
  underlying: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,20}$/),
  maxAbsDeltaLots: z.number().positive().max(1_000_000).nullable(),
  maxAbsVegaRupees: z.number().positive().max(1e12).nullable(),
});
export type GreekLimit = z.infer<typeof GreekLimitSchema>;

export const GreekLimitRecordSchema = GreekLimitSchema.extend({
  updatedAt: z.number().int(),
  updatedBy: UserIdSchema,
});
export type GreekLimitRecord = z.infer<typeof GreekLimitRecordSchema>;
