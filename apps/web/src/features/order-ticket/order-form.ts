import {
  asClientOrderId,
  formatRupees,
  isOnTick,
  parseRupees,
  type ClientOrderId,
  type Instrument,
  type ModifyOrderInput,
  type OrderId,
  type OrderType,
  type Paise,
  type PlaceOrderInput,
  type Product,
  type Side,
} from '@strikedesk/domain';

/** What the trader typed: text as entered, parsed only on submit. */
export type OrderFormValues = {
  side: Side;
  type: OrderType;
  product: Product;
  lots: string;
  price: string;
  triggerPrice: string;
};

export type OrderFormErrors = Partial<Record<'lots' | 'price' | 'triggerPrice', string>>;

export type OrderFormResult<T> = { ok: true; value: T } | { ok: false; errors: OrderFormErrors };

export const ORDER_TYPE_LABELS: Record<OrderType, string> = { MARKET: 'MARKET', LIMIT: 'LIMIT', SL: 'SL', SL_M: 'SL-M' };

export const needsPrice = (type: OrderType): boolean => type === 'LIMIT' || type === 'SL';
export const needsTrigger = (type: OrderType): boolean => type === 'SL' || type === 'SL_M';

/** A whole, positive number of lots; null otherwise. */
export function parseLots(text: string): number | null {
  if (!/^\d{1,7}$/.test(text.trim())) return null;
  const lots = Number(text.trim());
  return lots > 0 ? lots : null;
}

const PRICE_EXAMPLE = 'Enter rupees, e.g. 245.35';

function parsePriceField(text: string, label: string): { value: Paise | null; error?: string } {
  if (text.trim() === '') return { value: null, error: `${label} is required for this order type.` };
  const value = parseRupees(text);
  if (value === null || value <= 0) return { value: null, error: `${label}: ${PRICE_EXAMPLE}.` };
  return { value };
}

/** "₹0.05" for a tick of 5 paise. */
const tickText = (tickSize: Paise): string => `₹${formatRupees(tickSize)}`;

/**
 * The exchange takes prices on its tick only: say so, with the two nearest valid prices, before the
 * order is sent (the engine would deny it and the typo would sit in the orderbook as DENIED).
 */
function offTickError(label: string, price: Paise, tickSize: Paise): string | undefined {
  if (isOnTick(price, tickSize)) return undefined;
  const below = Math.floor(price / tickSize) * tickSize;
  const nearest = [below, below + tickSize].filter((candidate) => candidate > 0).map((candidate) => formatRupees(candidate as Paise));
  return `${label} must be a multiple of the tick size ${tickText(tickSize)}: try ${nearest.join(' or ')}.`;
}

/** What the form checks against: the instrument's sizes, and the live last price when known. */
export type OrderFormContext = {
  side: Side;
  lotSize: number;
  tickSize: Paise;
  /** The LTP when the ticket has one: a stop whose trigger is already crossed would fire at once. */
  lastPrice?: Paise | undefined;
};

type ParsedPrices = { quantity: number; price: Paise | null; triggerPrice: Paise | null };

function parseCommon(form: Omit<OrderFormValues, 'side' | 'product'>, context: OrderFormContext): OrderFormResult<ParsedPrices> {
  const { side, lotSize, tickSize, lastPrice } = context;
  const errors: OrderFormErrors = {};
  const lots = parseLots(form.lots);
  if (lots === null) errors.lots = 'Lots must be a whole number of at least 1.';
  let price: Paise | null = null;
  let triggerPrice: Paise | null = null;
  if (needsPrice(form.type)) {
    const parsed = parsePriceField(form.price, 'Price');
    price = parsed.value;
    const error = parsed.error ?? (price === null ? undefined : offTickError('Price', price, tickSize));
    if (error) errors.price = error;
  }
  if (needsTrigger(form.type)) {
    const parsed = parsePriceField(form.triggerPrice, 'Trigger price');
    triggerPrice = parsed.value;
    const error = parsed.error ?? (triggerPrice === null ? undefined : offTickError('Trigger price', triggerPrice, tickSize));
    if (error) errors.triggerPrice = error;
  }
  if (!errors.triggerPrice && triggerPrice !== null) {
    // A buy stop triggers on a rise, a sell stop on a fall (as the engine and every broker check).
    if (form.type === 'SL' && !errors.price && price !== null && (side === 'BUY' ? price < triggerPrice : price > triggerPrice)) {
      errors.triggerPrice =
        side === 'BUY'
          ? `A BUY stop-loss's limit price must be at or above its trigger price (₹${formatRupees(triggerPrice)}).`
          : `A SELL stop-loss's limit price must be at or below its trigger price (₹${formatRupees(triggerPrice)}).`;
    } else if (lastPrice !== undefined && (side === 'BUY' ? triggerPrice <= lastPrice : triggerPrice >= lastPrice)) {
      // Already crossed: the stop would trigger at once and fill like a MARKET/LIMIT order (Kite refuses it too).
      errors.triggerPrice =
        side === 'BUY'
          ? `A BUY stop's trigger price must be above the last price ₹${formatRupees(lastPrice)}, or it triggers at once.`
          : `A SELL stop's trigger price must be below the last price ₹${formatRupees(lastPrice)}, or it triggers at once.`;
    }
  }
  if (lots === null || Object.keys(errors).length > 0) return { ok: false, errors };
  // Lots × lot size is an integer product of small integers: exact.
  return { ok: true, value: { quantity: lots * lotSize, price, triggerPrice } };
}

/** The `orders.place` input for a ticket; the server re-validates tick size, bands and risk. */
export function buildPlaceOrderInput(
  form: OrderFormValues,
  instrument: Pick<Instrument, 'id' | 'lotSize' | 'tickSize'>,
  clientOrderId: ClientOrderId,
  lastPrice?: Paise,
): OrderFormResult<PlaceOrderInput> {
  const parsed = parseCommon(form, { side: form.side, lotSize: instrument.lotSize, tickSize: instrument.tickSize, lastPrice });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      instrumentId: instrument.id,
      side: form.side,
      type: form.type,
      product: form.product,
      clientOrderId,
      ...parsed.value,
    },
  };
}

export type ModifyFormValues = Pick<OrderFormValues, 'type' | 'lots' | 'price' | 'triggerPrice'>;

export function buildModifyOrderInput(
  orderId: OrderId,
  form: ModifyFormValues,
  context: OrderFormContext,
): OrderFormResult<ModifyOrderInput> {
  const parsed = parseCommon(form, context);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { orderId, type: form.type, ...parsed.value } };
}

/** Our idempotency key for one ticket: a double submit cannot place two orders. */
export function newClientOrderId(): ClientOrderId {
  const random = Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return asClientOrderId(`w${Date.now().toString(36)}${random}`);
}
