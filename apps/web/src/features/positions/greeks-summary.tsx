'use client';

import type { AccountGreeks, GreeksTotals } from '@strikedesk/domain';
import { useStaleMarks } from '@strikedesk/ui';
import { formatDeltaLots, formatGreekRupees } from './greeks-format.ts';
import layout from '../shell/layout.module.css';
import styles from './positions.module.css';

/** One row of Greeks totals (an underlying, a book, the account). */
export type SummaryRowProps = { label: string; totals: GreeksTotals; testId: string; showLots: boolean };

export function SummaryRow({ label, totals, testId, showLots }: SummaryRowProps) {
  // Greeks move with the live prices: the row is dimmed with them while the feed is down.
  const { className: staleClass, ...staleMarks } = useStaleMarks();
  return (
    <tr data-testid={testId} className={staleClass} {...staleMarks}>
      <th scope="row">{label}</th>
      <td className={layout.numeric} data-testid={`${testId}-delta-lots`}>
        {/* Lots only add up within one underlying (one lot size). */}
        {showLots ? formatDeltaLots(totals.deltaLots) : '—'}
      </td>
      <td className={layout.numeric} data-testid={`${testId}-delta-rupees`}>
        {formatGreekRupees(totals.deltaRupees)}
      </td>
      <td className={layout.numeric}>{formatGreekRupees(totals.gammaRupeesPerPercent)}</td>
      <td className={layout.numeric} data-testid={`${testId}-theta`}>
        {formatGreekRupees(totals.thetaRupeesPerDay)}
      </td>
      <td className={layout.numeric} data-testid={`${testId}-vega`}>
        {formatGreekRupees(totals.vegaRupeesPerVolPoint)}
      </td>
    </tr>
  );
}

/** The columns a SummaryRow fills, under a heading for the row labels. */
export function SummaryHeader({ label }: { label: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{label}</th>
        <th scope="col">Δ lots</th>
        <th scope="col">₹ Δ</th>
        <th scope="col">Γ ₹/1%</th>
        <th scope="col">Θ ₹/day</th>
        <th scope="col">Vega ₹/vol pt</th>
      </tr>
    </thead>
  );
}

/** Net Greeks per underlying and for the whole account (estimates, live). */
export function GreeksSummary({ greeks }: { greeks: AccountGreeks | undefined }) {
  return (
    <section className={styles.summary} aria-label="Greeks summary" data-testid="greeks-summary">
      <h2 className={styles.subtitle}>Greeks (estimates)</h2>
      {!greeks || greeks.byUnderlying.length === 0 ? (
        <p className={styles.muted}>No option or futures exposure.</p>
      ) : (
        <table className={styles.summaryTable}>
          <SummaryHeader label="Underlying" />
          <tbody>
            {greeks.byUnderlying.map((item) => (
              <SummaryRow key={item.underlying} label={item.underlying} totals={item} testId={`greeks-underlying-${item.underlying}`} showLots />
            ))}
          </tbody>
          <tfoot>
            <SummaryRow label="Account" totals={greeks.total} testId="greeks-total" showLots={greeks.byUnderlying.length === 1} />
          </tfoot>
        </table>
      )}
    </section>
  );
}
