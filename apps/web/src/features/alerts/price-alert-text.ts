import { rupeesLabel, type PriceAlert } from '@strikedesk/domain';
import { istOrderTimeText } from '../../lib/format/ist-time.ts';

/** "Watching"; "Fired 10:12:31 at ₹123.45"; "Cancelled". */
export function alertStatusText(alert: PriceAlert, now: number = Date.now()): string {
  if (alert.status === 'ACTIVE') return 'Watching';
  if (alert.status === 'CANCELLED') return 'Cancelled';
  const at = alert.triggeredAt === null ? '' : ` ${istOrderTimeText(alert.triggeredAt, now)}`;
  const price = alert.triggeredPrice === null ? '' : ` at ${rupeesLabel(alert.triggeredPrice)}`;
  return `Fired${at}${price}`;
}
