'use client';

import { useState } from 'react';
import type { BarInterval, Instrument, Side } from '@strikedesk/domain';
import { Button } from '@strikedesk/ui';
import { LiveQuote } from '../order-ticket/live-quote.tsx';
import { CandleChartBody } from './candle-chart-body.tsx';
import { IntervalPicker } from './interval-picker.tsx';
import styles from './market-watch.module.css';

type ChartPanelProps = { instrument: Instrument | null; onTrade: (instrument: Instrument, side: Side) => void };

/** A session at 5-minute candles (75 bars) fits the panel and still shows the intraday swings. */
const DEFAULT_INTERVAL: BarInterval = '5m';

/**
 * The selected instrument's candles (history plus the live forming bar) at a chosen interval, with
 * its live quote and quick B/S buttons. The interval stays as picked when another symbol is selected.
 */
export function ChartPanel({ instrument, onTrade }: ChartPanelProps) {
  const [interval, setChartInterval] = useState<BarInterval>(DEFAULT_INTERVAL);

  return (
    <section className={styles.panel} aria-labelledby="chart-title" data-testid="chart-panel">
      <h2 id="chart-title" className={styles.panelTitle} data-testid="chart-instrument">
        {instrument ? instrument.displayName : 'Select an instrument'}
      </h2>
      {instrument ? (
        <>
          <LiveQuote instrumentId={instrument.id} testIdPrefix="chart" />
          <IntervalPicker value={interval} onValueChange={setChartInterval} />
          <CandleChartBody instrument={instrument} interval={interval} />
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
