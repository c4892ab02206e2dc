import { z } from 'zod';
import { AccountIdSchema, UserIdSchema } from './ids.ts';
import { PaiseSchema } from './money.ts';

/**
 * An account's pre-trade limits. `null` switches a limit off. Quantities are in lots (what a trader
 * thinks in), money in paise. Every order records the version it was checked against.
 */
export const RiskLimitsSchema = z.object({
  /** Largest single order (before slicing above the freeze quantity), in lots. */
  maxOrderLots: z.number().int().positive().max(1_000_000).nullable(),
  /** Largest order value (quantity × limit price, or × LTP for market orders). */
  maxOrderValue: PaiseSchema.nullable(),
  /** Working + in-flight orders at once (a sliced order counts once per slice). */
  maxOpenOrders: z.number().int().positive().max(100_000).nullable(),
  /** |net position| per instrument, in lots, counting working orders that would add to it. */
  maxPositionLotsPerInstrument: z.number().int().positive().max(1_000_000).nullable(),
  /** |net position| summed over an underlying's futures and options, in lots. */
  maxPositionLotsPerUnderlying: z.number().int().positive().max(1_000_000).nullable(),
  /** Fat-finger guard: a LIMIT/SL price may be at most this % away from LTP. */
  priceBandPercent: z.number().positive().max(100).nullable(),
  /** Orders per second per exchange segment (SEBI retail-algo threshold: 10). */
  ordersPerSecond: z.number().int().positive().max(1_000),
  /** The broker's own caps (Kite: 400/min, 5,000/day). */
  ordersPerMinute: z.number().int().positive().max(100_000).nullable(),
  ordersPerDay: z.number().int().positive().max(1_000_000).nullable(),
  /** Day P&L (realized + unrealized) at or below −this blocks risk-increasing orders. */
  dailyLossLimit: PaiseSchema.nullable(),
  /** …and also squares off every position (once, when first breached). */
  squareOffOnDailyLoss: z.boolean(),
});
export type RiskLimits = z.infer<typeof RiskLimitsSchema>;

/** What an account gets before an admin has set anything (version 0). */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxOrderLots: 500,
  maxOrderValue: null,
  maxOpenOrders: 500,
  maxPositionLotsPerInstrument: null,
  maxPositionLotsPerUnderlying: null,
  priceBandPercent: 20,
  ordersPerSecond: 10,
  ordersPerMinute: 400,
  ordersPerDay: 5_000,
  dailyLossLimit: null,
  squareOffOnDailyLoss: false,
};

/** One version of an account's limits. Version 0 is the defaults and has no author. */
export const RiskLimitsVersionSchema = z.object({
  accountId: AccountIdSchema,
  version: z.number().int().nonnegative(),
  limits: RiskLimitsSchema,
  changedBy: UserIdSchema.nullable(),
  changedAt: z.number().int(),
  comment: z.string().max(500),
});
export type RiskLimitsVersion = z.infer<typeof RiskLimitsVersionSchema>;

/**
 * An admin's change: a whole new set of limits, based on the version they were looking at (a stale
 * base is refused with RISK_LIMITS_VERSION_CONFLICT instead of silently overwriting a colleague).
 */
export const SetRiskLimitsInputSchema = z.object({
  accountId: AccountIdSchema,
  baseVersion: z.number().int().nonnegative(),
  // Money limits above zero: a daily loss limit of ₹0 refuses every order at the open (day P&L 0 is
  // "at or below −0") and squares off at the first paisa of loss; a negative one fires in profit; a
  // maximum order value of ₹0 refuses everything. Off is null. (Stored versions stay as they were.)
  limits: RiskLimitsSchema.extend({
    maxOrderValue: PaiseSchema.refine((value) => value > 0, 'must be above ₹0 (leave it empty to switch the limit off)').nullable(),
    dailyLossLimit: PaiseSchema.refine((value) => value > 0, 'must be above ₹0 (leave it empty to switch the limit off)').nullable(),
  }),
  comment: z.string().trim().max(500).default(''),
});
export type SetRiskLimitsInput = z.infer<typeof SetRiskLimitsInputSchema>;
