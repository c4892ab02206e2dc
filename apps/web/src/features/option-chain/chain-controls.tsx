'use client';

import type { ChainExpiry, ChainQuery } from '@strikedesk/domain';
import { SelectField } from '@strikedesk/ui';
import styles from './chain.module.css';

export const CHAIN_UNDERLYINGS = ['NIFTY', 'BANKNIFTY'] as const;
export type ChainUnderlying = (typeof CHAIN_UNDERLYINGS)[number];
/** The strikes-each-side choices the engine accepts (ChainQuery.strikesEachSide), exactly. */
export const STRIKE_COUNTS = ['5', '10', '15', '20', '30'] as const;
export type StrikeCount = (typeof STRIKE_COUNTS)[number];
const STRIKES_EACH_SIDE: Record<StrikeCount, ChainQuery['strikesEachSide']> = { '5': 5, '10': 10, '15': 15, '20': 20, '30': 30 };
export const strikesEachSide = (count: StrikeCount): ChainQuery['strikesEachSide'] => STRIKES_EACH_SIDE[count];

const underlyingOptions = CHAIN_UNDERLYINGS.map((value) => ({ value, label: value }));
const strikeOptions = STRIKE_COUNTS.map((value) => ({ value, label: `${value} each side` }));
const dateFormat = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const expiryLabel = (expiry: ChainExpiry): string =>
  `${dateFormat.format(new Date(`${expiry.expiry}T00:00:00Z`))} · ${expiry.expiryType === 'WEEKLY' ? 'Weekly' : 'Monthly'}`;

type ChainControlsProps = {
  underlying: ChainUnderlying;
  onUnderlying: (value: ChainUnderlying) => void;
  expiries: readonly ChainExpiry[];
  expiry: string;
  onExpiry: (value: string) => void;
  strikes: StrikeCount;
  onStrikes: (value: StrikeCount) => void;
  showGreeks: boolean;
  onShowGreeks: (value: boolean) => void;
};

/** Underlying, expiry, strikes around ATM, and the Greeks toggle. */
export function ChainControls(props: ChainControlsProps) {
  const expiryOptions = props.expiries.map((expiry) => ({ value: expiry.expiry, label: expiryLabel(expiry) }));
  return (
    <div className={styles.controls}>
      <SelectField label="Underlying" value={props.underlying} options={underlyingOptions} onValueChange={props.onUnderlying} data-testid="chain-underlying" />
      <SelectField
        label="Expiry"
        value={props.expiry}
        options={expiryOptions.length > 0 ? expiryOptions : [{ value: props.expiry, label: props.expiry === '' ? 'Loading…' : props.expiry }]}
        onValueChange={props.onExpiry}
        disabled={expiryOptions.length === 0}
        data-testid="chain-expiry"
      />
      <SelectField label="Strikes" value={props.strikes} options={strikeOptions} onValueChange={props.onStrikes} data-testid="chain-strikes" />
      <label className={styles.toggle}>
        <input
          type="checkbox"
          checked={props.showGreeks}
          onChange={(event) => props.onShowGreeks(event.target.checked)}
          data-testid="chain-greeks-toggle"
        />
        Greeks
      </label>
    </div>
  );
}
