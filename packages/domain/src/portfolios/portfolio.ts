import { z } from 'zod';
import { AccountIdSchema, InstrumentIdSchema, PortfolioIdSchema, UserIdSchema } from '../ids.ts';
import { IsoDateSchema } from '../instrument.ts';
import { PaiseSchema } from '../money.ts';
import { SideSchema } from '../order.ts';
import { LegIdSchema, LegKindSchema, PortfolioDefinitionSchema } from './portfolio-definition.ts';

/**
 * A saved portfolio and where its automation stands. Lifecycle (ADR 0017):
 * DRAFT → WAITING_ENTRY (armed: the entry rule is watched) → ENTERING (basket executing) → ACTIVE
 * (exit monitors and hedging run) → EXITING → CLOSED; re-entry after a stop goes back to
 * WAITING_ENTRY. FAILED: the basket could not be built (and was unwound or left for the trader, as
 * the alert says). STOPPED: the trader disarmed it or the kill switch stopped all automation.
 */
export const PORTFOLIO_STATUSES = ['DRAFT', 'WAITING_ENTRY', 'ENTERING', 'ACTIVE', 'EXITING', 'CLOSED', 'FAILED', 'STOPPED'] as const;
export const PortfolioStatusSchema = z.enum(PORTFOLIO_STATUSES);
export type PortfolioStatus = z.infer<typeof PortfolioStatusSchema>;

/** Statuses in which the engine is watching or trading the portfolio. */
export const AUTOMATED_STATUSES: ReadonlySet<PortfolioStatus> = new Set(['WAITING_ENTRY', 'ENTERING', 'ACTIVE', 'EXITING']);

/** A leg as it was entered: the instrument its selector chose and the average fill. */
export const EnteredLegSchema = z.object({
  legId: LegIdSchema,
  instrumentId: InstrumentIdSchema,
  side: SideSchema,
  /** Units (lots × lot size × multiplier). */
  quantity: z.number().int().positive(),
  /** Average entry price; null until filled. */
  entryPrice: PaiseSchema.nullable(),
  /** The leg's stop now (moved by trailing or to cost); null: no stop. */
  stopPrice: PaiseSchema.nullable(),
  /** The leg was closed by its own target or stop (the rest of the portfolio runs on). */
  closed: z.boolean(),
  /** The SL-M order resting at the broker for this leg (stop loss at broker), if any. */
  stopOrderId: z.string().nullable().default(null),
  /**
   * This entry filled the leg (set as its order completes). An entry completed later (policy
   * COMPLETE after an engine restart) leaves it alone, even when a trade outside the portfolio has
   * closed it since: the book alone would call it missing and buy it again.
   */
  filled: z.boolean().optional(),
});
export type EnteredLeg = z.infer<typeof EnteredLegSchema>;

/** What the monitors must remember across an engine restart. */
export const PortfolioRuntimeSchema = z.object({
  /** Entries made so far (1 after the first entry; re-entries add to it). */
  entries: z.number().int().nonnegative(),
  legs: z.array(EnteredLegSchema),
  /** Net premium of the current entry (paise, + received / − paid), for % thresholds. */
  entryPremium: z.number().int(),
  /** Highest combined MTM seen since entry (trailing stop), paise. */
  peakMtm: z.number().int().nullable(),
  /** Range breakout: the window's high and low so far (paise), and the trading day they belong to. */
  range: z.object({ day: z.number().int(), high: z.number().int(), low: z.number().int() }).nullable(),
  /** Hedge trades made during the current entry (bounded by the hedge's maxHedges). */
  hedges: z.number().int().nonnegative(),
  /** The book's total P&L (realized + unrealized, paise) when the current entry began: MTM counts from it. */
  mtmBaseline: z.number().int().default(0),
  lastEvaluatedAt: z.number().int().nullable(),
});
export type PortfolioRuntime = z.infer<typeof PortfolioRuntimeSchema>;

export const emptyRuntime = (): PortfolioRuntime => ({ entries: 0, legs: [], entryPremium: 0, peakMtm: null, range: null, hedges: 0, mtmBaseline: 0, lastEvaluatedAt: null });

