import { z } from 'zod';
import { IstTimeSchema } from './portfolios/portfolio-definition.ts';

/** Why orders are not taken now (null while the session is open). */
export const MARKET_CLOSED_REASONS = ['WEEKEND', 'HOLIDAY', 'BEFORE_OPEN', 'AFTER_CLOSE'] as const;
export const MarketClosedReasonSchema = z.enum(MARKET_CLOSED_REASONS);
export type MarketClosedReason = z.infer<typeof MarketClosedReasonSchema>;

/**
 * The trading session as the engine sees it now — what the terminal's header and order ticket
 * tell a trader before an order is refused for it (MARKET_CLOSED, INTRADAY_CUTOFF).
 */
export const MarketSessionSchema = z.object({
  /** Engine time, epoch ms (a simulated clock in tests and demos). */
  at: z.number().int(),
  /** Orders are taken now: null, or why not. */
  closed: MarketClosedReasonSchema.nullable(),
  /**
   * MARKET_ALWAYS_OPEN: the engine takes orders at any hour (the sandbox default). A live broker
   * still refuses them outside its own hours.
   */
  alwaysOpen: z.boolean(),
  /** NSE's normal session, Monday to Friday except exchange holidays. */
  hours: z.object({ opens: IstTimeSchema, closes: IstTimeSchema }),
  /** The intraday (MIS) square-off time and whether today's has begun; null when the engine has none. */
  intradaySquareOff: z.object({ at: IstTimeSchema, passed: z.boolean() }).nullable(),
});
export type MarketSession = z.infer<typeof MarketSessionSchema>;
