import { ModifyPriceAlertInputSchema, parseRupees, type Instrument, type ModifyPriceAlertInput, type Paise, type PriceAlert, type PriceAlertOrder } from '@strikedesk/domain';
import { priceFieldText, readAlertLevel } from './price-alert-level.ts';
import { ocoLevelsError } from './price-alert-oco-form.ts';
import { alertOrderFormOf, followLevel, readAlertOrderForm, sameAlertOrder, type AlertOrderForm } from './price-alert-order-form.ts';

/**
 * An active alert being changed, as typed: its level, note and — a GTT's only — order. Its condition
 * and OCO pair are not in it: a modify keeps them (ModifyPriceAlertInput), so nothing here could
 * turn a GTT into a plain alert or back. `order` is null for a plain alert.
 */
export type AlertEditForm = { price: string; note: string; order: AlertOrderForm | null };

type EditedAlert = Pick<PriceAlert, 'id' | 'condition' | 'price' | 'note' | 'order' | 'ocoWith'>;

/** Opens on the alert as it is: its level, its note, a GTT's order in lots. */
export function initialAlertEditForm(alert: EditedAlert, instrument: Pick<Instrument, 'lotSize'>): AlertEditForm {
  const price = priceFieldText(alert.price);
  return { price, note: alert.note, order: alert.order === null ? null : alertOrderFormOf(alert.order, instrument.lotSize, price) };
}

/** A new level: a GTT's limit price still at the old level moves with it, as in the create dialog (followLevel). */
export const withEditedLevel = (form: AlertEditForm, price: string): AlertEditForm => ({
  ...form,
  price,
  order: form.order === null ? null : followLevel(form.order, form.price, price),
});

/** A change to a GTT's order; a plain alert has none to change. */
export const withEditedOrder = (form: AlertEditForm, change: Partial<AlertOrderForm>): AlertEditForm =>
  form.order === null ? form : { ...form, order: { ...form.order, ...change } };

const sameOrderForm = (a: AlertOrderForm, b: AlertOrderForm): boolean =>
  a.side === b.side && a.product === b.product && a.type === b.type && a.lots === b.lots && (a.type === 'MARKET' || a.price === b.price);

/**
 * The modify to send — the alert's id and only what changed, compared in paise and units (a level
 * typed "130" for ₹130.00 is no change) — or why not, the first thing wrong from the top of the
 * dialog down: the new level (already reached at the last price is refused, as on setting one);
 * for a leg of an OCO pair, the two levels' order while the other leg is listed and active (`pair`;
 * else the server checks it); the GTT's order; then "nothing changed" rather than a modify that
 * changes nothing. What is left as it was is not checked: an unchanged level the price has since
 * passed is the engine's to fire, an unchanged order on a lot size since revised is not sent.
 */
export function readAlertEdit(
  form: AlertEditForm,
  alert: EditedAlert,
  instrument: Instrument,
  lastPrice: number | undefined,
  pair: Pick<PriceAlert, 'price' | 'status'> | undefined,
): { input: ModifyPriceAlertInput } | { error: string } {
  let price: Paise | undefined;
  if (parseRupees(form.price.trim()) !== alert.price) {
    const level = readAlertLevel(form.price, alert.condition, lastPrice);
    if ('error' in level) return level;
    const levels = alert.ocoWith !== null && pair?.status === 'ACTIVE' ? ocoLevelsError({ condition: alert.condition, price: level.price }, pair.price) : null;
    if (levels !== null) return { error: `OCO pair: ${levels}` };
    price = level.price;
  }

  const note = form.note.trim() === alert.note ? undefined : form.note;

  // Only a GTT's: a plain alert sends no `order` (the server refuses one), whatever the form holds.
  let order: PriceAlertOrder | undefined;
  if (alert.order !== null && form.order !== null && !sameOrderForm(form.order, alertOrderFormOf(alert.order, instrument.lotSize, priceFieldText(alert.price)))) {
    const read = readAlertOrderForm(form.order, instrument);
    if ('error' in read) return read;
    if (!sameAlertOrder(read.order, alert.order)) order = read.order;
  }

  if (price === undefined && note === undefined && order === undefined) {
    return { error: `Nothing changed: edit the level${alert.order === null ? ' or the note' : ', the note or the order'} to save.` };
  }
  // Absent keys, not undefined ones: what is not sent stays as it is on the server.
  const input = { id: alert.id, ...(price === undefined ? {} : { price }), ...(note === undefined ? {} : { note }), ...(order === undefined ? {} : { order }) };
  const parsed = ModifyPriceAlertInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [head, ...path] = issue?.path ?? [];
    // Past the checks above only the note's length, or a quantity beyond the schema's bound, is left.
    if (head === 'order') return { error: `GTT order: ${path.join('.')}: ${issue?.message}` };
    return { error: issue?.message ?? 'Check the note.' };
  }
  return { input: note === undefined ? input : { ...input, note: note.trim() } };
}
