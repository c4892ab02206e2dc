import { z } from 'zod';
import { DomainError } from './errors.ts';
import { AccountIdSchema, ClientOrderIdSchema, InstrumentIdSchema, OrderIdSchema, PortfolioIdSchema, StrategyIdSchema, TradeIdSchema } from './ids.ts';
import { InstrumentSchema, IsoDateSchema } from './instrument.ts';
import { PaiseSchema } from './money.ts';
import { OrderOriginSchema, ProductSchema, SideSchema } from './order.ts';
import { istDayStart, istDayToIsoDate, isoDateToIstDay } from './trading-day.ts';

/**
 * One execution of one of the account's orders, as the journal recorded it: what a broker's
 * tradebook lists (Kite Console's "Tradebook"), and what a trader exports for their accounts and
 * tax filing. An order filled in three parts is three trades.
 */
export const TradeSchema = z.object({
  tradeId: TradeIdSchema,
  orderId: OrderIdSchema,
  clientOrderId: ClientOrderIdSchema,
  brokerOrderId: z.string().nullable(),
  instrumentId: InstrumentIdSchema,
  side: SideSchema,
  product: ProductSchema,
  /** Units (not lots). */
  quantity: z.number().int().positive(),
  price: PaiseSchema,
  /** price × quantity, exact. */
  value: PaiseSchema,
  /** When the exchange executed it (the broker's time when it sent one), epoch ms. */
  executedAt: z.number().int(),
  origin: OrderOriginSchema,
  strategyId: StrategyIdSchema.nullable(),
  portfolioId: PortfolioIdSchema.nullable(),
});
export type Trade = z.infer<typeof TradeSchema>;

/** At most this many IST days in one tradebook (a financial year and a leap day). */
export const TRADEBOOK_MAX_DAYS = 366;

/**
 * At most this many trades in one tradebook — a year of 200 fills a day — more is TRADEBOOK_TOO_LARGE.
 * The answer is one message between engine and gateway (about 400 bytes of JSON a trade: 20 MB
 * here) and is read on the engine's one thread; a bigger book is asked for in parts.
 */
export const TRADEBOOK_MAX_TRADES = 50_000;

/** A real calendar date (the regex alone lets 2026-02-31 through). */
const CalendarDateSchema = IsoDateSchema.refine((value) => Number.isInteger(isoDateToIstDay(value)) && istDayToIsoDate(isoDateToIstDay(value)) === value, 'not a calendar date');

/** Which days (IST, both included) the caller asks for; the gateway names the account from the caller's token. */
export const TradebookInputSchema = z.object({ from: CalendarDateSchema, to: CalendarDateSchema });
export type TradebookInput = z.infer<typeof TradebookInputSchema>;

export const TradebookQuerySchema = TradebookInputSchema.extend({ accountId: AccountIdSchema });
export type TradebookQuery = z.infer<typeof TradebookQuerySchema>;

/**
 * The account's trades executed on those days, oldest first, with the definition of each
 * instrument as the engine knows it (today's listing, or as it was listed before it expired): a
 * contract that expired months ago is still named properly when one is known. Instruments no
 * longer known are left out; their id (`NFO:NIFTY26D0924000CE`) still names exchange and symbol.
 */
export const TradebookSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  trades: z.array(TradeSchema),
  instruments: z.array(InstrumentSchema),
});
export type Tradebook = z.infer<typeof TradebookSchema>;

/** The epoch-ms span [start, end) of a tradebook's IST days; a reversed or too long range is refused. */
export function tradebookSpan({ from, to }: TradebookInput): { start: number; end: number } {
  const first = isoDateToIstDay(from);
  const last = isoDateToIstDay(to);
  if (last < first) throw new DomainError('TRADEBOOK_RANGE_INVALID', `The start date ${from} is after the end date ${to}.`);
  const days = last - first + 1;
  if (days > TRADEBOOK_MAX_DAYS) throw new DomainError('TRADEBOOK_RANGE_TOO_LONG', `${days} days asked; choose at most ${TRADEBOOK_MAX_DAYS} days at a time.`);
  return { start: istDayStart(first), end: istDayStart(last + 1) };
}
