'use client';

import { useMemo } from 'react';
import type { Instrument, Side } from '@strikedesk/domain';
import { Button, LiveLineChart, type ChartPoint } from '@strikedesk/ui';
import { useLiveTick } from '@/lib/live/use-live-ticks.ts';
import { LiveQuote } from '../order-ticket/live-quote.tsx';
import styles from './market-watch.module.css';

type LtpChartPanelProps = { instrument: Instrument | null; onTrade: (instrument: Instrument, side: Side) => void };

/** The selected instrument's LTP as a live line, with quick B/S buttons. */
export function LtpChartPanel({ instrument, onTrade }: LtpChartPanelProps) {
  const tick = useLiveTick(instrument?.id ?? null);
  const timestamp = tick?.timestamp;
  const lastPrice = tick?.lastPrice;
  const point = useMemo<ChartPoint | null>(
    // Paise to rupees as a float is fine here: the chart only draws it.
    () => (timestamp === undefined || lastPrice === undefined ? null : { timeMs: timestamp, value: lastPrice / 100 }),
    [timestamp, lastPrice],
  );

  return (
    <section className={styles.panel} aria-labelledby="chart-title" data-testid="chart-panel">
      <h2 id="chart-title" className={styles.panelTitle} data-testid="chart-instrument">
        {instrument ? instrument.displayName : 'Select an instrument'}
      </h2>
      {instrument ? (
        <>
          <LiveQuote instrumentId={instrument.id} testIdPrefix="chart" />
          <LiveLineChart seriesKey={instrument.id} point={point} ariaLabel={`Live LTP chart of ${instrument.displayName}`} testId="ltp-chart" />
          <div className={styles.actions}>
            <Button variant="buy" disabled={!instrument.tradable} onClick={() => onTrade(instrument, 'BUY')} data-testid="chart-buy">
              Buy
            </Button>
            <Button variant="sell" disabled={!instrument.tradable} onClick={() => onTrade(instrument, 'SELL')} data-testid="chart-sell">
              Sell
            </Button>
          </div>
        </>
      ) : (
        <p className={styles.muted}>Click a symbol in the watchlist to chart it.</p>
      )}
    </section>
  );
}
