import type { OrderStatus } from '@strikedesk/domain';
import { Badge, type BadgeTone } from '@strikedesk/ui';

const TONES: Record<OrderStatus, BadgeTone> = {
  SUBMITTED: 'warning',
  OPEN: 'info',
  TRIGGER_PENDING: 'info',
  PENDING_MODIFY: 'warning',
  PENDING_CANCEL: 'warning',
  PARTIALLY_FILLED: 'info',
  FILLED: 'success',
  CANCELED: 'neutral',
  REJECTED: 'danger',
  DENIED: 'danger',
  EXPIRED: 'neutral',
};

export function OrderStatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  return (
    <Badge tone={TONES[status]} testId={testId}>
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
