import { z } from 'zod';
import { DomainError } from './errors.ts';
import { AccountIdSchema, InstrumentIdSchema, UserIdSchema } from './ids.ts';
import type { Instrument } from './instrument.ts';
import { PaiseSchema, rupeesLabel, type Paise } from './money.ts';
import { PriceAlertOrderOutcomeSchema, PriceAlertOrderSchema, priceAlertOrderOutcomeText, priceAlertOrderText, type PriceAlertOrderOutcome } from './price-alert-order.ts';

/**
 * Price alerts: "tell me when NIFTY DEC FUT trades at or above ₹26,200". A user's own (not an
 * account's: they watch the market, they place nothing). The engine watches the live last price and
 * fires each alert once; the terminal pops it up and Telegram carries it when set up. One with an
 * order attached is a GTT (price-alert-order.ts): that order is placed in the user's account when it fires.
 */
export const PriceAlertIdSchema = z.string().uuid().brand<'PriceAlertId'>();
export type PriceAlertId = z.infer<typeof PriceAlertIdSchema>;

/** ABOVE: the last price reaches the level or goes past it upwards; BELOW: downwards. */
export const PRICE_ALERT_CONDITIONS = ['ABOVE', 'BELOW'] as const;
export const PriceAlertConditionSchema = z.enum(PRICE_ALERT_CONDITIONS);
export type PriceAlertCondition = z.infer<typeof PriceAlertConditionSchema>;

/** EXPIRED: its contract expired before the price reached the level (ended at the expiry close), or it was a year old. */
export const PRICE_ALERT_STATUSES = ['ACTIVE', 'TRIGGERED', 'CANCELLED', 'EXPIRED'] as const;
export const PriceAlertStatusSchema = z.enum(PRICE_ALERT_STATUSES);
export type PriceAlertStatus = z.infer<typeof PriceAlertStatusSchema>;

/** An alert still active this long after it was set ends as EXPIRED (as Kite's GTTs end after a year). */
export const PRICE_ALERT_LIFETIME_DAYS = 365;

/** At most this many active alerts per user: more is ALERT_LIMIT_REACHED. */
export const MAX_ACTIVE_PRICE_ALERTS = 100;

export const PriceAlertSchema = z.object({
  id: PriceAlertIdSchema,
  userId: UserIdSchema,
  instrumentId: InstrumentIdSchema,
  condition: PriceAlertConditionSchema,
  price: PaiseSchema,
  note: z.string(),
  status: PriceAlertStatusSchema,
  createdAt: z.number().int(),
  /** When the engine saw the last price reach the level, and that price; null until then. */
  triggeredAt: z.number().int().nullable(),
  triggeredPrice: PaiseSchema.nullable(),
  cancelledAt: z.number().int().nullable(),
  expiredAt: z.number().int().nullable(),
  /** A GTT's account (the user's when it was set) and order; both null for a plain alert. */
  accountId: AccountIdSchema.nullable(),
  order: PriceAlertOrderSchema.nullable(),
  /** A fired GTT's order, once placed (or why not); null before, and for a plain alert. */
  orderOutcome: PriceAlertOrderOutcomeSchema.nullable(),
  /** The other leg of an OCO pair (each names the other): whichever fires first cancels it. */
  ocoWith: PriceAlertIdSchema.nullable(),
});
export type PriceAlert = z.infer<typeof PriceAlertSchema>;

const PositivePriceSchema = PaiseSchema.refine((price) => price > 0, 'price must be above 0');

/**
 * The second leg of an OCO GTT ("one cancels the other", as Kite's): the opposite condition at its
 * own level, with its own order — a target above the price and a stop-loss below it, typically.
 * Whichever fires first places its order and cancels the other in the same update.
 */
export const PriceAlertOcoLegSchema = z.strictObject({ price: PositivePriceSchema, order: PriceAlertOrderSchema });

export const CreatePriceAlertInputSchema = z
  .strictObject({
    instrumentId: InstrumentIdSchema,
    condition: PriceAlertConditionSchema,
    price: PositivePriceSchema,
    note: z.string().trim().max(200, 'note: at most 200 characters').default(''),
    /** Makes it a GTT: this order is placed in the caller's account when the alert fires (traders and admins only). */
    order: PriceAlertOrderSchema.optional(),
    /** Makes it an OCO pair with a second leg on the other side (needs `order` too). */
    oco: PriceAlertOcoLegSchema.optional(),
  })
  .refine((input) => input.oco === undefined || input.order !== undefined, { message: 'oco: an OCO pair places an order on either leg: give the first leg an order too', path: ['oco'] })
  .refine((input) => input.oco === undefined || (input.condition === 'ABOVE' ? input.price > input.oco.price : input.price < input.oco.price), {
    message: 'oco: the "at or above" level must be above the "at or below" one, or both could fire at once',
    path: ['oco', 'price'],
  });
