import { oppositeCondition, rupeesLabel, type Instrument, type Paise, type PriceAlertCondition, type PriceAlertOrder } from '@strikedesk/domain';
import { readAlertLevel } from './price-alert-level.ts';
import { followLevel, initialAlertOrderForm, readAlertOrderForm, type AlertOrderForm } from './price-alert-order-form.ts';

/** What the leg's order copies from the alert's: not its limit price, which follows the leg's own level. */
const COPIED = ['side', 'product', 'type', 'lots'] as const;
type Copied = (typeof COPIED)[number];

/**
 * The second leg of an OCO pair as typed: its level and its order. Its condition is not chosen:
 * it is always the opposite of the alert's (a target above the price, a stop-loss below it).
 * `own`: the order's fields the trader set on the leg itself, which no longer copy the alert's.
 */
export type OcoLegForm = { price: string; order: AlertOrderForm; own: readonly Copied[] };

/** The leg as sent (CreatePriceAlertInput's `oco`), in paise and units. */
export type OcoLeg = { price: Paise; order: PriceAlertOrder };

/** Errors about this leg say so: the alert's own say nothing, as before OCO. */
const LEG = 'OCO leg';

export const initialOcoLeg = (levelText: string): OcoLegForm => ({ price: levelText, order: initialAlertOrderForm(levelText), own: [] });

/** A new level: its limit price follows it while the two are the same, as the alert's own does. */
export const withOcoLevel = (leg: OcoLegForm, price: string): OcoLegForm => ({ ...leg, price, order: followLevel(leg.order, leg.price, price) });

/** The trader changed the leg's order: what they set is the leg's own from now on. */
export function withOcoOrder(leg: OcoLegForm, change: Partial<AlertOrderForm>): OcoLegForm {
  const set = COPIED.filter((key) => key in change && !leg.own.includes(key));
  return { ...leg, order: { ...leg.order, ...change }, own: [...leg.own, ...set] };
}

/**
 * The alert's order is now `alert`: the leg's side, product, type and lots copy it, except those
 * the trader set on the leg — the common pair is a SELL target and a SELL stop-loss of the same
 * position, often one LIMIT and one MARKET. Field by field, so setting the leg to MARKET does not
 * stop it following the alert to SELL.
 */
export function followAlertOrder(leg: OcoLegForm, alert: AlertOrderForm): OcoLegForm {
  const copy = <Key extends Copied>(key: Key): AlertOrderForm[Key] => (leg.own.includes(key) ? leg.order[key] : alert[key]);
  return { ...leg, order: { ...leg.order, side: copy('side'), product: copy('product'), type: copy('type'), lots: copy('lots') } };
}

/**
 * Why two legs' levels cannot be a pair, or null: the "at or above" level must be above the "at or
 * below" one, else one price could meet both (the server's rule too, on setting a pair and on
 * changing either leg's level). `leg` is one leg, `other` the other's level (on the opposite side).
 */
export function ocoLevelsError(leg: { condition: PriceAlertCondition; price: Paise }, other: Paise): string | null {
  const [above, below] = leg.condition === 'ABOVE' ? [leg.price, other] : [other, leg.price];
  if (above > below) return null;
  return `the "at or above" level (${rupeesLabel(above)}) must be above the "at or below" one (${rupeesLabel(below)}), or both could fire at once.`;
}

/**
 * The leg to send, or why not, named as the OCO leg's: its level on its own side of the last price,
 * the two levels in order (ocoLevelsError — it only bites when no last price is known, as the first
 * check implies it otherwise), then its order as the alert's is read.
 */
export function readOcoLeg(
  leg: OcoLegForm,
  alert: { condition: PriceAlertCondition; price: Paise },
  instrument: Instrument,
  lastPrice: number | undefined,
): { oco: OcoLeg } | { error: string } {
  const level = readAlertLevel(leg.price, oppositeCondition(alert.condition), lastPrice);
  if ('error' in level) return { error: `${LEG}: ${level.error}` };
  const levels = ocoLevelsError(alert, level.price);
  if (levels !== null) return { error: `${LEG}: ${levels}` };
  const order = readAlertOrderForm(leg.order, instrument, `${LEG}'s order`);
  if ('error' in order) return order;
  return { oco: { price: level.price, order: order.order } };
}
