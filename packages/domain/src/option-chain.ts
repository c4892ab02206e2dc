import { z } from 'zod';
import { InstrumentIdSchema } from './ids.ts';
import { IsoDateSchema } from './instrument.ts';
import { PaiseSchema } from './money.ts';

/**
 * The option chain as the engine publishes it: quotes from the market, IV and Greeks computed by
 * the engine with the domain's options math on every underlying tick (ADR 0007 for conventions).
 * IV is a decimal (0.1523 = 15.23 %); Greeks are per unit of underlying: delta, gamma per ₹1,
 * theta ₹ per calendar day, vega ₹ per vol point. Null where the price carries no information.
 */
export const ChainOptionSchema = z.object({
  instrumentId: InstrumentIdSchema,
  bid: PaiseSchema.nullable(),
  ask: PaiseSchema.nullable(),
  lastPrice: PaiseSchema,
  /** Change from the previous close, paise. */
  change: z.number().int(),
  volume: z.number().int().nonnegative(),
  openInterest: z.number().int().nonnegative(),
  /**
   * Change of open interest since the previous session's close; null when the market data does not
   * say what it was then (a broker's live feed carries today's OI only) — never a made-up 0.
   */
  openInterestChange: z.number().int().nullable(),
  iv: z.number().nullable(),
  delta: z.number().nullable(),
  gamma: z.number().nullable(),
  theta: z.number().nullable(),
  vega: z.number().nullable(),
});
export type ChainOption = z.infer<typeof ChainOptionSchema>;

export const ChainRowSchema = z.object({
  strike: PaiseSchema,
  call: ChainOptionSchema.nullable(),
  put: ChainOptionSchema.nullable(),
});
export type ChainRow = z.infer<typeof ChainRowSchema>;

export const OptionChainSchema = z.object({
  underlying: z.string(),
  expiry: IsoDateSchema,
  expiryType: z.enum(['WEEKLY', 'MONTHLY']),
  /** Epoch ms of the underlying tick this chain was computed on. */
  timestamp: z.number().int(),
  spot: PaiseSchema,
  /** The listed future of this expiry when there is one, else null (the forward is implied). */
  future: PaiseSchema.nullable(),
  /** Forward used for pricing (rupees, a model number — not money). */
  forward: z.number(),
  timeToExpiryYears: z.number(),
  /** D = e^(−rT) used for pricing, so browser what-ifs price exactly as the engine does. */
  discountFactor: z.number(),
  /** The query's strikes each side, echoed so a client can drop pushes meant for another query. */
  strikesEachSide: z.number().int().positive(),
  lotSize: z.number().int().positive(),
  atmStrike: PaiseSchema,
  /** Mean IV of the ATM call and put; null without one, or when the forward is past the listed strikes. */
  atmIv: z.number().nullable(),
  /** Put-call ratio of open interest over every listed strike of the expiry (as NSE computes it). */
  pcr: z.number().nullable(),
  /** Strike at which option writers' total payout at expiry is smallest, over every listed strike. */
  maxPain: PaiseSchema.nullable(),
  rows: z.array(ChainRowSchema),
});
export type OptionChain = z.infer<typeof OptionChainSchema>;

export const ChainQuerySchema = z.object({
  underlying: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,20}$/),
  expiry: IsoDateSchema,
  /** Strikes each side of ATM (the chain shows 2 × this + 1 rows at most); the screen's choices. */
  strikesEachSide: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30)]).default(15),
});
export type ChainQuery = z.infer<typeof ChainQuerySchema>;

export const ChainExpiriesQuerySchema = z.object({ underlying: ChainQuerySchema.shape.underlying });

export const ChainExpirySchema = z.object({ expiry: IsoDateSchema, expiryType: z.enum(['WEEKLY', 'MONTHLY']) });
export type ChainExpiry = z.infer<typeof ChainExpirySchema>;
