import {
  type DomainError,
  InstrumentIdSchema,
  MoneyOverflowError,
  formatRupees,
  paise,
  type Exchange,
  type InstrumentId,
  type Paise,
} from '@strikedesk/domain';
import { kiteClientRefusal } from './kite-errors.ts';

/**
 * Conversions at the Kite boundary: rupee numbers ↔ integer paise, IST timestamp strings ↔ epoch
 * ms, `EXCHANGE:TRADINGSYMBOL` ↔ our InstrumentId (the same text: Kite's instrument key is our id).
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Kite sends money as JSON numbers in rupees (109.4, 72.755, 99725.05000000002). We round the
 * decimal the broker wrote — `String(n)` is the shortest text that reads back as the same double,
 * i.e. the JSON literal — to the nearest paisa, half away from zero, in integer arithmetic: no
 * float multiplication (0.285 * 100 = 28.499999999999996) decides a rounding. Exchange prices are
 * whole paise (ticks of ₹0.05), so they convert exactly; only averages, P&L and margins that Kite
 * itself computed in floats can lose a fraction of a paisa here.
 */
export function rupeesToPaise(rupees: number): Paise {
  if (!Number.isFinite(rupees)) throw new MoneyOverflowError('rupeesToPaise');
  const match = DECIMAL.exec(String(rupees));
  // Exponent notation (1e-7, 1e+21) only for values far outside any price: plain rounding is fine there.
  if (!match) return paise(Math.round(rupees * 100));
  const [, minus, whole = '0', fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  const roundUp = (fraction[2] ?? '0') >= '5';
  const magnitude = cents + (roundUp ? 1 : 0);
  return paise(minus && magnitude !== 0 ? -magnitude : magnitude);
}

/** Paise as the decimal rupee text Kite's form fields take ("245.35"), exact. */
export const paiseToRupeesText = (amount: Paise): string => formatRupees(amount, { grouping: false });

const IST_OFFSET_MS = 330 * 60_000;
const IST_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):?(\d{2})$/;

/** "2021-05-31 09:18:57" (Kite's IST wall time) → epoch ms; null when absent or malformed. */
export function parseIstTimestamp(text: string | null | undefined): number | null {
  const match = text ? IST_TIMESTAMP.exec(text) : null;
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) - IST_OFFSET_MS;
}

/** Epoch ms → "yyyy-mm-dd hh:mm:ss" in IST, the format Kite's historical API and payloads use. */
export function formatIstTimestamp(epochMs: number): string {
  const iso = new Date(epochMs + IST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** "2017-12-15T09:15:00+0530" (candle times: the offset has no colon, which Date.parse need not accept). */
export function parseOffsetTimestamp(text: string): number | null {
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = match as unknown as [string, string, string, string, string, string, string, string, string, string];
  const offsetMs = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMs;
}

/** Our id → the exchange and trading symbol Kite's order and quote endpoints take. */
export function splitInstrumentId(id: InstrumentId): { exchange: Exchange; tradingSymbol: string } {
  const colon = id.indexOf(':');
  return { exchange: id.slice(0, colon) as Exchange, tradingSymbol: id.slice(colon + 1) };
}

/** Kite's exchange + tradingsymbol → our id; null for anything outside our instrument universe (MCX, CDS, ...). */
export function toInstrumentId(exchange: string, tradingSymbol: string): InstrumentId | null {
  const parsed = InstrumentIdSchema.safeParse(`${exchange}:${tradingSymbol}`);
  return parsed.success ? parsed.data : null;
}

/**
 * A request value our side should never produce (a bug, not a trader's mistake), found before
 * anything was sent: a refusal, so an order is rejected at once rather than looked up by its tag
 * as if its answer had been lost.
 */
export const invalidRequest = (message: string): DomainError => kiteClientRefusal('BROKER_INPUT_REJECTED', message);
