'use client';

import { BAR_INTERVALS, type BarInterval } from '@strikedesk/domain';
import { SegmentedControl, type SegmentOption } from '@strikedesk/ui';
import styles from './interval-picker.module.css';

const INTERVAL_OPTIONS: readonly SegmentOption<BarInterval>[] = BAR_INTERVALS.map((interval) => ({
  value: interval,
  label: interval,
  testId: `chart-interval-${interval}`,
}));

/** The candle width, as Kite and TradingView label it (1m … 1D); a radio group named "Candle interval". */
export function IntervalPicker({ value, onValueChange }: { value: BarInterval; onValueChange: (interval: BarInterval) => void }) {
  return (
    <div className={styles.toolbar}>
      <SegmentedControl label="Candle interval" value={value} options={INTERVAL_OPTIONS} onValueChange={onValueChange} testId="chart-interval" />
    </div>
  );
}
