import { parseRupees } from '@strikedesk/domain';
import type { FakeOrder, NewOrder } from './fake-order-book.ts';
import type { FakeInstrument } from './fake-kite-universe.ts';

/**
 * Validation of order requests as Kite's API does it before the OMS: required fields, enums, lot
 * multiples, tick multiples, tag length. A failure is an InputException (HTTP 400) and no order.
 */
export class FakeInputError extends Error {}

const ORDER_TYPES = ['MARKET', 'LIMIT', 'SL', 'SL-M'] as const;
const PRODUCTS = ['CNC', 'NRML', 'MIS', 'MTF'] as const;
const VALIDITIES = ['DAY', 'IOC', 'TTL'] as const;
export const FAKE_VARIETIES = ['regular', 'amo'] as const;
/** Kite documents `tag` as alphanumeric, at most 20 characters (kite.md, Place). */
const TAG = /^[A-Za-z0-9]{1,20}$/;

type Form = Record<string, string>;

function required(form: Form, field: string): string {
  const value = form[field];
  if (value === undefined || value === '') throw new FakeInputError(`Missing \`${field}\`.`);
  return value;
}

function oneOf<T extends string>(form: Form, field: string, allowed: readonly T[]): T {
  const value = required(form, field);
  if (!(allowed as readonly string[]).includes(value)) throw new FakeInputError(`Invalid \`${field}\`.`);
  return value as T;
}

/** A decimal rupee field → paise (0 when absent), exact. */
function price(form: Form, field: string, tick: number): number {
  const text = form[field];
  if (text === undefined || text === '' || Number(text) === 0) return 0;
  const value = parseRupees(text);
  if (value === null || value <= 0) throw new FakeInputError(`Invalid \`${field}\`.`);
  if (tick > 0 && value % tick !== 0) throw new FakeInputError(`\`${field}\` should be a multiple of the tick size ${tick / 100}.`);
  return value;
}

function quantity(form: Form, field: string, lotSize: number): number {
  const value = Number(required(form, field));
  if (!Number.isSafeInteger(value) || value <= 0) throw new FakeInputError(`Invalid \`${field}\`.`);
  if (lotSize > 1 && value % lotSize !== 0) throw new FakeInputError(`Quantity should be a multiple of the lot size ${lotSize}.`);
  return value;
}

export function parsePlaceForm(variety: string, form: Form, findInstrument: (key: string) => FakeInstrument | undefined): NewOrder {
  if (!(FAKE_VARIETIES as readonly string[]).includes(variety)) throw new FakeInputError(`Invalid \`variety\` (${variety}).`);
  const key = `${required(form, 'exchange')}:${required(form, 'tradingsymbol')}`;
  const instrument = findInstrument(key);
  if (!instrument) throw new FakeInputError(`Invalid \`tradingsymbol\` (${key}).`);
  if (instrument.segment === 'INDICES') throw new FakeInputError('Indices cannot be traded.');
  const orderType = oneOf(form, 'order_type', ORDER_TYPES);
  const order: NewOrder = {
    variety,
    instrument,
    orderType,
    transactionType: oneOf(form, 'transaction_type', ['BUY', 'SELL'] as const),
    validity: oneOf(form, 'validity', VALIDITIES),
    product: oneOf(form, 'product', PRODUCTS),
    quantity: quantity(form, 'quantity', instrument.lotSize),
    disclosedQuantity: Number(form['disclosed_quantity'] ?? 0) || 0,
    price: price(form, 'price', instrument.tickSize),
    triggerPrice: price(form, 'trigger_price', instrument.tickSize),
    marketProtection: Number(form['market_protection'] ?? 0) || 0,
    tag: form['tag'] || null,
  };
  checkPrices(order);
  if (order.tag !== null && !TAG.test(order.tag)) throw new FakeInputError('`tag` should be alphanumeric and at most 20 characters.');
  return order;
}

function checkPrices(order: Pick<FakeOrder, 'orderType' | 'price' | 'triggerPrice'>): void {
  if ((order.orderType === 'LIMIT' || order.orderType === 'SL') && order.price === 0) throw new FakeInputError('`price` is required for this order type.');
  if ((order.orderType === 'SL' || order.orderType === 'SL-M') && order.triggerPrice === 0) throw new FakeInputError('`trigger_price` is required for this order type.');
}

export type ModifyChange = Partial<Pick<FakeOrder, 'orderType' | 'quantity' | 'price' | 'triggerPrice' | 'validity'>>;

/** PUT /orders/{variety}/{id}: only the fields sent change. */
export function parseModifyForm(form: Form, order: FakeOrder): ModifyChange {
  const change: ModifyChange = {};
  if (form['order_type'] !== undefined) change.orderType = oneOf(form, 'order_type', ORDER_TYPES);
  if (form['quantity'] !== undefined) change.quantity = quantity(form, 'quantity', order.instrument.lotSize);
  if (form['price'] !== undefined) change.price = price(form, 'price', order.instrument.tickSize);
  if (form['trigger_price'] !== undefined) change.triggerPrice = price(form, 'trigger_price', order.instrument.tickSize);
  if (form['validity'] !== undefined) change.validity = oneOf(form, 'validity', VALIDITIES);
  const next = { ...order, ...change };
  // A switch to MARKET / SL-M drops the limit price; a stop kept without a trigger is refused.
  if (next.orderType === 'MARKET' || next.orderType === 'SL-M') change.price = 0;
  if (next.orderType === 'MARKET' || next.orderType === 'LIMIT') change.triggerPrice = 0;
  checkPrices({ ...next, ...change });
  return change;
}
