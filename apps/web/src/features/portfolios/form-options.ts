import { EXPIRY_CHOICES, LEG_KINDS, STRIKE_SELECTOR_MODES, type ExpiryChoice, type StrikeSelectorMode } from '@strikedesk/domain';
import type { SelectOption } from '@strikedesk/ui';
import type { ThresholdUnit } from './leg-form.ts';
import { expiryChoiceText } from './portfolio-text.ts';

export const expiryOptions: SelectOption<ExpiryChoice>[] = EXPIRY_CHOICES.map((value) => ({ value, label: expiryChoiceText(value) }));
export const legExpiryOptions: SelectOption<ExpiryChoice | 'PORTFOLIO'>[] = [{ value: 'PORTFOLIO', label: 'Portfolio’s' }, ...expiryOptions];
export const legKindOptions = LEG_KINDS.map((value) => ({ value, label: value }));

export const STRIKE_MODE_LABELS: Readonly<Record<StrikeSelectorMode, string>> = {
  ATM_OFFSET: 'ATM ± steps',
  PREMIUM_CLOSEST: 'Premium near ₹',
  DELTA_CLOSEST: 'Delta near',
  OTM_PERCENT: '% OTM',
  EXACT: 'Strike',
};
export const strikeModeOptions: SelectOption<StrikeSelectorMode>[] = STRIKE_SELECTOR_MODES.map((value) => ({ value, label: STRIKE_MODE_LABELS[value] }));

/** What the strike value box holds in each mode, for its accessible name and placeholder. */
export const STRIKE_VALUE_HINTS: Readonly<Record<StrikeSelectorMode, string>> = {
  ATM_OFFSET: 'steps, + above ATM',
  PREMIUM_CLOSEST: '₹ premium',
  DELTA_CLOSEST: 'delta 0.01–0.99',
  OTM_PERCENT: '% from spot',
  EXACT: '₹ strike',
};

export const thresholdUnitOptions: SelectOption<ThresholdUnit>[] = [
  { value: 'NONE', label: '—' },
  { value: 'POINTS', label: '₹ pts' },
  { value: 'PERCENT', label: '%' },
];

/** A leg's order type at entry: the portfolio's, or its own. */
export const legOrderTypeOptions: SelectOption<'PORTFOLIO' | 'MARKET' | 'LIMIT'>[] = [
  { value: 'PORTFOLIO', label: 'Portfolio’s' },
  { value: 'MARKET', label: 'Market (protected)' },
  { value: 'LIMIT', label: 'Limit (re-priced)' },
];
