'use client';

import { formatRupees, paise, type OptionChain } from '@strikedesk/domain';
import { useStaleMarks } from '@strikedesk/ui';
import { formatIv, formatRatio, formatTimeToExpiry, SHADING_LEGEND } from './chain-view.ts';
import styles from './chain.module.css';

type StatProps = { label: string; value: string; testId: string; live?: boolean };

function Stat({ label, value, testId, live = false }: StatProps) {
  const { className: staleClass, ...staleMarks } = useStaleMarks(live);
  return (
    <div className={styles.stat}>
      <dt className={styles.statLabel}>{label}</dt>
      <dd className={`${styles.statValue} ${staleClass}`} data-testid={testId} {...staleMarks}>
        {value}
      </dd>
    </div>
  );
}

/** Spot, future (or the implied forward), time to expiry, ATM IV, PCR and max pain. */
export function ChainHeader({ chain }: { chain: OptionChain }) {
  // The forward is a model number in rupees: shown to the paisa, never booked.
  const forwardPaise = paise(Math.round(chain.forward * 100));
  return (
    <dl className={styles.stats} aria-label="Chain summary">
      <Stat label="Spot" value={formatRupees(chain.spot)} testId="chain-spot" live />
      <Stat
        label={chain.future === null ? 'Forward (implied)' : 'Future'}
        value={formatRupees(chain.future ?? forwardPaise)}
        testId="chain-future" live
      />
      <Stat label="Expires in" value={formatTimeToExpiry(chain.timeToExpiryYears)} testId="chain-time-to-expiry" />
      <Stat label="ATM IV" value={chain.atmIv === null ? '—' : `${formatIv(chain.atmIv)}%`} testId="chain-atm-iv" live />
      <Stat label="PCR (all strikes)" value={formatRatio(chain.pcr)} testId="chain-pcr" live />
      <Stat label="Max pain (all strikes)" value={chain.maxPain === null ? '—' : formatRupees(chain.maxPain)} testId="chain-max-pain" live />
      <Stat label="Lot size" value={String(chain.lotSize)} testId="chain-lot-size" />
      <div
        className={`${styles.stat} ${styles.legend}`}
        title="Calls are in the money below spot, puts above it (index options settle against spot); the ATM row is the strike nearest the forward."
      >
        <dt className={styles.statLabel}>Shading</dt>
        <dd className={styles.legendText} data-testid="chain-legend">
          {SHADING_LEGEND}
        </dd>
      </div>
    </dl>
  );
}
