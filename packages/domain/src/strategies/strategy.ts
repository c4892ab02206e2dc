import { z } from 'zod';
import { AccountIdSchema, InstrumentIdSchema, PortfolioIdSchema, StrategyIdSchema, UserIdSchema } from '../ids.ts';
import { ProductSchema } from '../order.ts';

/**
 * Strategy templates:
 * - TV_INSTRUMENT: TradingView alerts trade one instrument (or a rolling future);
 * - TV_PORTFOLIO: TradingView alerts enter (buy/sell) and exit a linked multi-leg portfolio;
 * - SCHEDULED_PORTFOLIO: the engine enters a linked portfolio at a time of day on chosen weekdays
 *   (e.g. "9:20 short straddle"); the portfolio's own exit rules take it out.
 */
export const STRATEGY_TEMPLATES = ['TV_INSTRUMENT', 'TV_PORTFOLIO', 'SCHEDULED_PORTFOLIO'] as const;
export const StrategyTemplateSchema = z.enum(STRATEGY_TEMPLATES);
export type StrategyTemplate = z.infer<typeof StrategyTemplateSchema>;

/** PAPER routes the strategy's orders to the owner's paper account; LIVE to the strategy's account. */
export const STRATEGY_MODES = ['PAPER', 'LIVE'] as const;
export const StrategyModeSchema = z.enum(STRATEGY_MODES);
export type StrategyMode = z.infer<typeof StrategyModeSchema>;

const UnderlyingSchema = z.string().regex(/^[A-Z0-9]{2,20}$/, 'underlying: capital letters and digits, e.g. NIFTY');
/** HH:MM in IST; 24:00 is the end of the day. */
const ClockTimeSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'time of day: HH:MM (IST)');

/**
 * What the strategy trades: a fixed instrument, the n-th nearest future of an underlying (rolls by
 * itself at expiry, like TradingView's NIFTY1!), or a multi-leg portfolio it enters and exits.
 */
export const StrategyTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('INSTRUMENT'), instrumentId: InstrumentIdSchema }),
  z.object({ kind: z.literal('CONTINUOUS_FUTURE'), underlying: UnderlyingSchema, nth: z.number().int().min(1).max(3) }),
  z.object({ kind: z.literal('PORTFOLIO'), portfolioId: PortfolioIdSchema }),
]);
export type StrategyTarget = z.infer<typeof StrategyTargetSchema>;

export const StrategyScheduleSchema = z.object({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time of day: HH:MM (IST)'),
  weekdays: z
    .array(z.number().int().min(1).max(5))
    .min(1, 'choose at least one weekday')
    .max(5)
    .transform((days) => [...new Set(days)].sort())
    .default([1, 2, 3, 4, 5]),
});
export type StrategySchedule = z.infer<typeof StrategyScheduleSchema>;

/** Checks on every alert before it may trade; all counted per strategy. */
export const StrategyGuardsSchema = z.object({
  maxSignalsPerMinute: z.number().int().min(1).max(600).default(10),
  maxSignalsPerDay: z.number().int().min(1).max(10_000).default(100),
  /** Accepted from `start` up to `end`, IST, on any day (the engine refuses orders when the market is shut). */
  window: z
    .object({ start: ClockTimeSchema, end: ClockTimeSchema })
    .refine((window) => window.start < window.end, 'window: start must be before end')
    .default({ start: '09:15', end: '15:25' }),
  /** An alert still waiting this long (the engine was down) is refused, not traded late. */
  maxDelaySeconds: z.number().int().min(5).max(86_400).default(300),
  /** Client IPs allowed to post; empty means any. TradingView's are in TRADINGVIEW_WEBHOOK_IPS. */
  allowedIps: z.array(z.union([z.ipv4(), z.ipv6()])).max(20).default([]),
});
export type StrategyGuards = z.infer<typeof StrategyGuardsSchema>;

/** Per-strategy limits, on top of the account's own pre-trade limits. */
export const StrategyRiskSchema = z.object({
  maxLotsPerOrder: z.number().int().min(1).max(10_000).default(10),
  maxPositionLots: z.number().int().min(1).max(100_000).default(20),
});
export type StrategyRisk = z.infer<typeof StrategyRiskSchema>;