export type CreatePriceAlertInput = z.input<typeof CreatePriceAlertInputSchema>;

export const PriceAlertIdInputSchema = z.strictObject({ id: PriceAlertIdSchema });

/**
 * A change to an active alert — its level, note, or a GTT's order (a trailing stop-loss, a target
 * moved): the alert stays the same alert, its condition and its OCO pair too. At least one field.
 */
export const ModifyPriceAlertInputSchema = z
  .strictObject({
    id: PriceAlertIdSchema,
    price: PositivePriceSchema.optional(),
    note: z.string().trim().max(200, 'note: at most 200 characters').optional(),
    order: PriceAlertOrderSchema.optional(),
  })
  .refine((input) => input.price !== undefined || input.note !== undefined || input.order !== undefined, 'Send at least one of price, note or order to change.');
export type ModifyPriceAlertInput = z.input<typeof ModifyPriceAlertInputSchema>;

/** Whether a last price meets the alert's level. A 0 (Kite and XTS: not traded yet) is no price. */
export function priceAlertMet(alert: Pick<PriceAlert, 'condition' | 'price'>, lastPrice: number): boolean {
  if (lastPrice <= 0) return false;
  return alert.condition === 'ABOVE' ? lastPrice >= alert.price : lastPrice <= alert.price;
}

/**
 * Why a new alert on `instrument` must be refused, or null. An index is fine (watched, never traded);
 * a dated contract offered as not tradable has expired: no price will ever reach the level. A level
 * the last price is already at or past would fire at once: almost always a typo or the wrong side.
 */
export function priceAlertRefusal(
  instrument: Pick<Instrument, 'displayName' | 'expiry' | 'tradable'>,
  lastPrice: number | undefined,
  alert: Pick<PriceAlert, 'condition' | 'price'>,
): DomainError | null {
  if (instrument.expiry !== null && !instrument.tradable) {
    return new DomainError('CONTRACT_EXPIRED', `${instrument.displayName} has expired: an alert on it would never fire.`);
  }
  if (lastPrice !== undefined && priceAlertMet(alert, lastPrice)) {
    const side = alert.condition === 'ABOVE' ? 'at or above' : 'at or below';
    return new DomainError('PRICE_ALERT_ALREADY_MET', `${instrument.displayName} is already ${side} ${rupeesLabel(alert.price)} (last price ${rupeesLabel(lastPrice as Paise)}): the alert would fire at once.`);
  }
  return null;
}

/** The condition of an OCO pair's other leg. */
export const oppositeCondition = (condition: PriceAlertCondition): PriceAlertCondition => (condition === 'ABOVE' ? 'BELOW' : 'ABOVE');

/** "at or above ₹26,200" — the level as a trader set it. */
export const priceAlertLevelText = (alert: Pick<PriceAlert, 'condition' | 'price'>): string =>
  `${alert.condition === 'ABOVE' ? 'at or above' : 'at or below'} ${rupeesLabel(alert.price)}`;

/**
 * The sentence a trader reads when it fires (toast, Telegram): "NIFTY DEC FUT traded at ₹26,201.50:
 * your alert at or above ₹26,200 (note)." — and for a GTT, its order and what became of it.
 */
export function priceAlertTriggeredText(
  alert: Pick<PriceAlert, 'condition' | 'price' | 'note'> & { triggeredPrice: Paise | null; order?: PriceAlert['order']; orderOutcome?: PriceAlertOrderOutcome | null; ocoWith?: string | null },
  instrumentName: string,
): string {
  const at = alert.triggeredPrice === null ? '' : ` traded at ${rupeesLabel(alert.triggeredPrice)}`;
  const note = alert.note === '' ? '' : ` (${alert.note})`;
  const order = alert.order ? ` GTT ${priceAlertOrderText(alert.order)}: ${alert.orderOutcome ? priceAlertOrderOutcomeText(alert.orderOutcome) : 'placing the order'}.` : '';
  const pair = alert.ocoWith ? ' Its OCO pair is cancelled.' : '';
  return `${instrumentName}${at}: your alert ${priceAlertLevelText(alert)}${note}.${order}${pair}`;
}

/**
 * The gateway's pushes: `priceAlert` to the alert's owner when it fires; `priceAlertsStale` to
 * every socket when the gateway's database listener came back — a fire told meanwhile was not
 * heard, so the alerts list must be read again.
 */
export type PriceAlertServerEvents = {
  priceAlert: (payload: { alert: PriceAlert; instrumentName: string }) => void;
  priceAlertsStale: () => void;
};
