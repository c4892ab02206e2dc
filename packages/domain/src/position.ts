import { z } from 'zod';
import { AccountIdSchema, InstrumentIdSchema, type AccountId, type InstrumentId } from './ids.ts';
import { PaiseSchema, ZERO_PAISE, addPaise, mulPaise, subPaise, type Paise } from './money.ts';
import { ProductSchema, signedQuantity, type Product, type Side } from './order.ts';

/**
 * Positions use FIFO lots (docs/adr/0002-money-as-integer-paise.md): a closing fill consumes the
 * oldest open lots first, so realized P&L is an exact integer of paise and
 * realized + unrealized = cash flows + marked value holds to the paisa. The average price shown is
 * the average of the open lots.
 */
export type OpenLot = { quantity: number; price: Paise };

export type PositionState = {
  accountId: AccountId;
  instrumentId: InstrumentId;
  product: Product;
  /** Signed: positive long, negative short. All lots share this sign. */
  netQuantity: number;
  lots: OpenLot[];
  realizedPnl: Paise;
  buyQuantity: number;
  buyValue: Paise;
  sellQuantity: number;
  sellValue: Paise;
};

export type PositionFill = {
  accountId: AccountId;
  instrumentId: InstrumentId;
  product: Product;
  side: Side;
  quantity: number;
  price: Paise;
};

export const positionKey = (p: { accountId: string; instrumentId: string; product: string }): string =>
  `${p.accountId}|${p.instrumentId}|${p.product}`;

export function emptyPosition(accountId: AccountId, instrumentId: InstrumentId, product: Product): PositionState {
  return {
    accountId,
    instrumentId,
    product,
    netQuantity: 0,
    lots: [],
    realizedPnl: ZERO_PAISE,
    buyQuantity: 0,
    buyValue: ZERO_PAISE,
    sellQuantity: 0,
    sellValue: ZERO_PAISE,
  };
}

/** Applies one fill; pure. A fill larger than the open quantity reverses the position. */
export function applyFill(position: PositionState, fill: PositionFill): PositionState {
  const signed = signedQuantity(fill.side, fill.quantity);
  const value = mulPaise(fill.price, fill.quantity);
  const next: PositionState = {
    ...position,
    lots: position.lots.map((lot) => ({ ...lot })),
    buyQuantity: position.buyQuantity + (fill.side === 'BUY' ? fill.quantity : 0),
    buyValue: fill.side === 'BUY' ? addPaise(position.buyValue, value) : position.buyValue,
    sellQuantity: position.sellQuantity + (fill.side === 'SELL' ? fill.quantity : 0),
    sellValue: fill.side === 'SELL' ? addPaise(position.sellValue, value) : position.sellValue,
  };
  let remaining = signed;
  // Close against the oldest lots while the fill opposes the position.
  while (remaining !== 0 && next.netQuantity !== 0 && Math.sign(remaining) !== Math.sign(next.netQuantity)) {
    const lot = next.lots[0];
    if (!lot) break;
    const closing = Math.min(Math.abs(remaining), Math.abs(lot.quantity));
    const direction = Math.sign(lot.quantity); // +1 closing a long, -1 closing a short
    const pnlPerUnit = direction * (fill.price - lot.price);
    next.realizedPnl = addPaise(next.realizedPnl, mulPaise(pnlPerUnit as Paise, closing));
    lot.quantity -= direction * closing;
    next.netQuantity -= direction * closing;
    remaining += direction * closing;
    if (lot.quantity === 0) next.lots.shift();
  }
  if (remaining !== 0) {
    next.lots.push({ quantity: remaining, price: fill.price });
    next.netQuantity += remaining;
  }
  return next;
}

/** Sum of signed quantity × price over the open lots (what the open position cost). */
export const openCost = (position: Pick<PositionState, 'lots'>): Paise =>
  position.lots.reduce<Paise>((total, lot) => addPaise(total, mulPaise(lot.price, lot.quantity)), ZERO_PAISE);

/** Mark-to-market of the open lots at a price. */
export const unrealizedPnl = (position: Pick<PositionState, 'lots' | 'netQuantity'>, markPrice: Paise): Paise =>
  subPaise(mulPaise(markPrice, position.netQuantity), openCost(position));

/** Average price of the open lots, rupees, for display. */
export const averageOpenPrice = (position: Pick<PositionState, 'lots' | 'netQuantity'>): number | null =>
  position.netQuantity === 0 ? null : openCost(position) / position.netQuantity / 100;

/** The position as the API shows it; unrealized P&L is marked at `lastPrice`. */
export const PositionViewSchema = z.object({
  accountId: AccountIdSchema,
  instrumentId: InstrumentIdSchema,
  product: ProductSchema,
  netQuantity: z.number().int(),
  /** Signed cost of the open lots; average price = openCost / netQuantity. */
  openCost: PaiseSchema,
  buyQuantity: z.number().int().nonnegative(),
  buyValue: PaiseSchema,
  sellQuantity: z.number().int().nonnegative(),
  sellValue: PaiseSchema,
  realizedPnl: PaiseSchema,
  lastPrice: PaiseSchema.nullable(),
  unrealizedPnl: PaiseSchema,
});
export type PositionView = z.infer<typeof PositionViewSchema>;

export function toPositionView(position: PositionState, lastPrice: Paise | null): PositionView {
  return {
    accountId: position.accountId,
    instrumentId: position.instrumentId,
    product: position.product,
    netQuantity: position.netQuantity,
    openCost: openCost(position),
    buyQuantity: position.buyQuantity,
    buyValue: position.buyValue,
    sellQuantity: position.sellQuantity,
    sellValue: position.sellValue,
    realizedPnl: position.realizedPnl,
    lastPrice,
    unrealizedPnl: lastPrice === null ? ZERO_PAISE : unrealizedPnl(position, lastPrice),
  };
}

/** Re-marks a position view at a new price (used by the web on live ticks). */
export const remarkPositionView = (view: PositionView, lastPrice: Paise): PositionView => ({
  ...view,
  lastPrice,
  unrealizedPnl: subPaise(mulPaise(lastPrice, view.netQuantity), view.openCost),
});
