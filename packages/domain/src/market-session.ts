import { z } from 'zod';

/** "HH:MM", IST. */
const IstTimeSchema = z.string().regex(/^\d{2}:\d{2}$/);

/**
 * The trading session as the engine sees it now — what the terminal's header and order ticket
 * tell a trader before an order is refused for it (MARKET_CLOSED, INTRADAY_CUTOFF).
 */
export const MarketSessionSchema = z.object({
  /** Engine time, epoch ms (a simulated clock in tests and demos). */
  at: z.number().int(),
  /** Orders are taken now. */
  open: z.boolean(),
  /** The sandbox (MARKET_ALWAYS_OPEN): orders are taken at any hour. */
  alwaysOpen: z.boolean(),
  /** NSE's normal session, Monday to Friday except exchange holidays. */
  hours: z.object({ opens: IstTimeSchema, closes: IstTimeSchema }),
  /** The intraday (MIS) square-off time and whether today's has begun; null when the engine has none. */
  intradaySquareOff: z.object({ at: IstTimeSchema, passed: z.boolean() }).nullable(),
});
export type MarketSession = z.infer<typeof MarketSessionSchema>;
