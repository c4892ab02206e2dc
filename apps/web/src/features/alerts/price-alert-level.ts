import { formatRupees, parseRupees, priceAlertMet, rupeesLabel, type Paise, type PriceAlertCondition } from '@strikedesk/domain';

/**
 * A level as typed, for either leg of an alert: rupees, and not already reached at the last price
 * (it would fire at once — the server refuses it too, PRICE_ALERT_ALREADY_MET). A level is a
 * threshold, not an order price: it need not be on the tick (the server takes any paise).
 */
export function readAlertLevel(text: string, condition: PriceAlertCondition, lastPrice: number | undefined): { price: Paise } | { error: string } {
  const price = parseRupees(text.trim());
  if (price === null || price <= 0) return { error: 'Enter the price in rupees, e.g. 245.50.' };
  if (lastPrice !== undefined && priceAlertMet({ condition, price }, lastPrice)) {
    const side = condition === 'ABOVE' ? 'above' : 'below';
    return { error: `The last price ${rupeesLabel(lastPrice as Paise)} is already at or ${side} ${rupeesLabel(price)}: the alert would fire at once.` };
  }
  return { price };
}

/**
 * A price in paise as a level or limit field shows it: "26200.50", no digit grouping (as typed).
 * Both fields use it, so a limit opened at the level reads the same text and follows it (followLevel).
 */
export const priceFieldText = (price: number): string => formatRupees(price as Paise, { grouping: false });
