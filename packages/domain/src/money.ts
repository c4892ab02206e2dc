import { z } from 'zod';

/**
 * Prices and money are integer paise (1 rupee = 100 paise), see docs/adr/0002-money-as-integer-paise.md.
 * Integers below 2^53 are exact in a JS number, so + - and * by an integer quantity are exact as
 * long as every result is checked to stay a safe integer — which these helpers do. Never divide
 * money except through the rounding helpers below.
 */
export const PaiseSchema = z.number().int().refine(Number.isSafeInteger, 'amount out of range').brand<'Paise'>();
export type Paise = z.infer<typeof PaiseSchema>;

export class MoneyOverflowError extends Error {
  constructor(operation: string) {
    super(`money arithmetic overflow in ${operation}`);
    this.name = 'MoneyOverflowError';
  }
}

function checked(value: number, operation: string): Paise {
  if (!Number.isSafeInteger(value)) throw new MoneyOverflowError(operation);
  return value as Paise;
}

export const paise = (value: number): Paise => checked(value, 'paise');
export const ZERO_PAISE = 0 as Paise;
export const addPaise = (a: Paise, b: Paise): Paise => checked(a + b, 'add');
export const subPaise = (a: Paise, b: Paise): Paise => checked(a - b, 'sub');
export const negatePaise = (a: Paise): Paise => checked(-a, 'negate');
/** price × integer quantity (units, not lots) */
export const mulPaise = (price: Paise, quantity: number): Paise => {
  if (!Number.isSafeInteger(quantity)) throw new MoneyOverflowError('mul quantity');
  return checked(price * quantity, 'mul');
};
export const sumPaise = (values: readonly Paise[]): Paise =>
  values.reduce<Paise>((total, value) => addPaise(total, value), ZERO_PAISE);

/** Integer division rounded half away from zero; for display averages only, never for booking. */
export function divRoundPaise(numerator: Paise, divisor: number): Paise {
  if (!Number.isSafeInteger(divisor) || divisor === 0) throw new RangeError('divisor must be a non-zero integer');
  const sign = Math.sign(numerator) * Math.sign(divisor);
  const n = Math.abs(numerator);
  const d = Math.abs(divisor);
  const quotient = Math.floor(n / d);
  const remainder = n - quotient * d;
  return checked(sign * (remainder * 2 >= d ? quotient + 1 : quotient), 'div');
}

const RUPEES_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses a decimal rupee string such as "245.35" exactly (no float parsing). Null when malformed. */
export function parseRupees(text: string): Paise | null {
  const match = RUPEES_PATTERN.exec(text.trim().replaceAll(',', ''));
  if (!match) return null;
  const [, minus, whole = '0', fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return checked(minus ? -value : value, 'parse');
}

/** Rupees as text with two decimals and Indian digit grouping: 1234567.5 → "12,34,567.50". */
export function formatRupees(amount: Paise, options: { grouping?: boolean; sign?: boolean } = {}): string {
  const { grouping = true, sign = false } = options;
  const negative = amount < 0;
  const absolute = Math.abs(amount);
  const whole = Math.floor(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  const wholeText = grouping ? groupIndian(String(whole)) : String(whole);
  const prefix = negative ? '-' : sign && amount > 0 ? '+' : '';
  return `${prefix}${wholeText}.${fraction}`;
}

/** Money for a sentence a trader reads: "₹26,000.50", "−₹10,000" (whole rupees lose their ".00"). */
export function rupeesLabel(amount: Paise): string {
  const text = formatRupees(Math.abs(amount) as Paise).replace(/\.00$/, '');
  return `${amount < 0 ? '−' : ''}₹${text}`;
}

function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  const rest = digits.slice(0, -3);
  return `${rest.replace(/\B(?=(\d{2})+(?!\d))/g, ',')},${last3}`;
}

/** True when price is a positive multiple of the tick size. */
export const isOnTick = (price: Paise, tickSize: Paise): boolean => price > 0 && price % tickSize === 0;

/** Rounds a price to the nearest tick (half up); used by the simulator, never on a user's price. */
export function roundToTick(price: number, tickSize: Paise): Paise {
  return checked(Math.max(tickSize, Math.round(price / tickSize) * tickSize), 'roundToTick');
}
