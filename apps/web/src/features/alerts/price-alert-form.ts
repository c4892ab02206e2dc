import { CreatePriceAlertInputSchema, formatRupees, parseRupees, priceAlertMet, rupeesLabel, type CreatePriceAlertInput, type Instrument, type Paise, type PriceAlertCondition } from '@strikedesk/domain';
import { initialAlertOrderForm, readAlertOrderForm, type AlertOrderForm } from './price-alert-order-form.ts';

/** `gtt`: also place `order` when it fires. The order is kept while unticked: ticking it again brings it back. */
export type PriceAlertForm = { condition: PriceAlertCondition; price: string; note: string; gtt: boolean; order: AlertOrderForm };

/** Opens on the side the price is not at yet: a level typed above the last price fires on the way up. */
export function initialAlertForm(lastPrice: number | undefined): PriceAlertForm {
  const price = lastPrice === undefined ? '' : formatRupees(lastPrice as Paise, { grouping: false });
  return { condition: 'ABOVE', price, note: '', gtt: false, order: initialAlertOrderForm(price) };
}

/**
 * A new level. The GTT's limit price follows it while the two are the same (it opens at the level),
 * and stays once the trader typed a limit of their own.
 */
export function withAlertLevel(form: PriceAlertForm, price: string): PriceAlertForm {
  return { ...form, price, order: form.order.price === form.price ? { ...form.order, price } : form.order };
}

/**
 * What to send, or why not, in the server's words: a price that is not rupees, or one already
 * reached at the last price (the alert would fire at once — the server refuses it too). A level is
 * a threshold, not an order price: it need not be on the tick (the server takes any paise). A GTT's
 * order is checked as the server checks it (price-alert-order-form.ts).
 */
export function readAlertForm(form: PriceAlertForm, instrument: Instrument, lastPrice: number | undefined): { input: CreatePriceAlertInput } | { error: string } {
  const price = parseRupees(form.price.trim());
  if (price === null || price <= 0) return { error: 'Enter the price in rupees, e.g. 245.50.' };
  if (lastPrice !== undefined && priceAlertMet({ condition: form.condition, price }, lastPrice)) {
    const side = form.condition === 'ABOVE' ? 'above' : 'below';
    return { error: `The last price ${rupeesLabel(lastPrice as never)} is already at or ${side} ${rupeesLabel(price)}: the alert would fire at once.` };
  }
  let order: CreatePriceAlertInput['order'];
  if (form.gtt) {
    const read = readAlertOrderForm(form.order, instrument);
    if ('error' in read) return read;
    order = read.order;
  }
  // A plain alert sends no `order` key at all: the server's input is strict.
  const input = { instrumentId: instrument.id, condition: form.condition, price, note: form.note, ...(order ? { order } : {}) };
  const parsed = CreatePriceAlertInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Past the checks above only the note's length, or a quantity beyond the schema's bound, is left.
    if (issue?.path[0] === 'order') return { error: `GTT order: ${issue.path.slice(1).join('.')}: ${issue.message}` };
    return { error: issue?.message ?? 'Check the note.' };
  }
  return { input: { ...input, note: parsed.data.note } };
}
