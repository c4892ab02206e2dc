/** "1 lot", "3 lots", "-1 lot" (a short position). */
export const lotsLabel = (lots: number): string => `${lots} ${Math.abs(lots) === 1 ? 'lot' : 'lots'}`;

const unitsFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** A quantity in units with Indian grouping, as Kite shows it: 1800 → "1,800", -32500 → "-32,500". */
export const unitsText = (units: number): string => unitsFormat.format(units);

/**
 * A quantity as a trader sizes it: "27 lots (1,755 units)", or "100 units" when it is not a whole
 * number of lots (a position held across a lot-size revision). F&O is traded in lots; messages that
 * give units alone made the trader divide by the lot size.
 */
export const quantityLabel = (units: number, lotSize: number): string =>
  lotSize > 0 && units % lotSize === 0 ? `${lotsLabel(units / lotSize)} (${unitsText(units)} units)` : `${unitsText(units)} units`;
