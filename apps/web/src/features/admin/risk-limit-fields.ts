import { formatRupees, type Paise, type RiskLimits } from '@strikedesk/domain';

/** How a limit is entered and shown: whole lots, a count, rupees (exact paise), or a percentage. */
export type LimitKind = 'lots' | 'count' | 'rupees' | 'percent';

export type NumericLimitKey = Exclude<keyof RiskLimits, 'squareOffOnDailyLoss'>;

export type LimitField = { key: NumericLimitKey; label: string; kind: LimitKind; nullable: boolean; hint: string };

/** Every numeric field of RiskLimits, in the order the form shows them. */
export const LIMIT_FIELDS: readonly LimitField[] = [
  { key: 'maxOrderLots', label: 'Max order size (lots)', kind: 'lots', nullable: true, hint: 'Before slicing above the freeze quantity' },
  { key: 'maxOrderValue', label: 'Max order value (₹)', kind: 'rupees', nullable: true, hint: 'Quantity × limit price (market orders at the best offer or bid)' },
  { key: 'maxOpenOrders', label: 'Max open orders', kind: 'count', nullable: true, hint: 'Working and in-flight; each slice counts' },
  { key: 'maxPositionLotsPerInstrument', label: 'Max position per instrument (lots)', kind: 'lots', nullable: true, hint: 'Counting working orders that add to it' },
  { key: 'maxPositionLotsPerUnderlying', label: 'Max position per underlying (lots)', kind: 'lots', nullable: true, hint: 'Σ |lots| over its futures and options' },
  { key: 'priceBandPercent', label: 'Price band (% from LTP)', kind: 'percent', nullable: true, hint: 'Fat-finger guard for LIMIT / SL prices' },
  { key: 'ordersPerSecond', label: 'Orders per second', kind: 'count', nullable: false, hint: 'Per exchange segment (SEBI retail-algo threshold: 10)' },
  { key: 'ordersPerMinute', label: 'Orders per minute', kind: 'count', nullable: true, hint: "The broker's cap (Kite: 400)" },
  { key: 'ordersPerDay', label: 'Orders per day', kind: 'count', nullable: true, hint: "The broker's cap (Kite: 5,000)" },
  { key: 'dailyLossLimit', label: 'Daily loss limit (₹)', kind: 'rupees', nullable: true, hint: 'Day P&L at or below −this blocks risk-increasing orders' },
];

export const SQUARE_OFF_ON_DAILY_LOSS_LABEL = 'Square off everything when the daily loss limit is hit';

const lotsText = (value: number): string => `${value} ${value === 1 ? 'lot' : 'lots'}`;

/** A limit for reading ("500 lots", "₹5,00,000.00", "20%", "off"). */
export function formatLimit(kind: LimitKind, value: number | null): string {
  if (value === null) return 'off';
  switch (kind) {
    case 'lots':
      return lotsText(value);
    case 'rupees':
      return `₹${formatRupees(value as Paise)}`;
    case 'percent':
      return `${value}%`;
    case 'count':
      return new Intl.NumberFormat('en-IN').format(value);
  }
}

/** What changed from one version to the next, one "label: before → after" per field. */
export function describeLimitChanges(before: RiskLimits | null, after: RiskLimits): string[] {
  if (before === null) return [];
  const changes = LIMIT_FIELDS.filter((field) => before[field.key] !== after[field.key]).map(
    (field) => `${field.label}: ${formatLimit(field.kind, before[field.key])} → ${formatLimit(field.kind, after[field.key])}`,
  );
  if (before.squareOffOnDailyLoss !== after.squareOffOnDailyLoss) {
    changes.push(`Square off on daily loss: ${before.squareOffOnDailyLoss ? 'yes' : 'no'} → ${after.squareOffOnDailyLoss ? 'yes' : 'no'}`);
  }
  return changes;
}
