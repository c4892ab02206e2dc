import { lotsLabel, unitsText, type Instrument, type PositionView } from '@strikedesk/domain';

/**
 * A quantity in lots ("2 lots", "-1 lot"), or null when it is not a whole number of lots: a
 * position held across an exchange lot-size revision (NSE revises F&O lot sizes; the contract then
 * lists the new size while the position keeps the old multiple). Units are the truth then.
 */
export function lotsText(quantity: number, lotSize: number | undefined): string | null {
  if (!lotSize || quantity % lotSize !== 0) return null;
  return lotsLabel(quantity / lotSize);
}

/**
 * What a square-off of this position sends, as the trader confirms it: "SELL 2 lots NIFTY 24500 CE
 * NRML" — the opposite side, the whole net quantity, its product. Null for a flat position: there
 * is nothing to close.
 */
export function squareOffText(
  view: Pick<PositionView, 'instrumentId' | 'product' | 'netQuantity'>,
  instrument: Pick<Instrument, 'displayName' | 'lotSize'> | undefined,
): string | null {
  const quantity = view.netQuantity;
  if (quantity === 0) return null;
  const size = lotsText(Math.abs(quantity), instrument?.lotSize) ?? `${unitsText(Math.abs(quantity))} units`;
  return `${quantity > 0 ? 'SELL' : 'BUY'} ${size} ${instrument?.displayName ?? view.instrumentId} ${view.product}`;
}
