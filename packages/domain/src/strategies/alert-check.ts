import { z } from 'zod';
import { PortfolioIdSchema, StrategyIdSchema } from '../ids.ts';
import { OrderTypeSchema, ProductSchema, SideSchema } from '../order.ts';
import { AlertMessageSchema } from './alert-message.ts';

/** The largest alert body the webhook reads (TradingView's own messages are far smaller). */
export const ALERT_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * "Check a message": a dry run of a TradingView alert for one of the caller's strategies. The body
 * is read as the webhook reads it under the media type chosen (JSON or text/plain). Its size in
 * bytes is judged by the check itself, so an oversize body gets the webhook's own answer
 * (WEBHOOK_BODY_TOO_LARGE); the character bound only keeps the request small.
 */
export const CheckAlertInputSchema = z.object({
  strategyId: StrategyIdSchema,
  body: z.string().max(ALERT_BODY_LIMIT_BYTES * 2),
  contentType: z.enum(['json', 'text']),
});
export type CheckAlertInput = z.infer<typeof CheckAlertInputSchema>;

/** The alert as read, without its passphrase (never echoed back). */
export const CheckedAlertSchema = AlertMessageSchema.omit({ passphrase: true });
export type CheckedAlert = z.infer<typeof CheckedAlertSchema>;

/** Gateway → engine: what would this (already checked) alert do now, under the strategy's current version? */
export const SignalCheckQuerySchema = z.object({
  strategyId: StrategyIdSchema,
  version: z.number().int().positive(),
  message: CheckedAlertSchema,
  /** Arrived outside the strategy's time window (the intake's mark): only what closes may go. */
  outsideWindow: z.boolean(),
});
export type SignalCheckQuery = z.infer<typeof SignalCheckQuerySchema>;

/**
 * What the engine would do with the alert now: one order, a portfolio action, nothing (and why),
 * or a refusal after TradingView was answered "accepted" (strategy limits, halts, no price...).
 */
export const AlertOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ORDER'),
    side: SideSchema,
    /** Units to send; `lotSize` turns them into lots. */
    units: z.number().int().positive(),
    lotSize: z.number().int().positive(),
    instrumentId: z.string(),
    instrumentName: z.string(),
    orderType: OrderTypeSchema,
    product: ProductSchema,
    /** Paise; the LIMIT price from the last traded price and the strategy's buffer (null for MARKET). */
    limitPrice: z.number().int().nullable(),
    /** The strategy's position (book plus working orders) before, and the position the alert asks for, in units. */
    currentUnits: z.number().int(),
    targetUnits: z.number().int(),
    /** The strategy's resting entries this alert would cancel first (an exit ends the intent to enter). */
    cancelsOrderIds: z.array(z.string()),
    /** Units of the alert's opening part held back (outside the window): only its closing part goes. */
    notOpenedUnits: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('PORTFOLIO'),
    /** ARM starts the portfolio (its entry rule decides when it enters), EXIT squares it off, DISARM stops it before it entered. */
    action: z.enum(['ARM', 'EXIT', 'DISARM']),
    portfolioId: PortfolioIdSchema,
    portfolioName: z.string(),
  }),
  z.object({ kind: z.literal('NONE'), reason: z.string() }),
  z.object({ kind: z.literal('REFUSED'), code: z.string(), message: z.string() }),
]);
export type AlertOutcome = z.infer<typeof AlertOutcomeSchema>;

/**
 * The answer of a check: `ok: false` carries the code and message the webhook would answer
 * TradingView with (the alert would be refused and recorded); `ok: true` means the webhook would
 * accept it, and `wouldDo` says what the engine would then do.
 */
export const AlertCheckResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), parsed: CheckedAlertSchema, wouldDo: AlertOutcomeSchema, notes: z.array(z.string()) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type AlertCheckResult = z.infer<typeof AlertCheckResultSchema>;
