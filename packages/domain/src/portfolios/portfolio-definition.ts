import { z } from 'zod';
import { PaiseSchema } from '../money.ts';
import { ProductSchema, SideSchema } from '../order.ts';

/**
 * A multi-leg portfolio as the trader builds it (docs/adr/0017-multileg-portfolios.md). Everything
 * here is configuration: which instruments the legs trade is decided when the portfolio enters, from
 * the live chain (strike selectors), so a saved portfolio can be entered again on another day.
 * Money is paise (integers); percentages and deltas are plain numbers (model values, not money).
 */

/** Which listed series a leg trades, counted from today (a calendar spread mixes two). */
export const EXPIRY_CHOICES = ['CURRENT_WEEK', 'NEXT_WEEK', 'CURRENT_MONTH', 'NEXT_MONTH'] as const;
export const ExpiryChoiceSchema = z.enum(EXPIRY_CHOICES);
export type ExpiryChoice = z.infer<typeof ExpiryChoiceSchema>;

export const LEG_KINDS = ['CE', 'PE', 'FUT'] as const;
export const LegKindSchema = z.enum(LEG_KINDS);
export type LegKind = z.infer<typeof LegKindSchema>;

/** Clock time in IST, `HH:MM` (24 h). */
export const IstTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM (IST, 24 h)');
export type IstTime = z.infer<typeof IstTimeSchema>;

/**
 * How a leg's strike is chosen from the chain at entry. ATM_OFFSET counts listed strike steps
 * (+ = higher strike); OTM_PERCENT is signed distance from spot towards out of the money for the
 * leg's right (+ = further OTM); DELTA_CLOSEST compares absolute delta.
 */
export const StrikeSelectorSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('ATM_OFFSET'), steps: z.number().int().min(-50).max(50) }),
  z.object({ mode: z.literal('PREMIUM_CLOSEST'), premium: PaiseSchema.refine((value) => value > 0, 'premium must be positive') }),
  z.object({ mode: z.literal('DELTA_CLOSEST'), delta: z.number().min(0.01).max(0.99) }),
  z.object({ mode: z.literal('OTM_PERCENT'), percent: z.number().min(-30).max(30) }),
  z.object({ mode: z.literal('EXACT'), strike: PaiseSchema.refine((value) => value > 0, 'strike must be positive') }),
]);
export type StrikeSelector = z.infer<typeof StrikeSelectorSchema>;
export const STRIKE_SELECTOR_MODES = ['ATM_OFFSET', 'PREMIUM_CLOSEST', 'DELTA_CLOSEST', 'OTM_PERCENT', 'EXACT'] as const;
export type StrikeSelectorMode = (typeof STRIKE_SELECTOR_MODES)[number];

/** A per-leg distance from the entry price: rupee points (in paise) or percent of the entry price. */
export const LegThresholdSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('POINTS'), points: PaiseSchema.refine((value) => value > 0, 'points must be positive') }),
  z.object({ unit: z.literal('PERCENT'), percent: z.number().positive().max(1_000) }),
]);
export type LegThreshold = z.infer<typeof LegThresholdSchema>;

/** Trail a leg's stop: every `every` of favourable move, move the stop by `by` (same unit). */
export const LegTrailingSchema = z.object({ every: LegThresholdSchema, by: LegThresholdSchema });
export type LegTrailing = z.infer<typeof LegTrailingSchema>;

export const LegIdSchema = z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'leg id: 1-8 letters or digits');

