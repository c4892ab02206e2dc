import { formatRupees, type Paise } from '@strikedesk/domain';

const integerFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** Money from integer paise, Indian grouping ("12,34,567.50"); em dash when unknown. */
export const formatMoney = (amount: Paise | null | undefined, options: { sign?: boolean } = {}): string =>
  amount === null || amount === undefined ? '—' : formatRupees(amount, options);

/** Whole numbers (quantities, volume, open interest) with Indian grouping. */
export const formatInteger = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : integerFormat.format(value);

/** A display percentage with two decimals and an explicit sign. */
export const formatPercent = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return '—';
  const sign = value > 0 ? '+' : '';
  return `${sign}${value.toFixed(2)}%`;
};

export type Direction = 'up' | 'down' | 'flat';

export const directionOf = (value: number | null | undefined): Direction =>
  value === null || value === undefined || value === 0 ? 'flat' : value > 0 ? 'up' : 'down';
