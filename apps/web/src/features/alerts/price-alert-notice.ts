import { priceAlertTriggeredText, type PriceAlert } from '@strikedesk/domain';
import type { ToastInput } from '@strikedesk/ui';
import { gttOrderFailed } from './price-alert-text.ts';

/** Long enough to read across the room; a fired alert is the point of having set it. */
export const FIRED_NOTICE_MS = 30_000;

/**
 * The pop-up of a fired alert (a GTT's arrives once, with its order's outcome). A GTT whose order
 * was not placed, denied or rejected is an error: it stays until dismissed, as the trader expected
 * a position and has none. Everything else fades after FIRED_NOTICE_MS.
 */
export function firedNotice(alert: PriceAlert, instrumentName: string): ToastInput {
  const message = `Price alert: ${priceAlertTriggeredText(alert, instrumentName)}`;
  if (alert.order !== null && gttOrderFailed(alert.orderOutcome)) return { kind: 'error', message };
  return { kind: 'warning', message, durationMs: FIRED_NOTICE_MS };
}

/** An order reached the orderbook (a DENIED one too: it is listed with its reason). */
export const gttPlacedAnOrder = (alert: PriceAlert): boolean => alert.orderOutcome?.kind === 'ORDER';