export const PortfolioLegSchema = z.object({
  id: LegIdSchema,
  side: SideSchema,
  kind: LegKindSchema,
  /** Ignored for FUT legs. */
  strike: StrikeSelectorSchema,
  /** Null: the portfolio's expiry. */
  expiry: ExpiryChoiceSchema.nullable().default(null),
  /** Lots of this leg; the portfolio's lot multiplier scales every leg. */
  lots: z.number().int().min(1).max(100),
  target: LegThresholdSchema.nullable().default(null),
  stopLoss: LegThresholdSchema.nullable().default(null),
  trailing: LegTrailingSchema.nullable().default(null),
  /** Once the leg is this far in profit its stop moves to the entry price (cost). */
  stopToCostAt: LegThresholdSchema.nullable().default(null),
  /** This leg's order type at entry; null: the portfolio's (execution.orderType). */
  orderType: z.enum(['MARKET', 'LIMIT']).nullable().default(null),
});
export type PortfolioLeg = z.infer<typeof PortfolioLegSchema>;
export type PortfolioLegInput = z.input<typeof PortfolioLegSchema>;

export const PortfolioSettingsSchema = z.object({
  name: z.string().trim().min(1, 'name the portfolio').max(60),
  underlying: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,20}$/),
  expiry: ExpiryChoiceSchema,
  product: ProductSchema,
  lotMultiplier: z.number().int().min(1).max(50).default(1),
  strategyTag: z.string().trim().max(30).default(''),
});
export type PortfolioSettings = z.infer<typeof PortfolioSettingsSchema>;

export const LEG_ORDERS = ['BUY_FIRST', 'AS_LISTED'] as const;
export const LEG_FAILURE_POLICIES = ['UNWIND', 'COMPLETE'] as const;

export const ExecutionSettingsSchema = z.object({
  /** Buy legs first (margin benefit of the hedge) or in the order listed. */
  legOrder: z.enum(LEG_ORDERS).default('BUY_FIRST'),
  /**
   * MARKET is sent as a limit at the touch ± `marketProtectionPercent` (market protection: fills
   * like a market order, never beyond that price). LIMIT is LTP ± `limitBufferPercent`, re-priced to
   * the new LTP every `repriceAfterSeconds`, at most `maxReprices` times.
   */
  orderType: z.enum(['MARKET', 'LIMIT']).default('MARKET'),
  marketProtectionPercent: z.number().min(0.1).max(10).default(2),
  limitBufferPercent: z.number().min(0).max(10).default(0.5),
  repriceAfterSeconds: z.number().int().min(1).max(120).default(5),
  maxReprices: z.number().int().min(0).max(20).default(3),
  /** Attempts after a rejected leg order before the leg counts as failed. */
  maxRetries: z.number().int().min(0).max(5).default(1),
  /** A leg that fails mid-sequence: square off the legs already done, or keep trying to complete. */
  onLegFailure: z.enum(LEG_FAILURE_POLICIES).default('UNWIND'),
  /** Keep an SL-M order resting at the broker for every leg with a stop loss. */
  stopLossAtBroker: z.boolean().default(false),
});
export type ExecutionSettings = z.infer<typeof ExecutionSettingsSchema>;

export const EntryConditionSchema = z.object({ kind: z.enum(['UNDERLYING_ABOVE', 'UNDERLYING_BELOW']), level: PaiseSchema });
export type EntryCondition = z.infer<typeof EntryConditionSchema>;

export const EntryRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('IMMEDIATE') }),
  z.object({ kind: z.literal('AT_TIME'), time: IstTimeSchema }),
  /**
   * Watch the high and low of the underlying (or of the legs' combined premium) from `windowStart`
   * to `windowEnd`; after the window, enter on the first break of the high (UP), the low (DOWN) or
   * either.
   */
  z.object({
    kind: z.literal('RANGE_BREAKOUT'),
    source: z.enum(['UNDERLYING', 'COMBINED_PREMIUM']),
    windowStart: IstTimeSchema,
    windowEnd: IstTimeSchema,
    direction: z.enum(['UP', 'DOWN', 'EITHER']),
  }),
]);
export type EntryRule = z.infer<typeof EntryRuleSchema>;

export const EntrySettingsSchema = z.object({
  rule: EntryRuleSchema.default({ kind: 'IMMEDIATE' }),
  /** All must hold at the moment of entry. */
  conditions: z.array(EntryConditionSchema).max(4).default([]),
});
export type EntrySettings = z.infer<typeof EntrySettingsSchema>;

