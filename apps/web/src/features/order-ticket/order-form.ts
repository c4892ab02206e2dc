import {
  asClientOrderId,
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

type ParsedPrices = { quantity: number; price: Paise | null; triggerPrice: Paise | null };

function parseCommon(form: Omit<OrderFormValues, 'side' | 'product'>, lotSize: number): OrderFormResult<ParsedPrices> {
  const errors: OrderFormErrors = {};
  const lots = parseLots(form.lots);
  if (lots === null) errors.lots = 'Lots must be a whole number of at least 1.';
  let price: Paise | null = null;
  let triggerPrice: Paise | null = null;
  if (needsPrice(form.type)) {
    const parsed = parsePriceField(form.price, 'Price');
    price = parsed.value;
    if (parsed.error) errors.price = parsed.error;
  }
  if (needsTrigger(form.type)) {
    const parsed = parsePriceField(form.triggerPrice, 'Trigger price');
    triggerPrice = parsed.value;
    if (parsed.error) errors.triggerPrice = parsed.error;
  }
  if (lots === null || Object.keys(errors).length > 0) return { ok: false, errors };
  // Lots × lot size is an integer product of small integers: exact.
  return { ok: true, value: { quantity: lots * lotSize, price, triggerPrice } };
}

/** The `orders.place` input for a ticket; the server re-validates tick size, bands and risk. */
export function buildPlaceOrderInput(
  form: OrderFormValues,
  instrument: Pick<Instrument, 'id' | 'lotSize'>,
  clientOrderId: ClientOrderId,
): OrderFormResult<PlaceOrderInput> {
  const parsed = parseCommon(form, instrument.lotSize);
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
  lotSize: number,
): OrderFormResult<ModifyOrderInput> {
  const parsed = parseCommon(form, lotSize);
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
