'use client';

import { useId, useMemo, type ReactNode } from 'react';
import { analyzePayoff, rupeesLabel, type OptionChain, type ResolvedLeg } from '@strikedesk/domain';
import { PayoffChart } from './payoff-chart.tsx';
import { chartRange, payoffContextOf } from './payoff-context.ts';
import { levelText, netPremiumText, pnlFigure, probabilityText } from './portfolio-text.ts';
import layout from '../shell/layout.module.css';
import payoff from './payoff.module.css';
import styles from './portfolios.module.css';

type PayoffPanelProps = {
  /** Every leg resolved against the live chains; null while some leg is not (then `waiting` says why). */
  legs: readonly ResolvedLeg[] | null;
  chains: readonly OptionChain[];
  waiting: string;
};

/**
 * One figure under the chart. The value is an <output> named by its label, so it reads (and is
 * found) as "Max profit: +₹3,835"; not announced on every price tick (aria-live off).
 */
function Figure({ label, children, note }: { label: string; children: ReactNode; note?: string }) {
  const id = useId();
  return (
    <div className={styles.figure}>
      <span id={id} className={styles.figureLabel}>
        {label}
        {note ? <span className={payoff.figureNote}> {note}</span> : null}
      </span>
      <output aria-labelledby={id} aria-live="off" className={styles.figureValue}>
        {children}
      </output>
    </div>
  );
}

/** The payoff of the legs as they would trade now, recomputed in the browser whenever a leg or a price changes. */
export function PayoffPanel({ legs, chains, waiting }: PayoffPanelProps) {
  const context = useMemo(() => payoffContextOf(chains), [chains]);
  const analysis = useMemo(() => (legs && context ? analyzePayoff(legs, { ...context, range: chartRange(legs, context.spot) }) : null), [legs, context]);

  return (
    <section className={layout.panel} aria-labelledby="portfolio-payoff-title" data-testid="payoff-panel">
      <h3 className={layout.panelTitle} id="portfolio-payoff-title">
        Payoff
        {analysis?.nearestExpiry ? <span className={layout.muted}> · at expiry {analysis.nearestExpiry}{analysis.exact ? '' : ' (later legs modelled)'}</span> : null}
      </h3>
      {!analysis || !context ? (
        <p className={layout.muted}>{waiting}</p>
      ) : (
        <>
          <PayoffChart curve={analysis.curve} spot={context.spot} breakevens={analysis.breakevens} />
          <div className={styles.figures}>
            <Figure label="Max profit">
              <span className={payoff.upText}>{pnlFigure(analysis.maxProfit)}</span>
            </Figure>
            <Figure label="Max loss">
              <span className={payoff.downText}>{pnlFigure(analysis.maxLoss)}</span>
            </Figure>
            <Figure label="Breakevens">{analysis.breakevens.length === 0 ? 'None' : analysis.breakevens.map(levelText).join(' · ')}</Figure>
            <Figure label="Net premium">{netPremiumText(analysis.netPremium)}</Figure>
            <Figure label="Probability of profit">{probabilityText(analysis.probabilityOfProfit)}</Figure>
            <Figure label="Margin required" note="approx. (paper)">
              {rupeesLabel(analysis.margin.total)}
            </Figure>
          </div>
        </>
      )}
    </section>
  );
}
