import { CreatePriceAlertInputSchema, type CreatePriceAlertInput, type Instrument, type PriceAlertCondition } from '@strikedesk/domain';
import { priceFieldText, readAlertLevel } from './price-alert-level.ts';
import { followAlertOrder, initialOcoLeg, readOcoLeg, withOcoLevel, type OcoLeg, type OcoLegForm } from './price-alert-oco-form.ts';
import { followLevel, initialAlertOrderForm, readAlertOrderForm, type AlertOrderForm } from './price-alert-order-form.ts';

/**
 * `gtt`: also place `order` when it fires; `oco` (with `gtt` only): and set `ocoLeg` on the other
 * side, the pair cancelling each other. What is unticked is kept: ticking it again brings it back.
 */
export type PriceAlertForm = { condition: PriceAlertCondition; price: string; note: string; gtt: boolean; order: AlertOrderForm; oco: boolean; ocoLeg: OcoLegForm };

/** What the dialog sends: the server's input, its OCO leg typed in paise (the success toast reads it). */
export type AlertToSet = CreatePriceAlertInput & { oco?: OcoLeg };

const levelText = (lastPrice: number | undefined): string => (lastPrice === undefined ? '' : priceFieldText(lastPrice));

/**
 * Opens on the side the price is not at yet: a level typed above the last price fires on the way up.
 * The OCO leg opens at the last price too, for the trader to move below (or above) it.
 */
export function initialAlertForm(lastPrice: number | undefined): PriceAlertForm {
  const price = levelText(lastPrice);
  return { condition: 'ABOVE', price, note: '', gtt: false, order: initialAlertOrderForm(price), oco: false, ocoLeg: initialOcoLeg(price) };
}

/**
 * A new level. The GTT's limit price follows it while the two are the same (it opens at the level),
 * and stays once the trader typed a limit of their own.
 */
export function withAlertLevel(form: PriceAlertForm, price: string): PriceAlertForm {
  return { ...form, price, order: followLevel(form.order, form.price, price) };
}

/** A change to the alert's order; the OCO leg's order follows it where it has not been set apart (price-alert-oco-form.ts). */
export function withAlertOrder(form: PriceAlertForm, change: Partial<AlertOrderForm>): PriceAlertForm {
  const order = { ...form.order, ...change };
  return { ...form, order, ocoLeg: followAlertOrder(form.ocoLeg, order) };
}

/** The dialog opened before the first tick: each level still empty opens at the first price that arrives. */
export function withFirstLastPrice(form: PriceAlertForm, lastPrice: number): PriceAlertForm {
  const price = levelText(lastPrice);
  const filled = form.price === '' ? withAlertLevel(form, price) : form;
  return filled.ocoLeg.price === '' ? { ...filled, ocoLeg: withOcoLevel(filled.ocoLeg, price) } : filled;
}

/**
 * What to send, or why not, in the server's words, the first thing wrong from the top of the
 * dialog down: the level (price-alert-level.ts), the GTT's order (price-alert-order-form.ts), then
 * the OCO leg (price-alert-oco-form.ts) — each checked as the server checks it.
 */
export function readAlertForm(form: PriceAlertForm, instrument: Instrument, lastPrice: number | undefined): { input: AlertToSet } | { error: string } {
  const level = readAlertLevel(form.price, form.condition, lastPrice);
  if ('error' in level) return level;
  const { price } = level;
  let order: CreatePriceAlertInput['order'];
  let oco: OcoLeg | undefined;
  if (form.gtt) {
    const read = readAlertOrderForm(form.order, instrument);
    if ('error' in read) return read;
    order = read.order;
    if (form.oco) {
      const leg = readOcoLeg(form.ocoLeg, { condition: form.condition, price }, instrument, lastPrice);
      if ('error' in leg) return leg;
      oco = leg.oco;
    }
  }
  // A plain alert sends no `order` key at all, a single GTT no `oco`: the server's input is strict.
  const input = { instrumentId: instrument.id, condition: form.condition, price, note: form.note, ...(order ? { order } : {}), ...(oco ? { oco } : {}) };
  const parsed = CreatePriceAlertInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [head, ...path] = issue?.path ?? [];
    // Past the checks above only the note's length, or a quantity beyond the schema's bound, is left.
    if (head === 'order') return { error: `GTT order: ${path.join('.')}: ${issue?.message}` };
    if (head === 'oco' && path[0] === 'order') return { error: `OCO leg's order: ${path.slice(1).join('.')}: ${issue?.message}` };
    return { error: issue?.message ?? 'Check the note.' };
  }
  return { input: { ...input, note: parsed.data.note } };
}