/** One version of a strategy's configuration: each change is a new version, orders record it. */
export const StrategyConfigSchema = z.object({
  target: StrategyTargetSchema,
  product: ProductSchema.default('MIS'),
  /** What TradingView's "contracts" count: lots (usual for F&O strategies) or units. */
  contractsAre: z.enum(['LOTS', 'UNITS']).default('LOTS'),
  /** Lots traded when a buy/sell alert carries no quantity. */
  defaultLots: z.number().int().min(1).max(10_000).default(1),
  /**
   * ORDER: buy/sell trade the alert's contracts. POSITION: when the alert carries
   * {{strategy.position_size}}, buy/sell move the strategy's position to it, so a missed or repeated
   * alert cannot leave the book out of step with TradingView's.
   */
  sizing: z.enum(['ORDER', 'POSITION']).default('ORDER'),
  orderType: z.enum(['MARKET', 'LIMIT']).default('MARKET'),
  /** LIMIT orders are priced at LTP ± this % (marketable, but never unbounded). */
  limitBufferPercent: z.number().min(0).max(5).default(0.5),
  /** Extra TradingView tickers mapped to our instruments, e.g. {"NIFTY1!": "NFO:NIFTY26DECFUT"}. */
  tickerAliases: z.record(z.string().min(1).max(60), InstrumentIdSchema).default({}),
  guards: StrategyGuardsSchema.default(StrategyGuardsSchema.parse({})),
  risk: StrategyRiskSchema.default(StrategyRiskSchema.parse({})),
  /** SCHEDULED_PORTFOLIO: when the engine enters the linked portfolio (IST; 1 = Monday … 5 = Friday). */
  schedule: StrategyScheduleSchema.nullable().default(null),
});
export type StrategyConfig = z.infer<typeof StrategyConfigSchema>;

/**
 * Whether a configuration fits its template: instrument strategies name an instrument, portfolio
 * strategies a portfolio, and only a scheduled one has (and needs) a schedule. Null when it fits.
 */
export function templateMismatch(template: StrategyTemplate, config: Pick<StrategyConfig, 'target' | 'schedule'>): string | null {
  const portfolio = config.target.kind === 'PORTFOLIO';
  if (template === 'TV_INSTRUMENT' && portfolio) return 'A "TradingView → single instrument" strategy trades an instrument, not a portfolio.';
  if (template !== 'TV_INSTRUMENT' && !portfolio) return 'Choose the multi-leg portfolio this strategy runs.';
  if (template === 'SCHEDULED_PORTFOLIO' && config.schedule === null) return 'A scheduled strategy needs a time of day and weekdays.';
  if (template !== 'SCHEDULED_PORTFOLIO' && config.schedule !== null) return 'Only a scheduled strategy has a schedule.';
  return null;
}
export type StrategyConfigInput = z.input<typeof StrategyConfigSchema>;

export const StrategySchema = z.object({
  id: StrategyIdSchema,
  userId: UserIdSchema,
  accountId: AccountIdSchema,
  name: z.string(),
  template: StrategyTemplateSchema,
  enabled: z.boolean(),
  mode: StrategyModeSchema,
  version: z.number().int().positive(),
  config: StrategyConfigSchema,
  /** Last 4 characters of the webhook token, to tell URLs apart; the token itself is never stored. */
  tokenHint: z.string(),
  hasPassphrase: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Strategy = z.infer<typeof StrategySchema>;

export const StrategyVersionSchema = z.object({
  version: z.number().int().positive(),
  config: StrategyConfigSchema,
  changedBy: UserIdSchema,
  changedAt: z.number().int(),
  comment: z.string(),
});
export type StrategyVersion = z.infer<typeof StrategyVersionSchema>;

const NameSchema = z.string().trim().min(1, 'name is required').max(80);
// Trimmed like the alert's value is, so a passphrase typed with a stray space still matches.
const PassphraseSchema = z.string().trim().min(8, 'passphrase: at least 8 characters').max(200);

export const CreateStrategyInputSchema = z
  .object({
    name: NameSchema,
    template: StrategyTemplateSchema.default('TV_INSTRUMENT'),
    mode: StrategyModeSchema.default('PAPER'),
    config: StrategyConfigSchema,
    passphrase: PassphraseSchema.nullish(),
  })
  .superRefine((input, ctx) => {
    const mismatch = templateMismatch(input.template, input.config);
    if (mismatch) ctx.addIssue({ code: 'custom', path: ['config', 'target'], message: mismatch });
  });
export type CreateStrategyInput = z.input<typeof CreateStrategyInputSchema>;

export const UpdateStrategyConfigInputSchema = z.object({
  strategyId: StrategyIdSchema,
  /** The version the change was made against: a stale editor gets STRATEGY_VERSION_CONFLICT. */
  expectedVersion: z.number().int().positive(),
  config: StrategyConfigSchema,
  comment: z.string().trim().max(200).default(''),
});

export const UpdateStrategySettingsInputSchema = z.object({
  strategyId: StrategyIdSchema,
  name: NameSchema.optional(),
  enabled: z.boolean().optional(),
  mode: StrategyModeSchema.optional(),
  /** null removes the passphrase. */
  passphrase: PassphraseSchema.nullable().optional(),
});

export const StrategyRefSchema = z.object({ strategyId: StrategyIdSchema });

/** TradingView's webhook source addresses (help center 43000529348). */
export const TRADINGVIEW_WEBHOOK_IPS = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'] as const;
