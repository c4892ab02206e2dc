/** "1 lot", "3 lots", "-1 lot" (a short position). */
export const lotsLabel = (lots: number): string => `${lots} ${Math.abs(lots) === 1 ? 'lot' : 'lots'}`;

const unitsFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** A quantity in units with Indian grouping, as Kite shows it: 1800 → "1,800", -32500 → "-32,500". */
export const unitsText = (units: number): string => unitsFormat.format(units);

/** Under the lots field: what the lots come to in units ("= 1,950 units (lot size 65)"). */
export function unitsHint(lots: string, lotSize: number): string {
  const whole = /^\d{1,7}$/.test(lots.trim()) ? Number(lots.trim()) : null;
  return whole === null ? `Lot size ${unitsText(lotSize)}` : `= ${unitsText(whole * lotSize)} units (lot size ${unitsText(lotSize)})`;
}
