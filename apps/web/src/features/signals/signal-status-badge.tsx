import type { SignalStatus } from '@strikedesk/domain';
import { Badge, type BadgeTone } from '@strikedesk/ui';

const TONES: Record<SignalStatus, BadgeTone> = {
  ACCEPTED: 'warning',
  PROCESSING: 'warning',
  EXECUTED: 'success',
  NO_ACTION: 'neutral',
  REJECTED: 'danger',
  FAILED: 'danger',
};

export function SignalStatusBadge({ status, testId, title }: { status: SignalStatus; testId?: string; title?: string }) {
  return (
    <Badge tone={TONES[status]} testId={testId} title={title}>
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
