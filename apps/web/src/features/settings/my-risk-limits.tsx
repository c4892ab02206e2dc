'use client';

import { errorMessage } from '@/lib/api/api-error.ts';
import { useRiskLimits } from '@/lib/queries/use-risk-limits.ts';
import { formatLimit, LIMIT_FIELDS, SQUARE_OFF_ON_DAILY_LOSS_LABEL } from '../admin/risk-limit-fields.ts';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

/** The limits an admin set for this account, read-only: what a refused order was measured against. */
export function MyRiskLimits() {
  const limits = useRiskLimits();
  return (
    <section className={`${layout.panel} ${styles.narrow}`} aria-labelledby="my-limits-title" data-testid="my-risk-limits">
      <h2 id="my-limits-title" className={layout.panelTitle}>
        Your risk limits
      </h2>
      {limits.isError ? (
        <p className={layout.error} role="alert">
          {errorMessage(limits.error)}
        </p>
      ) : !limits.data ? (
        <p className={layout.muted}>Loading…</p>
      ) : (
        <>
          <p className={layout.muted} data-testid="my-risk-limits-version">
            Version {limits.data.version}
            {limits.data.version === 0 ? ' (engine defaults)' : ''}. Only an admin can change them.
          </p>
          <dl className={styles.limits}>
            {LIMIT_FIELDS.map((field) => (
              <div key={field.key} className={styles.limit}>
                <dt>{field.label}</dt>
                <dd data-testid={`my-risk-limit-${field.key}`}>{formatLimit(field.kind, limits.data.limits[field.key])}</dd>
              </div>
            ))}
            <div className={styles.limit}>
              <dt>{SQUARE_OFF_ON_DAILY_LOSS_LABEL}</dt>
              <dd>{limits.data.limits.squareOffOnDailyLoss ? 'yes' : 'no'}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