/** A combined-MTM threshold: rupees (in paise) or percent of the net premium at entry. */
export const MtmThresholdSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('RUPEES'), amount: PaiseSchema.refine((value) => value > 0, 'amount must be positive') }),
  z.object({ unit: z.literal('PERCENT_OF_PREMIUM'), percent: z.number().positive().max(1_000) }),
]);
export type MtmThreshold = z.infer<typeof MtmThresholdSchema>;

export const ExitSettingsSchema = z.object({
  target: MtmThresholdSchema.nullable().default(null),
  stopLoss: MtmThresholdSchema.nullable().default(null),
  /** Once MTM reaches `lockProfitAt`, exit when it falls back to its peak − `trailBy` (or below). */
  trailing: z
    .object({
      lockProfitAt: PaiseSchema.refine((value) => value > 0, 'lock profit at must be positive'),
      trailBy: PaiseSchema.refine((value) => value > 0, 'trail by must be positive'),
    })
    .nullable()
    .default(null),
  /** Square everything off at this IST time. */
  exitAt: IstTimeSchema.nullable().default(null),
  /** After an exit by stop loss, enter again (by the entry rule) at most this many times. */
  maxReentries: z.number().int().min(0).max(10).default(0),
});
export type ExitSettings = z.infer<typeof ExitSettingsSchema>;

export const MonitoringSchema = z.object({
  mode: z.enum(['EVERY_TICK', 'INTERVAL', 'CANDLE_CLOSE']).default('EVERY_TICK'),
  everySeconds: z.number().int().min(1).max(3_600).default(5),
  candleMinutes: z.number().int().min(1).max(60).default(5),
});
export type Monitoring = z.infer<typeof MonitoringSchema>;

/**
 * Dynamic delta hedge: when the portfolio's net delta (in units of the underlying) leaves
 * ±`deltaBand`, trade the nearest future (or ATM options) to bring it back towards zero.
 */
export const HedgeSettingsSchema = z.object({
  deltaBand: z.number().positive().max(100_000),
  instrument: z.enum(['FUTURE', 'OPTION']).default('FUTURE'),
  /** At most this many hedge trades per entry (a runaway guard). */
  maxHedges: z.number().int().min(1).max(50).default(10),
});
export type HedgeSettings = z.infer<typeof HedgeSettingsSchema>;

export const PortfolioDefinitionSchema = z
  .object({
    settings: PortfolioSettingsSchema,
    legs: z.array(PortfolioLegSchema).min(1, 'add at least one leg').max(12),
    execution: ExecutionSettingsSchema.default(ExecutionSettingsSchema.parse({})),
    entry: EntrySettingsSchema.default(EntrySettingsSchema.parse({})),
    exit: ExitSettingsSchema.default(ExitSettingsSchema.parse({})),
    monitoring: MonitoringSchema.default(MonitoringSchema.parse({})),
    hedge: HedgeSettingsSchema.nullable().default(null),
  })
  .superRefine((definition, ctx) => {
    const ids = new Set<string>();
    definition.legs.forEach((leg, index) => {
      if (ids.has(leg.id)) ctx.addIssue({ code: 'custom', path: ['legs', index, 'id'], message: `two legs are named ${leg.id}` });
      ids.add(leg.id);
    });
    const rule = definition.entry.rule;
    if (rule.kind === 'RANGE_BREAKOUT' && rule.windowEnd <= rule.windowStart) {
      ctx.addIssue({ code: 'custom', path: ['entry', 'rule', 'windowEnd'], message: 'the range window must end after it starts' });
    }
  });
export type PortfolioDefinition = z.infer<typeof PortfolioDefinitionSchema>;
export type PortfolioDefinitionInput = z.input<typeof PortfolioDefinitionSchema>;
