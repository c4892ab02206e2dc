import { priceAlertLevelText, priceAlertOrderOutcomeText, priceAlertOrderText, rupeesLabel, type PriceAlert, type PriceAlertOrderOutcome } from '@strikedesk/domain';
import { istOrderTimeText } from '../../lib/format/ist-time.ts';

/** "Watching"; "Fired 10:12:31 at ₹123.45"; "Cancelled"; "Expired with its contract". */
export function alertStatusText(alert: PriceAlert, now: number = Date.now()): string {
  if (alert.status === 'ACTIVE') return 'Watching';
  if (alert.status === 'CANCELLED') return 'Cancelled';
  if (alert.status === 'EXPIRED') return 'Expired with its contract';
  const at = alert.triggeredAt === null ? '' : ` ${istOrderTimeText(alert.triggeredAt, now)}`;
  const price = alert.triggeredPrice === null ? '' : ` at ${rupeesLabel(alert.triggeredPrice)}`;
  return `Fired${at}${price}`;
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

/** The toast once set: "Alert set: NIFTY DEC FUT at or above ₹26,200." / "GTT set: … at or above ₹26,200: BUY 50 NRML at market." */
export function alertSetText(alert: Pick<PriceAlert, 'condition' | 'price' | 'order'>, instrumentName: string): string {
  const level = `${instrumentName} ${priceAlertLevelText(alert)}`;
  return alert.order === null ? `Alert set: ${level}.` : `GTT set: ${level}: ${priceAlertOrderText(alert.order)}.`;
}
