import { z } from 'zod';

// Branded ids: a UserId can never be passed where an AccountId is expected.
export const UserIdSchema = z.string().uuid().brand<'UserId'>();
export type UserId = z.infer<typeof UserIdSchema>;

export const AccountIdSchema = z.string().uuid().brand<'AccountId'>();
export type AccountId = z.infer<typeof AccountIdSchema>;

export const OrderIdSchema = z.string().min(1).max(64).brand<'OrderId'>();
export type OrderId = z.infer<typeof OrderIdSchema>;

/**
 * Our idempotency key for an order, chosen by the client (or derived from an alert). It travels to
 * the broker (Kite `tag` is max 20 chars, XTS `orderUniqueIdentifier`), hence the tight alphabet.
 * A `.` only ever appears in ids the engine derives for the 2nd…nth slice of an order split above
 * the freeze quantity (see slice-ids.ts), so those can never collide with a client's own id.
 */
export const ClientOrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,20}$/, 'client order id: 1-20 letters, digits, _ or -')
  .brand<'ClientOrderId'>();
export type ClientOrderId = z.infer<typeof ClientOrderIdSchema>;

/** A GTT's order's client order id: `gtt` + 17 hex digits of its alert's id (price-alert-order.ts). */
export const PRICE_ALERT_CLIENT_ORDER_ID = /^gtt[0-9a-f]{17}$/;

/**
 * What a client may send as its client order id: no `.` (reserved for derived slice ids) and no
 * `sd-` prefix (reserved for the ids the engine generates for orders sent without one).
 */
export const RequestedClientOrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, 'client order id: 1-20 letters, digits, _ or -')
  .refine((value) => !value.startsWith('sd-'), 'client order id: the prefix sd- is reserved for ids the terminal generates')
  // tv<digits> names a TradingView signal's order (exactly-once processing finds it by that id).
  .refine((value) => !/^tv\d/.test(value), 'client order id: tv followed by digits is reserved for TradingView signals')
  // gtt + 17 hex digits names a GTT's order (price-alert-order.ts): placing it again finds the first.
  .refine((value) => !PRICE_ALERT_CLIENT_ORDER_ID.test(value), 'client order id: gtt followed by 17 hex digits is reserved for GTT orders')
  .pipe(ClientOrderIdSchema);

/** A strategy (issue 7) and a multi-leg portfolio (issue 6): orders carry them for attribution. */
export const StrategyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).brand<'StrategyId'>();
export type StrategyId = z.infer<typeof StrategyIdSchema>;
export const PortfolioIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).brand<'PortfolioId'>();
export type PortfolioId = z.infer<typeof PortfolioIdSchema>;

/** `EXCHANGE:TRADINGSYMBOL`, e.g. `NFO:NIFTY26DEC24000CE`, `NSE:NIFTY 50`. */
export const InstrumentIdSchema = z
  .string()
  .regex(/^(NSE|NFO|BSE|BFO):[A-Z0-9 &_-]{1,40}$/, 'instrument id must look like NFO:NIFTY26DEC24000CE')
  .brand<'InstrumentId'>();
export type InstrumentId = z.infer<typeof InstrumentIdSchema>;

/**
 * What an instrument id alone says — its exchange and trading symbol — for naming a contract the
 * listing no longer knows (`NFO:NIFTY26D0924000CE` → NFO, NIFTY26D0924000CE).
 */
export function instrumentIdParts(instrumentId: string): { exchange: string; symbol: string } {
  const colon = instrumentId.indexOf(':');
  return { exchange: instrumentId.slice(0, colon < 0 ? 0 : colon), symbol: instrumentId.slice(colon + 1) };
}

export const TradeIdSchema = z.string().min(1).max(64).brand<'TradeId'>();
export type TradeId = z.infer<typeof TradeIdSchema>;

export const asUserId = (value: string): UserId => UserIdSchema.parse(value);
export const asAccountId = (value: string): AccountId => AccountIdSchema.parse(value);
export const asOrderId = (value: string): OrderId => OrderIdSchema.parse(value);
export const asClientOrderId = (value: string): ClientOrderId => ClientOrderIdSchema.parse(value);
export const asInstrumentId = (value: string): InstrumentId => InstrumentIdSchema.parse(value);
export const asTradeId = (value: string): TradeId => TradeIdSchema.parse(value);