export const PortfolioSchema = z.object({
  id: PortfolioIdSchema,
  userId: UserIdSchema,
  accountId: AccountIdSchema,
  definition: PortfolioDefinitionSchema,
  status: PortfolioStatusSchema,
  /** Why the status last changed, in a trader's words. */
  statusReason: z.string().nullable(),
  runtime: PortfolioRuntimeSchema,
  version: z.number().int().positive(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Portfolio = z.infer<typeof PortfolioSchema>;

export const PORTFOLIO_ACTION_KINDS = [
  'ARMED',
  'ENTRY_TRIGGERED',
  'LEG_ORDER',
  'LEG_FILLED',
  'LEG_FAILED',
  'ENTERED',
  'UNWOUND',
  'EXIT_TRIGGERED',
  'EXITED',
  'LEG_TARGET',
  'LEG_STOP',
  'STOP_MOVED',
  'HEDGE',
  'REENTRY',
  'STOPPED',
  'ALERT',
] as const;
export const PortfolioActionKindSchema = z.enum(PORTFOLIO_ACTION_KINDS);
export type PortfolioActionKind = z.infer<typeof PortfolioActionKindSchema>;

/** The market when an automated action fired: underlying, each leg's last price, combined MTM. */
export const MarketSnapshotSchema = z.object({
  at: z.number().int(),
  underlying: PaiseSchema.nullable(),
  mtm: z.number().int().nullable(),
  netDelta: z.number().nullable(),
  prices: z.record(z.string(), z.number().int()),
});
export type MarketSnapshot = z.infer<typeof MarketSnapshotSchema>;

/** One journaled automated (or trader) action on a portfolio. */
export const PortfolioActionSchema = z.object({
  id: z.number().int(),
  portfolioId: PortfolioIdSchema,
  at: z.number().int(),
  kind: PortfolioActionKindSchema,
  message: z.string(),
  snapshot: MarketSnapshotSchema.nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type PortfolioAction = z.infer<typeof PortfolioActionSchema>;

/** A leg resolved to an instrument with a price: what the payoff and the executor work on. */
export const ResolvedLegSchema = z.object({
  legId: LegIdSchema,
  side: SideSchema,
  kind: LegKindSchema,
  instrumentId: InstrumentIdSchema,
  /** Null for futures. */
  strike: PaiseSchema.nullable(),
  expiry: IsoDateSchema,
  /** Units (lots × lot size × multiplier). */
  quantity: z.number().int().positive(),
  lotSize: z.number().int().positive(),
  /** Premium (or futures price) per unit the leg trades at: the entry price or, before entry, the LTP. */
  price: PaiseSchema,
  /** Implied volatility for T+0 pricing (decimal); null for futures or when unknown. */
  iv: z.number().nullable(),
  /** Absolute delta per unit from the chain (null for futures: 1). */
  delta: z.number().nullable(),
});
export type ResolvedLeg = z.infer<typeof ResolvedLegSchema>;

/** The live figures of an active portfolio (engine-computed; the web shows them). */
export const PortfolioLiveSchema = z.object({
  portfolioId: PortfolioIdSchema,
  status: PortfolioStatusSchema,
  mtm: z.number().int(),
  peakMtm: z.number().int().nullable(),
  netDelta: z.number().nullable(),
  legs: z.array(
    z.object({
      instrumentId: InstrumentIdSchema,
      netQuantity: z.number().int(),
      averagePrice: PaiseSchema.nullable(),
      lastPrice: PaiseSchema.nullable(),
      pnl: z.number().int(),
    }),
  ),
});
export type PortfolioLive = z.infer<typeof PortfolioLiveSchema>;

/** A portfolio with its live figures, as lists show it. */
export type PortfolioWithLive = Portfolio & { live: PortfolioLive | null };
/** A portfolio, its action journal (newest first) and live figures, as its detail view shows it. */
export type PortfolioDetail = { portfolio: Portfolio; actions: PortfolioAction[]; live: PortfolioLive | null };
