import { CreatePriceAlertInputSchema, formatRupees, parseRupees, priceAlertMet, rupeesLabel, type CreatePriceAlertInput, type Instrument, type Paise, type PriceAlertCondition } from '@strikedesk/domain';

export type PriceAlertForm = { condition: PriceAlertCondition; price: string; note: string };

/** Opens on the side the price is not at yet: a level typed above the last price fires on the way up. */
export function initialAlertForm(lastPrice: number | undefined): PriceAlertForm {
  return { condition: 'ABOVE', price: lastPrice === undefined ? '' : formatRupees(lastPrice as Paise, { grouping: false }), note: '' };
}

/**
 * What to send, or why not, in the server's words: a price that is not rupees, or one already
 * reached at the last price (the alert would fire at once — the server refuses it too). A level is
 * a threshold, not an order price: it need not be on the tick (the server takes any paise).
 */
export function readAlertForm(form: PriceAlertForm, instrument: Instrument, lastPrice: number | undefined): { input: CreatePriceAlertInput } | { error: string } {
  const price = parseRupees(form.price.trim());
  if (price === null || price <= 0) return { error: 'Enter the price in rupees, e.g. 245.50.' };
  if (lastPrice !== undefined && priceAlertMet({ condition: form.condition, price }, lastPrice)) {
    const side = form.condition === 'ABOVE' ? 'above' : 'below';
    return { error: `The last price ${rupeesLabel(lastPrice as never)} is already at or ${side} ${rupeesLabel(price)}: the alert would fire at once.` };
  }
  const parsed = CreatePriceAlertInputSchema.safeParse({ instrumentId: instrument.id, condition: form.condition, price, note: form.note });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the note.' };
  return { input: { instrumentId: instrument.id, condition: form.condition, price, note: parsed.data.note } };
}
