import type { SignalStage, SignalUpdate } from '@strikedesk/domain';

const IST = 'Asia/Kolkata';
const timeFormat = new Intl.DateTimeFormat('en-IN', { timeZone: IST, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat('en-IN', {
  timeZone: IST,
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: IST, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "14:32:05" today, "4 Dec, 14:32:05" on another day, in Indian market time whatever the browser's zone. */
export function istClockText(epochMs: number, now: number = Date.now()): string {
  return (dayFormat.format(epochMs) === dayFormat.format(now) ? timeFormat : dateTimeFormat).format(epochMs);
}

const STAGE_LABELS: Record<SignalStage, string> = {
  RECEIVED: 'Received',
  DUPLICATE: 'Repeat received (ignored)',
  PARSED: 'Parsed',
  REJECTED: 'Rejected',
  RISK_CHECKED: 'Checked against the strategy',
  NO_ACTION: 'Nothing to do',
  ORDER_SENT: 'Order sent',
  ACKNOWLEDGED: 'Acknowledged by the broker',
  FILLED: 'Filled',
  ORDER_REJECTED: 'Order rejected',
  ORDER_CANCELED: 'Order cancelled',
  PORTFOLIO_STARTED: 'Portfolio armed',
  PORTFOLIO_EXITED: 'Portfolio exit started',
  FAILED: 'Failed',
};

export const stageLabel = (stage: SignalStage): string => STAGE_LABELS[stage];

/** The toast for a signal that did not trade, or null for outcomes that need no notice. */
export function signalNoticeText(update: Pick<SignalUpdate, 'status' | 'strategyName' | 'reasonCode' | 'reasonMessage'>): string | null {
  if (update.status !== 'REJECTED' && update.status !== 'FAILED') return null;
  const reason = update.reasonMessage ?? update.reasonCode ?? 'no reason given';
  return `Signal from ${update.strategyName} ${update.status === 'REJECTED' ? 'rejected' : 'failed'}: ${reason}`;
}

/**
 * Alerts without an id are deduplicated by their body, for 30 s only (the gateway's
 * BODY_DEDUPE_WINDOW_SECONDS: TradingView resends within ~20 s); an id is honoured for 7 days.
 */
export function alertIdText(alertId: string | null): string {
  return alertId ?? '— (a repeat is recognised only by an identical body within 30 s)';
}

/**
 * The list's empty text: under a filter "no signals yet" told a trader their strategies had never
 * received an alert, when the filter only hid them.
 */
export function signalsEmptyText(filter: { strategyId: string; status: string }, strategyName?: string): string {
  if (filter.strategyId === '' && filter.status === '') return "No signals yet: they appear here as TradingView posts alerts to your strategies' URLs.";
  const status = filter.status === '' ? '' : ` ${filter.status.replaceAll('_', ' ')}`;
  const strategy = filter.strategyId === '' ? '' : ` from ${strategyName ?? 'this strategy'}`;
  return `No${status} signals${strategy}. Choose “Every status” or “Every strategy” to see the others.`;
}
