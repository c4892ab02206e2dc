'use client';

import type { BarInterval, Instrument } from '@strikedesk/domain';
import { Button, CandleChart } from '@strikedesk/ui';
import { useCandles } from './use-candles.ts';
import styles from './market-watch.module.css';

/** The selected instrument's candles, or why there are none yet: loading, failed (with Retry), no trades. */
export function CandleChartBody({ instrument, interval }: { instrument: Instrument; interval: BarInterval }) {
  const candles = useCandles(instrument, interval);
  if (candles.status === 'loading') {
    return (
      <p className={styles.muted} data-testid="chart-loading">
        Loading candles…
      </p>
    );
  }
  if (candles.status === 'error') {
    return (
      <p role="alert" data-testid="chart-error">
        The candles could not be loaded: {candles.message}{' '}
        <Button size="small" onClick={candles.retry} disabled={candles.retrying}>
          Retry
        </Button>
      </p>
    );
  }
  if (candles.bars.length === 0) {
    return (
      <p className={styles.muted} data-testid="chart-no-trade">
        No trades recorded yet: the first candle opens at the first trade.
      </p>
    );
  }
  return (
    <CandleChart
      seriesKey={candles.seriesKey}
      bars={candles.bars}
      tickSize={instrument.tickSize}
      intraday={interval !== '1D'}
      ariaLabel={`${interval} candle chart of ${instrument.displayName}`}
      testId="candle-chart"
    />
  );
}
