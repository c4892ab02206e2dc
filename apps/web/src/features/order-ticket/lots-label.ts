import { unitsText } from '@strikedesk/domain';

/** Under the lots field: what the lots come to in units ("= 1,950 units (lot size 65)"). */
export function unitsHint(lots: string, lotSize: number): string {
  const whole = /^\d{1,7}$/.test(lots.trim()) ? Number(lots.trim()) : null;
  return whole === null ? `Lot size ${unitsText(lotSize)}` : `= ${unitsText(whole * lotSize)} units (lot size ${unitsText(lotSize)})`;
}
