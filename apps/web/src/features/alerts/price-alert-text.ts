import { oppositeCondition, priceAlertLevelText, priceAlertOrderOutcomeText, priceAlertOrderText, rupeesLabel, type PriceAlert, type PriceAlertOrderOutcome } from '@strikedesk/domain';
import { istOrderTimeText } from '../../lib/format/ist-time.ts';
import type { OcoLeg } from './price-alert-oco-form.ts';

/** "Watching"; "Fired 10:12:31 at ₹123.45"; "Cancelled"; "Expired with its contract". */
export function alertStatusText(alert: PriceAlert, now: number = Date.now()): string {
  if (alert.status === 'ACTIVE') return 'Watching';
  if (alert.status === 'CANCELLED') return 'Cancelled';
  if (alert.status === 'EXPIRED') return 'Expired with its contract';
  const at = alert.triggeredAt === null ? '' : ` ${istOrderTimeText(alert.triggeredAt, now)}`;
  const price = alert.triggeredPrice === null ? '' : ` at ${rupeesLabel(alert.triggeredPrice)}`;
  return `Fired${at}${price}`;
}

/**
 * The status in the list, where a leg of an OCO pair has its pair at hand (`pair`, when listed): a
 * leg cancelled because the other fired says so — the trader did not cancel it. Cancelling either
 * cancels both, and then both simply read "Cancelled".
 */
export function alertListStatusText(alert: PriceAlert, pair: Pick<PriceAlert, 'status'> | undefined, now: number = Date.now()): string {
  if (alert.status === 'CANCELLED' && pair?.status === 'TRIGGERED') return 'Cancelled: its OCO pair fired';
  return alertStatusText(alert, now);
}

/** "OCO pair: at or below ₹120" under a leg's order; "OCO pair" alone when the other is not listed (an old one). Null for any other alert. */
export function alertPairText(alert: Pick<PriceAlert, 'ocoWith'>, pair: Pick<PriceAlert, 'condition' | 'price'> | undefined): string | null {
  if (alert.ocoWith === null) return null;
  return pair ? `OCO pair: ${priceAlertLevelText(pair)}` : 'OCO pair';
}

/** The order did not go to work: not placed at all, or refused (the risk check's DENIED, the broker's REJECTED). */
export const gttOrderFailed = (outcome: PriceAlertOrderOutcome | null): boolean =>
  outcome !== null && (outcome.kind === 'NOT_PLACED' || outcome.status === 'DENIED' || outcome.status === 'REJECTED');

/**
 * A GTT's order in the alerts list: what it will place and, once fired, what became of it —
 * "placing…" between the fire and the engine's answer. Null for a plain alert.
 */
export function alertOrderCell(alert: Pick<PriceAlert, 'status' | 'order' | 'orderOutcome'>): { order: string; outcome: string | null; failed: boolean } | null {
  if (alert.order === null) return null;
  const outcome = alert.orderOutcome ? priceAlertOrderOutcomeText(alert.orderOutcome) : alert.status === 'TRIGGERED' ? 'placing…' : null;
  return { order: priceAlertOrderText(alert.order), outcome, failed: gttOrderFailed(alert.orderOutcome) };
}

/**
 * The toast once set: "Alert set: NIFTY DEC FUT at or above ₹26,200." / "GTT set: … at or above
 * ₹26,200: BUY 50 NRML at market." / for a pair, both legs: "OCO set: … at or above ₹26,500: SELL
 * 75 NRML at ₹26,500 limit; at or below ₹25,500: SELL 75 NRML at market." The server returns the
 * first leg only: the second is `oco`, as sent.
 */
export function alertSetText(alert: Pick<PriceAlert, 'condition' | 'price' | 'order'>, instrumentName: string, oco?: OcoLeg): string {
  const level = `${instrumentName} ${priceAlertLevelText(alert)}`;
  if (alert.order === null) return `Alert set: ${level}.`;
  const first = `${level}: ${priceAlertOrderText(alert.order)}`;
  if (!oco) return `GTT set: ${first}.`;
  return `OCO set: ${first}; ${priceAlertLevelText({ condition: oppositeCondition(alert.condition), price: oco.price })}: ${priceAlertOrderText(oco.order)}.`;
}

/**
 * The toast once changed, from the alert the server returned (what it now watches, not what was
 * typed): "Alert changed: NIFTY DEC FUT at or above ₹26,300." / "GTT changed: … at or below
 * ₹25,400: SELL 75 NRML at market."
 */
export function alertChangedText(alert: Pick<PriceAlert, 'condition' | 'price' | 'order'>, instrumentName: string): string {
  const level = `${instrumentName} ${priceAlertLevelText(alert)}`;
  return alert.order === null ? `Alert changed: ${level}.` : `GTT changed: ${level}: ${priceAlertOrderText(alert.order)}.`;
}
